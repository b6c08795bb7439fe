import { afterEach, describe, expect, it, vi } from "vitest"
import { createMiaSandbox, type MiaSandbox } from "../src/index.js"
import { rawBank } from "./support/raw-bank.js"

afterEach(() => {
  vi.useRealTimers()
})

const statuses = async (sandbox: MiaSandbox, calls: number, path = "/v2/mia/qr"): Promise<Array<number>> => {
  const bank = rawBank(sandbox)
  await bank.login()
  const seen: Array<number> = []
  for (let index = 0; index < calls; index++) seen.push((await bank.get(path)).status)
  return seen
}

describe("request faults", () => {
  it("fails a share of matching requests, the same ones for the same seed", async () => {
    const rule = { method: "GET", rate: 0.3, fault: { type: "status", status: 503 } } as const
    const first = await statuses(createMiaSandbox({ seed: 11, faults: [rule] }), 40)
    const second = await statuses(createMiaSandbox({ seed: 11, faults: [rule] }), 40)
    const other = await statuses(createMiaSandbox({ seed: 12, faults: [rule] }), 40)
    expect(second).toEqual(first)
    expect(other).not.toEqual(first)
    const failed = first.filter((status) => status === 503).length
    expect(failed).toBeGreaterThan(3)
    expect(failed).toBeLessThan(25)
    expect(new Set(first)).toEqual(new Set([200, 503]))
  })

  it("answers 429 with Retry-After for the next N calls of a route only", async () => {
    const sandbox = createMiaSandbox()
    const bank = rawBank(sandbox)
    await bank.login()
    const rule = sandbox.faults.add({
      method: "GET",
      path: "/v2/mia/qr/{qrId}",
      times: 2,
      fault: { type: "status", status: 429, retryAfter: 3 }
    })
    const qrPath = "/v2/mia/qr/6d24e4a5-c6bf-4d3e-bf7a-8d2123faf4e9"
    expect((await bank.get("/v2/mia/qr")).status).toBe(200)
    const limited = await bank.get(qrPath)
    expect(limited.status).toBe(429)
    expect(limited.headers.get("retry-after")).toBe("3")
    expect(limited.body.ok).toBe(false)
    expect((await bank.get(qrPath)).status).toBe(429)
    expect((await bank.get(qrPath)).status).toBe(404)
    expect(rule.hits).toBe(2)
  })

  it("gives 429 a default Retry-After of 1 second", async () => {
    const sandbox = createMiaSandbox({ faults: [{ fault: { type: "status", status: 429 } }] })
    const answer = await sandbox.handle(new Request(`${sandbox.baseUrl}/v2/mia/qr`))
    expect(answer.headers.get("retry-after")).toBe("1")
  })

  it("leaves the bank's state untouched when a fault answers instead of it", async () => {
    const sandbox = createMiaSandbox()
    const bank = rawBank(sandbox)
    await bank.login()
    sandbox.faults.add({
      method: "POST",
      path: "/v2/mia/*",
      times: 1,
      fault: { type: "status", status: 500 }
    })
    const body = { type: "Static", amountType: "Free", currency: "MDL", description: "x" }
    expect((await bank.post("/v2/mia/qr", body)).status).toBe(500)
    expect(sandbox.state.qrs()).toHaveLength(0)
    expect((await bank.post("/v2/mia/qr", body)).status).toBe(200)
  })

  it("drops the connection: handle answers Response.error()", async () => {
    const sandbox = createMiaSandbox({ faults: [{ path: /token$/, times: 1, fault: { type: "drop" } }] })
    const dropped = await sandbox.handle(new Request(`${sandbox.baseUrl}/v2/auth/token`, { method: "POST" }))
    expect(dropped.type).toBe("error")
    const next = await sandbox.handle(new Request(`${sandbox.baseUrl}/v2/auth/token`, { method: "POST" }))
    expect(next.status).toBe(400)
  })

  it("adds latency before answering", async () => {
    vi.useFakeTimers()
    const sandbox = createMiaSandbox({ faults: [{ fault: { type: "latency", ms: 250 } }] })
    let answered = false
    const pending = sandbox.handle(new Request(`${sandbox.baseUrl}/v2/mia/qr`)).then((response) => {
      answered = true
      return response
    })
    await vi.advanceTimersByTimeAsync(249)
    expect(answered).toBe(false)
    await vi.advanceTimersByTimeAsync(1)
    expect(answered).toBe(true)
    expect((await pending).status).toBe(401)
  })

  it("removes rules one by one or all at once, and rejects impossible rules", () => {
    const sandbox = createMiaSandbox()
    const first = sandbox.faults.add({ fault: { type: "drop" } })
    sandbox.faults.add({ fault: { type: "latency", ms: 1 } })
    expect(sandbox.faults.list()).toHaveLength(2)
    first.remove()
    expect(sandbox.faults.list().map((handle) => handle.rule.fault.type)).toEqual(["latency"])
    sandbox.faults.clear()
    expect(sandbox.faults.list()).toEqual([])
    expect(() => sandbox.faults.add({ rate: 2, fault: { type: "drop" } })).toThrow(
      /rate must be between 0 and 1/
    )
    expect(() => sandbox.faults.add({ fault: { type: "status", status: 200 } })).toThrow(/HTTP error status/)
    expect(() => sandbox.faults.setCallbackFaults({ duplicateRate: -1 })).toThrow(/duplicateRate/)
  })
})

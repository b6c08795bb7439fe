import { afterEach, describe, expect, it } from "vitest"
import { type CallbackReceiver, startCallbackReceiver } from "../support/callback-receiver.js"
import { type LoopbackSandbox, startLoopbackSandbox } from "./support/loopback-client.js"

let bank: LoopbackSandbox | undefined
let receiver: CallbackReceiver | undefined
afterEach(async () => {
  await bank?.close()
  await receiver?.close()
  bank = undefined
  receiver = undefined
})

const setup = async () => {
  bank = await startLoopbackSandbox({ callbackRetryDelays: [] })
  await bank.login()
  return bank
}

describe("POST /v2/sandbox/faults", () => {
  it("makes the next matching request fail, then lets requests through again", async () => {
    const bank = await setup()
    const added = await bank.call("POST", "/v2/sandbox/faults", {
      method: "post",
      path: "/v2/mia/qr",
      times: 1,
      fault: { type: "status", status: 503 }
    })
    expect(added.body.result).toEqual({
      id: 1,
      method: "POST",
      path: "/v2/mia/qr",
      rate: 1,
      times: 1,
      fault: { type: "status", status: 503 },
      hits: 0
    })
    await expect(bank.createQr(15)).rejects.toThrow(/503/)
    expect(bank.sandbox.state.qrs()).toEqual([]) // a faulted request never reaches the bank
    await expect(bank.createQr(15)).resolves.toEqual(expect.any(String))
    const listed = await bank.call("GET", "/v2/sandbox/faults")
    expect(listed.body.result).toEqual({ items: [{ ...added.body.result, hits: 1 }], callbackFaults: {} })
    expect(bank.sandbox.faults.list()[0]?.hits).toBe(1) // the same rule the in-code API sees
  })

  it("sends Retry-After with a 429, and adds latency", async () => {
    const bank = await setup()
    await bank.call("POST", "/v2/sandbox/faults", {
      path: "/v2/mia/qr",
      method: "GET",
      times: 1,
      fault: { type: "status", status: 429, retryAfter: 3 }
    })
    const limited = await bank.call("GET", "/v2/mia/qr")
    expect(limited.status).toBe(429)
    expect(limited.headers.get("retry-after")).toBe("3")
    await bank.call("POST", "/v2/sandbox/faults", { path: "/v2/mia/qr", fault: { type: "latency", ms: 150 } })
    const started = performance.now()
    expect((await bank.call("GET", "/v2/mia/qr")).status).toBe(200)
    expect(performance.now() - started).toBeGreaterThanOrEqual(140)
  })

  it("never applies to the control endpoints: a drop-everything rule can still be cleared", async () => {
    const bank = await setup()
    await bank.call("POST", "/v2/sandbox/faults", { fault: { type: "drop" } })
    await expect(bank.call("GET", "/v2/mia/qr")).rejects.toThrow(/fetch failed/)
    await expect(bank.call("GET", "/pos/api/sandbox/routes")).rejects.toThrow(/fetch failed/)
    const cleared = await bank.call("DELETE", "/v2/sandbox/faults")
    expect(cleared.body.result).toEqual({ items: [], callbackFaults: {} })
    expect((await bank.call("GET", "/v2/mia/qr")).status).toBe(200)
  })

  it("removes one rule by id with DELETE /v2/sandbox/faults/{id}", async () => {
    const bank = await setup()
    await bank.call("POST", "/v2/sandbox/faults", {
      path: "/v2/mia/payments",
      fault: { type: "status", status: 500 }
    })
    const second = await bank.call("POST", "/v2/sandbox/faults", {
      path: "/v2/mia/qr",
      fault: { type: "status", status: 502 }
    })
    expect((await bank.call("GET", "/v2/mia/qr")).status).toBe(502)
    const removed = await bank.call("DELETE", `/v2/sandbox/faults/${second.body.result.id}`)
    expect(removed.body.result.id).toBe(2)
    expect((await bank.call("GET", "/v2/mia/qr")).status).toBe(200)
    expect((await bank.call("GET", "/v2/mia/payments")).status).toBe(500)
    expect((await bank.call("DELETE", "/v2/sandbox/faults/2")).status).toBe(404)
  })

  it("answers 400 naming the field for a bad rule, and adds nothing", async () => {
    const bank = await setup()
    for (const [body, parameter] of [
      [{}, "fault"],
      [{ fault: { type: "explode" } }, "fault.type"],
      [{ fault: { type: "status", status: 200 } }, "fault.status"],
      [{ fault: { type: "status", status: 503, retryAfter: -1 } }, "fault.retryAfter"],
      [{ fault: { type: "latency", ms: 3_600_000 } }, "fault.ms"],
      [{ fault: { type: "drop", ms: 5 } }, "fault.ms"],
      [{ fault: { type: "drop" }, rate: 2 }, "rate"],
      [{ fault: { type: "drop" }, times: 0 }, "times"],
      [{ fault: { type: "drop" }, path: "v2/mia/qr" }, "path"],
      [{ fault: { type: "drop" }, method: 7 }, "method"],
      [{ fault: { type: "drop" }, count: 1 }, "count"]
    ] as const) {
      const answer = await bank.call("POST", "/v2/sandbox/faults", body)
      expect(answer.status, JSON.stringify(body)).toBe(400)
      expect(answer.body.errors[0].errorArgs.parameter, JSON.stringify(body)).toBe(parameter)
    }
    expect((await bank.call("POST", "/v2/sandbox/faults", "{not json")).status).toBe(400)
    expect(bank.sandbox.faults.list()).toEqual([])
  })
})

describe("POST /v2/sandbox/faults/callbacks", () => {
  it("makes every callback arrive twice until turned off", async () => {
    receiver = await startCallbackReceiver()
    const bank = await setup()
    const set = await bank.call("POST", "/v2/sandbox/faults/callbacks", { duplicateRate: 1 })
    expect(set.body.result).toEqual({ duplicateRate: 1 })
    const qrId = await bank.createQr(15, `${receiver.url}/mia/callback`)
    const payId: string = (await bank.testPay(qrId)).body.result.payId
    const delivery = await bank.sandbox.deliveries.waitFor({ payId, status: "delivered", minAttempts: 2 })
    expect(delivery.attempts.map((attempt) => attempt.duplicate).sort()).toEqual([false, true])
    expect((await bank.call("GET", "/v2/sandbox/faults")).body.result.callbackFaults).toEqual({
      duplicateRate: 1
    })

    expect((await bank.call("POST", "/v2/sandbox/faults/callbacks", {})).body.result).toEqual({})
    const bad = await bank.call("POST", "/v2/sandbox/faults/callbacks", { reorderRate: "half" })
    expect(bad.status).toBe(400)
    expect(bad.body.errors[0].errorArgs.parameter).toBe("reorderRate")
  })
})

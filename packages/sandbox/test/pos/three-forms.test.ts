import { type ChildProcess, spawn } from "node:child_process"
import { fileURLToPath } from "node:url"
import { setupServer } from "msw/node"
import { PDFDocument } from "pdf-lib"
import { afterEach, describe, expect, it } from "vitest"
import { createMiaSandbox, createSandboxClock, type MiaSandbox } from "../../src/index.js"
import { DEVICE_HEADERS, IDNO, START, TERMINAL } from "./support/pos-driver.js"

type Fetch = (
  path: string,
  init?: { method?: string; body?: unknown; token?: string; accept?: string }
) => Promise<Response>

const fetcherFor =
  (baseUrl: string): Fetch =>
  (path, init = {}) =>
    fetch(`${baseUrl}${path}`, {
      method: init.method ?? "GET",
      headers: {
        ...DEVICE_HEADERS,
        "x-correlation-id": crypto.randomUUID(),
        ...(init.body === undefined ? {} : { "content-type": "application/json" }),
        ...(init.token === undefined ? {} : { authorization: `Bearer ${init.token}` }),
        ...(init.accept === undefined ? {} : { accept: init.accept })
      },
      ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) })
    })

/** The cashier's day as a client would live it, with codes read from the sandbox-only inbox endpoint. */
const cashierDay = async (call: Fetch) => {
  const json = async (response: Response) => {
    expect(response.headers.get("content-type")).toContain("application/json")
    return response.json()
  }
  const init = await json(
    await call("/pos/api/v1/terminal-activation/init", {
      method: "POST",
      body: { terminalId: TERMINAL, merchantIdno: IDNO }
    })
  )
  expect(init.result).toBe("success")
  const inbox = await json(
    await call(`/pos/api/sandbox/otp-inbox?terminalActivationId=${init.terminalActivationId}`)
  )
  const confirm = await json(
    await call("/pos/api/v1/terminal-activation/confirm", {
      method: "POST",
      body: { terminalActivationId: init.terminalActivationId, otpCode: inbox.messages[0].otpCode }
    })
  )
  expect(confirm.result).toBe("success")
  const login = await json(
    await call("/pos/api/v1/seller/login", {
      method: "POST",
      body: { terminalActivationId: init.terminalActivationId, username: "seller", password: "sandbox" }
    })
  )
  const token: string = login.authTokens.accessToken
  const shift = await json(await call("/pos/api/v1/shift/open", { method: "POST", token }))
  const qr = await json(
    await call("/pos/api/v2/qr", {
      method: "POST",
      token,
      body: { qrType: "dynamic", amountType: "fixed", extension: { amount: 42.42 } }
    })
  )
  const paid = await json(await call(`/pos/api/sandbox/qr/${qr.qrInfo.qrId}/pay`, { method: "POST" }))
  expect(paid).toMatchObject({ result: "success", amount: 42.42 })
  const check = await json(
    await call(`/pos/api/v2/qr/extension/${qr.qrInfo.extension.extensionId}/check`, { token })
  )
  expect(check.state).toBe("paid")
  expect((await json(await call("/pos/api/v1/shift/close", { method: "POST", token }))).result).toBe(
    "success"
  )
  const report = await call(`/pos/api/v2/shift/${shift.shiftId}/z-report?format=pdf`, {
    token,
    accept: "application/pdf"
  })
  expect(report.headers.get("content-type")).toBe("application/pdf")
  const pdf = await PDFDocument.load(new Uint8Array(await report.arrayBuffer()))
  expect(pdf.getPageCount()).toBe(1)
  return { token, shiftId: shift.shiftId as string }
}

let sandbox: MiaSandbox | undefined
let child: ChildProcess | undefined

afterEach(async () => {
  await sandbox?.close()
  sandbox = undefined
  child?.kill("SIGTERM")
  child = undefined
})

describe("the POS simulator inside createMiaSandbox", () => {
  it("serves the whole cashier day over the loopback HTTP server", async () => {
    sandbox = createMiaSandbox()
    const server = await sandbox.listen()
    const { shiftId } = await cashierDay(fetcherFor(server.url))
    expect(sandbox.pos.state.shifts.get(shiftId)?.closedAt).toBeDefined()
    // The device headers arrived over real HTTP and were recorded.
    expect(sandbox.pos.state.lastRequest(TERMINAL)?.headers["x-pos-app-version"]).toBe("12")
  })

  it("serves it through the msw handlers", async () => {
    sandbox = createMiaSandbox()
    const server = setupServer(...sandbox.handlers)
    server.listen({ onUnhandledRequest: "error" })
    try {
      await cashierDay(fetcherFor(sandbox.baseUrl))
    } finally {
      server.close()
    }
    expect(sandbox.pos.inbox.messages()).toHaveLength(1)
  })

  it("shares the sandbox clock and is reset with it", async () => {
    const clock = createSandboxClock(START)
    sandbox = createMiaSandbox({ clock, pos: { accessTokenLifetimeSeconds: 60 } })
    const request = (path: string, init: RequestInit = {}) =>
      sandbox!.handle(new Request(`http://sandbox.test${path}`, init))
    const init = await request("/pos/api/v1/terminal-activation/init", {
      method: "POST",
      headers: { ...DEVICE_HEADERS, "content-type": "application/json" },
      body: JSON.stringify({ terminalId: TERMINAL, merchantIdno: IDNO })
    }).then((response) => response.json())
    const otpCode = sandbox.pos.inbox.latestCode({ terminalActivationId: init.terminalActivationId })
    await request("/pos/api/v1/terminal-activation/confirm", {
      method: "POST",
      body: JSON.stringify({ terminalActivationId: init.terminalActivationId, otpCode })
    })
    const login = await request("/pos/api/v1/seller/login", {
      method: "POST",
      body: JSON.stringify({
        terminalActivationId: init.terminalActivationId,
        username: "seller",
        password: "sandbox"
      })
    }).then((response) => response.json())
    const authorization = `Bearer ${login.authTokens.accessToken}`
    expect((await request("/pos/api/v1/shift/check", { headers: { authorization } })).status).toBe(200)
    clock.advance(60_000)
    expect((await request("/pos/api/v1/shift/check", { headers: { authorization } })).status).toBe(401)
    sandbox.reset()
    expect(sandbox.pos.state.activations.size).toBe(0)
    expect(sandbox.pos.inbox.messages()).toHaveLength(0)
  })

  // A fresh Node process compiles the CLI with tsx first: allow for a loaded CI machine.
  it("is served and announced by the mia-sandbox CLI", { timeout: 90_000 }, async () => {
    const packageDir = fileURLToPath(new URL("../..", import.meta.url))
    const started = await new Promise<{ output: string; url: string }>((resolve, reject) => {
      child = spawn(
        process.execPath,
        ["--conditions=@mia-sdk/source", "--import", "tsx", "src/cli.ts", "--port", "0"],
        {
          cwd: packageDir,
          stdio: ["ignore", "pipe", "pipe"]
        }
      )
      let output = ""
      child.stdout?.on("data", (chunk: Buffer) => {
        output += chunk.toString()
        const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1]
        if (url && output.includes("Ctrl+C")) resolve({ output, url })
      })
      child.stderr?.on("data", (chunk: Buffer) => {
        output += chunk.toString()
      })
      child.on("exit", (code) => reject(new Error(`mia-sandbox exited with ${code}: ${output}`)))
    })
    expect(started.output).toContain(`terminalId    ${TERMINAL} (merchantIdno ${IDNO})`)
    expect(started.output).toContain("seller        seller / sandbox")
    expect(started.output).toContain(`${started.url}/pos/api/sandbox/otp-inbox`)
    await cashierDay(fetcherFor(started.url))
  })
})

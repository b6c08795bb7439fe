import { createSandboxClock, type SandboxClock } from "../../../src/clock.js"
import { createPosSandbox, type PosSandbox, type PosSandboxOptions } from "../../../src/pos/index.js"

export const START = Date.parse("2026-03-02T08:00:00Z")
export const TERMINAL = "10001"
export const IDNO = "1003600012345"

export const DEVICE_HEADERS = {
  "x-device": "Pixel 8",
  "x-platform-type": "android",
  "x-platform-version": "14",
  "x-installation-id": "628f8a47-50a4-47e4-be12-af6c4dac9573",
  "x-native-app-version": "3",
  "x-pos-app-version": "12"
} as const

export interface CallOptions {
  readonly body?: unknown
  readonly rawBody?: string
  readonly token?: string
  readonly headers?: Record<string, string>
}

export interface CallResult {
  readonly status: number
  readonly headers: Headers
  // biome-ignore lint/suspicious/noExplicitAny: test bodies are read field by field
  readonly body: any
}

export type Driver = ReturnType<typeof createDriver>

/** A sandbox with a manual clock and helpers that speak HTTP to `handle()` like a client would. */
export const createDriver = (options: PosSandboxOptions = {}) => {
  const clock: SandboxClock = options.clock ?? createSandboxClock(START)
  const sandbox: PosSandbox = createPosSandbox({ ...options, clock })

  const raw = async (method: string, path: string, options: CallOptions = {}): Promise<Response> => {
    const headers: Record<string, string> = { ...options.headers }
    if (options.token !== undefined) headers.authorization = `Bearer ${options.token}`
    let body: string | undefined
    if (options.rawBody !== undefined) body = options.rawBody
    else if (options.body !== undefined) body = JSON.stringify(options.body)
    if (body !== undefined) headers["content-type"] = "application/json"
    const response = await sandbox.handle(
      new Request(`http://sandbox.test${path}`, { method, headers, body })
    )
    if (response === undefined) throw new Error(`${method} ${path} was not handled`)
    return response
  }

  const call = async (method: string, path: string, options: CallOptions = {}): Promise<CallResult> => {
    const response = await raw(method, path, options)
    return { status: response.status, headers: response.headers, body: await response.json() }
  }

  const activate = async (terminalId = TERMINAL, merchantIdno = IDNO): Promise<string> => {
    const init = await call("POST", "/pos/api/v1/terminal-activation/init", {
      body: { terminalId, merchantIdno },
      headers: DEVICE_HEADERS
    })
    const terminalActivationId: string = init.body.terminalActivationId
    const otpCode = sandbox.inbox.latestCode({ terminalActivationId })
    const confirm = await call("POST", "/pos/api/v1/terminal-activation/confirm", {
      body: { terminalActivationId, otpCode }
    })
    if (confirm.body.result !== "success")
      throw new Error(`activation failed: ${JSON.stringify(confirm.body)}`)
    return terminalActivationId
  }

  const login = async (terminalActivationId: string, username = "seller", password = "sandbox") => {
    const response = await call("POST", "/pos/api/v1/seller/login", {
      body: { terminalActivationId, username, password }
    })
    if (response.body.result !== "success") throw new Error(`login failed: ${JSON.stringify(response.body)}`)
    return response.body.authTokens as {
      accessToken: string
      refreshToken: string
      accessTokenExpiresIn: number
    }
  }

  /** Activated terminal, logged-in seller, open shift. */
  const ready = async (terminalId = TERMINAL) => {
    const terminalActivationId = await activate(terminalId)
    const tokens = await login(terminalActivationId)
    const shift = await call("POST", "/pos/api/v1/shift/open", { token: tokens.accessToken })
    return { terminalActivationId, tokens, token: tokens.accessToken, shiftId: shift.body.shiftId as string }
  }

  const createQr = async (token: string, body: unknown) => {
    const response = await call("POST", "/pos/api/v2/qr", { token, body })
    if (response.body.result !== "success")
      throw new Error(`QR create failed: ${JSON.stringify(response.body)}`)
    return response.body.qrInfo
  }

  const pay = (qrId: string, body: unknown = {}) => call("POST", `/pos/api/sandbox/qr/${qrId}/pay`, { body })

  return { sandbox, clock, raw, call, activate, login, ready, createQr, pay }
}

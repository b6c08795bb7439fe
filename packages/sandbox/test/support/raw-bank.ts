import type { MiaSandbox } from "../../src/index.js"

/** A parsed answer of the sandbox. */
export interface RawAnswer {
  readonly status: number
  readonly headers: Headers
  // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary JSON bodies field by field
  readonly body: any
}

/** Calls `sandbox.handle` the way an HTTP client would, with a token once `login()` ran. */
export const rawBank = (sandbox: MiaSandbox, origin = sandbox.baseUrl) => {
  let token: string | undefined

  const call = async (
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {}
  ): Promise<RawAnswer> => {
    const response = await sandbox.handle(
      new Request(`${origin}${path}`, {
        method,
        headers: {
          ...(body === undefined ? {} : { "content-type": "application/json" }),
          ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
          ...headers
        },
        ...(body === undefined ? {} : { body: typeof body === "string" ? body : JSON.stringify(body) })
      })
    )
    const text = await response.text()
    return {
      status: response.status,
      headers: response.headers,
      body: text === "" ? undefined : JSON.parse(text)
    }
  }

  const login = async (): Promise<string> => {
    const answer = await call("POST", "/v2/auth/token", {
      clientId: sandbox.credentials.clientId,
      clientSecret: sandbox.credentials.clientSecret
    })
    token = answer.body.result.accessToken
    return answer.body.result.accessToken
  }

  return {
    call,
    login,
    get: (path: string) => call("GET", path),
    post: (path: string, body: unknown = {}) => call("POST", path, body),
    setToken: (value: string | undefined) => {
      token = value
    }
  }
}

export type RawBank = ReturnType<typeof rawBank>

/** An ISO instant `minutes` after the sandbox clock's now. */
export const inMinutes = (sandbox: MiaSandbox, minutes: number): string =>
  new Date(sandbox.clock.now() + minutes * 60_000).toISOString()

/** A valid Dynamic Fixed QR body; override any field. */
export const dynamicQrBody = (sandbox: MiaSandbox, overrides: Record<string, unknown> = {}) => ({
  type: "Dynamic",
  amountType: "Fixed",
  amount: 50.61,
  currency: "MDL",
  description: "Order #123",
  orderId: "123",
  expiresAt: inMinutes(sandbox, 60),
  ...overrides
})

/** Error codes of an error envelope, in order. */
export const codesOf = (answer: RawAnswer): Array<string> =>
  (answer.body?.errors ?? []).map((error: { errorCode: string }) => error.errorCode)

import { createMiaSandbox, type MiaSandbox, type MiaSandboxOptions } from "../../../src/index.js"
import type { RawAnswer } from "../../support/raw-bank.js"

/**
 * A sandbox behind a real loopback server, called with plain `fetch` as curl or a PHP shop
 * would: no JavaScript API in between. `close()` stops the sandbox and its server.
 */
export const startLoopbackSandbox = async (options: MiaSandboxOptions = {}) => {
  const sandbox: MiaSandbox = createMiaSandbox(options)
  const { url } = await sandbox.listen()
  let token: string | undefined

  const call = async (method: string, path: string, body?: unknown): Promise<RawAnswer> => {
    const response = await fetch(`${url}${path}`, {
      method,
      headers: {
        ...(body === undefined ? {} : { "content-type": "application/json" }),
        ...(token === undefined ? {} : { authorization: `Bearer ${token}` })
      },
      ...(body === undefined ? {} : { body: typeof body === "string" ? body : JSON.stringify(body) })
    })
    const text = await response.text()
    return {
      status: response.status,
      headers: response.headers,
      body: text === "" ? undefined : JSON.parse(text)
    }
  }

  const login = async (): Promise<void> => {
    const { clientId, clientSecret } = sandbox.credentials
    token = (await call("POST", "/v2/auth/token", { clientId, clientSecret })).body.result.accessToken
  }

  /** A Dynamic QR for 50 MDL expiring `minutes` after the sandbox's now. */
  const createQr = async (minutes: number, callbackUrl?: string): Promise<string> => {
    const answer = await call("POST", "/v2/mia/qr", {
      type: "Dynamic",
      amountType: "Fixed",
      amount: 50,
      currency: "MDL",
      description: "Control endpoint test",
      expiresAt: new Date(sandbox.clock.now() + minutes * 60_000).toISOString(),
      ...(callbackUrl === undefined ? {} : { callbackUrl })
    })
    if (answer.status !== 200) throw new Error(`QR creation failed: ${JSON.stringify(answer.body)}`)
    return answer.body.result.qrId
  }

  const testPay = (qrId: string) =>
    call("POST", "/v2/mia/test-pay", {
      qrId,
      amount: 50,
      currency: "MDL",
      iban: "MD88AG000000011621810140",
      payerName: "Ion Popescu"
    })

  return { sandbox, url, call, login, createQr, testPay, close: () => sandbox.close() }
}

export type LoopbackSandbox = Awaited<ReturnType<typeof startLoopbackSandbox>>

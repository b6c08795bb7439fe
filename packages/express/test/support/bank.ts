import { createMiaQrClient, type MiaQrPromiseClient } from "@mia-sdk/core"
import {
  createMiaSandbox,
  type MiaSandbox,
  type MiaSandboxOptions,
  type SandboxServer
} from "@mia-sdk/sandbox"

export const CALLBACK_URL = "https://shop.example/mia/callback"

/**
 * The embedded sandbox bank on a loopback port, and the real MIA QR client pointed at it.
 * Callbacks registered for https://shop.example/... are forwarded to `forwardTo` (the app under
 * test), as `stripe listen --forward-to` would.
 */
export interface TestBank {
  readonly sandbox: MiaSandbox
  readonly server: SandboxServer
  readonly client: MiaQrPromiseClient
  readonly signatureKey: string
  /** Where callbacks go: the base URL of the app under test. */
  forwardTo(baseUrl: string): void
  close(): Promise<void>
}

export const startBank = async (options: MiaSandboxOptions = {}): Promise<TestBank> => {
  let target = "http://127.0.0.1:9"
  const sandbox = createMiaSandbox({
    callbackRetryDelays: [3_600_000, 3_600_000],
    ...options,
    forwardCallbacksTo: (url) => {
      const original = new URL(url)
      return `${target}${original.pathname}${original.search}`
    }
  })
  const server = await sandbox.listen({ port: 0, host: "127.0.0.1" })
  const { clientId, clientSecret, signatureKey } = sandbox.credentials
  const client = createMiaQrClient({
    clientId,
    clientSecret,
    baseUrl: server.url,
    maxRetries: 0,
    timeoutMs: 5_000
  })
  return {
    sandbox,
    server,
    client,
    signatureKey,
    forwardTo(baseUrl) {
      target = baseUrl
    },
    async close() {
      await client.close()
      await server.close()
      await sandbox.close()
    }
  }
}

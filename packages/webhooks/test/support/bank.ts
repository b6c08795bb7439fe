import { createMiaQrClient, type MiaQrPromiseClient } from "@mia-sdk/core"
import {
  type CallbackDelivery,
  createMiaSandbox,
  type MiaSandbox,
  type SandboxServer
} from "@mia-sdk/sandbox"

/** Nobody listens here: the sandbox keeps each callback in its delivery log for the test to replay. */
export const CALLBACK_URL = "http://127.0.0.1:9/mia/callback"

/** The sandbox bank on a loopback port and the real MIA QR client pointed at it. */
export interface TestBank {
  readonly sandbox: MiaSandbox
  readonly server: SandboxServer
  readonly client: MiaQrPromiseClient
  readonly signatureKey: string
  /** The genuine signed body the bank sent for a payment (or one of its refunds), as JSON text. */
  callbackBody(filter: { readonly payId: string; readonly kind: CallbackDelivery["kind"] }): Promise<string>
  close(): Promise<void>
}

export const startBank = async (): Promise<TestBank> => {
  const sandbox = createMiaSandbox({ callbackRetryDelays: [3_600_000] })
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
    async callbackBody(filter) {
      const delivery = await sandbox.deliveries.waitFor({ ...filter, minAttempts: 1 })
      return JSON.stringify(delivery.body)
    },
    async close() {
      await client.close()
      await server.close()
      await sandbox.close()
    }
  }
}

import {
  createMiaQrClient,
  createMiaRtpClient,
  type MiaQrPromiseClient,
  type MiaRtpPromiseClient
} from "@mia-sdk/core"
import {
  type CallbackDelivery,
  createMiaSandbox,
  createSandboxClock,
  type MiaSandbox,
  type SandboxClock,
  type SandboxRtpOptions,
  type SandboxServer
} from "@mia-sdk/sandbox"

/** Nobody listens here: the sandbox keeps each callback in its delivery log for the test to replay. */
export const CALLBACK_URL = "http://127.0.0.1:9/mia/callback"

/** The sandbox bank on a loopback port and the real MIA QR client pointed at it. */
export interface TestBank {
  readonly sandbox: MiaSandbox
  readonly server: SandboxServer
  readonly client: MiaQrPromiseClient
  /** The real MIA RTP client, pointed at the same bank. */
  readonly rtp: MiaRtpPromiseClient
  readonly signatureKey: string
  /** The bank's clock; frozen (advanced by hand) when the bank was started with `frozenClock`. */
  readonly clock: SandboxClock
  /** The genuine signed body the bank sent for a payment (or one of its refunds), as JSON text. */
  callbackBody(filter: { readonly payId: string; readonly kind: CallbackDelivery["kind"] }): Promise<string>
  close(): Promise<void>
}

/**
 * Starts the bank. With `frozenClock`, its clock stands still until a test advances it: the shop,
 * the reconciler and the bank can share it, so "later" is a clock move.
 */
export const startBank = async (
  options: { readonly frozenClock?: boolean; readonly rtp?: SandboxRtpOptions } = {}
): Promise<TestBank> => {
  const clock = options.frozenClock ? createSandboxClock(Math.floor(Date.now() / 1000) * 1000) : undefined
  const sandbox = createMiaSandbox({
    callbackRetryDelays: [3_600_000],
    ...(clock === undefined ? {} : { clock }),
    ...(options.rtp === undefined ? {} : { rtp: options.rtp })
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
  const rtp = createMiaRtpClient({
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
    rtp,
    signatureKey,
    clock: sandbox.clock,
    async callbackBody(filter) {
      const delivery = await sandbox.deliveries.waitFor({ ...filter, minAttempts: 1 })
      return JSON.stringify(delivery.body)
    },
    async close() {
      await client.close()
      await rtp.close()
      await server.close()
      await sandbox.close()
    }
  }
}

// @vitest-environment node
import { createMiaQrClient, createMiaRtpClient } from "@mia-sdk/core"
import { createMiaSandbox, type MiaSandbox, type SandboxServer } from "@mia-sdk/sandbox"
import { createMemoryOrderStore } from "@mia-sdk/webhooks"
import { createMiaCheckoutHandler, createMiaWebhookHandler } from "@mia-sdk/webhooks/web"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { createMiaClient } from "../src/index.js"
import { createRtpStore, type RtpPhase, type RtpStore } from "../src/rtp.js"

// The store against the real checkout routes (the Web handler of @mia-sdk/webhooks) and the
// sandbox bank on loopback with the real QR and RTP clients; the sandbox's inbox is the payer's
// phone. Polling only (no EventSource in Node), fast.
const SHOP = "https://shop.example"
const CALLBACK_URL = "http://127.0.0.1:9/mia/callback"
let sandbox: MiaSandbox
let server: SandboxServer
let clients: { qr: ReturnType<typeof createMiaQrClient>; rtp: ReturnType<typeof createMiaRtpClient> }
const store = createMemoryOrderStore()
let checkout: (request: Request) => Promise<Response>
let webhook: (request: Request) => Promise<Response>

beforeAll(async () => {
  sandbox = createMiaSandbox({ callbackRetryDelays: [3_600_000] })
  server = await sandbox.listen({ port: 0, host: "127.0.0.1" })
  const { clientId, clientSecret, signatureKey } = sandbox.credentials
  const options = { clientId, clientSecret, baseUrl: server.url, maxRetries: 0 }
  clients = { qr: createMiaQrClient(options), rtp: createMiaRtpClient(options) }
  checkout = createMiaCheckoutHandler({
    store,
    client: clients.qr,
    rtp: clients.rtp,
    callbackUrl: CALLBACK_URL,
    basePath: "/api/mia",
    onWarning: () => undefined
  })
  webhook = createMiaWebhookHandler({ signatureKey, store, confirmWith: clients.qr, rtp: clients.rtp })
})
afterAll(async () => {
  await clients.qr.close()
  await clients.rtp.close()
  await server.close()
  await sandbox.close()
})

let sequence = 0
const start = async (): Promise<{ store: RtpStore; orderId: string; phases: Array<RtpPhase> }> => {
  const orderId = `rtp-hook-${++sequence}-${Date.now()}`
  await store.createOrder({ orderId, amount: 75.5, description: `Order ${orderId}` })
  const client = createMiaClient({
    apiBase: "/api/mia",
    EventSource: null,
    polling: { initialMs: 20, maxMs: 40 },
    fetch: async (input, init) => checkout(new Request(new URL(String(input), SHOP), init))
  })
  const rtpStore = createRtpStore({ client, orderId })
  const phases: Array<RtpPhase> = []
  rtpStore.subscribe(() => {
    const { phase } = rtpStore.getSnapshot()
    if (phases.at(-1) !== phase) phases.push(phase)
  })
  rtpStore.start()
  return { store: rtpStore, orderId, phases }
}

const until = async (store: RtpStore, phase: RtpPhase) => {
  for (let waited = 0; store.getSnapshot().phase !== phase; waited += 10) {
    if (waited > 5_000) throw new Error(`still ${store.getSnapshot().phase}, waiting for ${phase}`)
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}

describe("createRtpStore against the real checkout routes and the sandbox bank", () => {
  it("sends the request, shows it on the phone, and turns paid when the payer accepts", async () => {
    const { store: rtp, phases } = await start()
    await until(rtp, "idle")
    await rtp.request("37361000001")
    expect(rtp.getSnapshot()).toMatchObject({
      phase: "awaiting_payment",
      rtp: { alias: "373*****001", status: "pending" }
    })
    expect(rtp.getSnapshot().secondsLeft).toBeGreaterThan(14 * 60)
    const [onPhone] = sandbox.rtp.inbox("37361000001")
    expect(onPhone).toMatchObject({ amount: 75.5 })
    const { payId } = await sandbox.rtp.accept(onPhone!.rtpId)
    const delivery = await sandbox.deliveries.waitFor({ payId, kind: "rtp", minAttempts: 1 })
    const answer = await webhook(
      new Request(`${SHOP}/mia/callback`, { method: "POST", body: JSON.stringify(delivery.body) })
    )
    expect(answer.status).toBe(200)
    await until(rtp, "paid")
    expect(rtp.getSnapshot()).toMatchObject({
      status: "processing",
      rtp: { status: "accepted" },
      transport: undefined
    })
    expect(phases).toEqual(["idle", "sending", "awaiting_payment", "paid"])
    rtp.stop()
  })

  it("a refused number ends in error with the field, and nothing reaches the phone", async () => {
    const { store: rtp } = await start()
    await rtp.request("+373 61 000 002")
    expect(rtp.getSnapshot().phase).toBe("error")
    expect(rtp.getSnapshot().error?.problem?.errors).toEqual([expect.objectContaining({ field: "alias" })])
    expect(sandbox.rtp.inbox("37361000002")).toEqual([])
    rtp.stop()
  })

  it("a declined request reads as declined once the shop learns it, and can be sent again", async () => {
    const { store: rtp, orderId } = await start()
    await rtp.request("37361000003")
    const [onPhone] = sandbox.rtp.inbox("37361000003")
    await sandbox.rtp.reject(onPhone!.rtpId)
    // The bank sends no callback for a decline: reconciliation (or the next request) finds it.
    await store.applyEvent({ type: "rtp_closed", rtpId: onPhone!.rtpId, orderId, rtpStatus: "Rejected" })
    await until(rtp, "declined")
    await rtp.request("37361000003")
    expect(rtp.getSnapshot()).toMatchObject({ phase: "awaiting_payment", rtp: { status: "pending" } })
    expect(rtp.getSnapshot().rtp?.rtpId).not.toBe(onPhone!.rtpId)
    rtp.stop()
  })
})

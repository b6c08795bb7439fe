import {
  createMiaRtpClient,
  MiaApiError,
  type MiaRtpPromiseClient,
  verifyMiaRtpCallback
} from "@mia-sdk/core"
import { setupServer } from "msw/node"
import { afterEach, describe, expect, it } from "vitest"
import { createMiaSandbox, type MiaSandbox } from "../../../src/index.js"
import { type CallbackReceiver, startCallbackReceiver } from "../../support/callback-receiver.js"
import type { RtpContractTransport } from "./rtp-contract.js"

const ALIAS = "37369123456"
const SHOP = "https://shop.example.md"

interface ClientWorld {
  readonly sandbox: MiaSandbox
  readonly client: MiaRtpPromiseClient
  readonly receiver: CallbackReceiver
}

const rejection = async (promise: Promise<unknown>): Promise<unknown> =>
  promise.then(
    () => {
      throw new Error("expected the call to fail")
    },
    (error: unknown) => error
  )

const waitFor = async (condition: () => boolean, what: string): Promise<void> => {
  for (let tries = 0; tries < 200; tries++) {
    if (condition()) return
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
  throw new Error(`timed out waiting for ${what}`)
}

/**
 * `@mia-sdk/core`'s RTP client against the sandbox, written once and run over each transport:
 * every operation of the client, the payer's phone, the signed callback.
 */
export const describeRtpClientContract = (transport: RtpContractTransport): void => {
  const cleanups: Array<() => Promise<void> | void> = []
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
  })

  const world = async (): Promise<ClientWorld> => {
    const receiver = await startCallbackReceiver()
    cleanups.push(receiver.close)
    const sandbox = createMiaSandbox({ callbackRetryDelays: [5, 10, 20], forwardCallbacksTo: receiver.url })
    cleanups.push(sandbox.close)
    let baseUrl = sandbox.baseUrl
    if (transport === "loopback") baseUrl = (await sandbox.listen({ port: 0 })).url
    else {
      const server = setupServer(...sandbox.handlers)
      // Callbacks reach the loopback receiver for real: only the bank is mocked.
      server.listen({ onUnhandledRequest: "bypass" })
      cleanups.push(() => server.close())
    }
    const client = createMiaRtpClient({
      ...sandbox.credentials,
      baseUrl,
      retryBaseDelayMs: 1,
      timeoutMs: 5_000
    })
    cleanups.push(client.close)
    return { sandbox, client, receiver }
  }

  const request = (w: ClientWorld, orderId: string, amount = 149.9) =>
    w.client.createRtp({
      alias: ALIAS,
      amount,
      description: `Order #${orderId}`,
      orderId,
      expiresAt: new Date(Date.now() + 15 * 60_000),
      callbackUrl: `${SHOP}/mia/callback`
    })

  describe(`MIA RTP client <-> sandbox over ${transport}`, () => {
    it("requests payment, the phone accepts, the signed callback verifies and the refund is full", async () => {
      const w = await world()
      const created = await request(w, "R-1")
      expect(created.rtpId).toMatch(/\S/)
      expect((await w.client.getRtp(created.rtpId)).status).toMatch(/^(Created|Active|Pending)$/)
      expect(w.sandbox.rtp.inbox(ALIAS).map((item) => item.rtpId)).toContain(created.rtpId)

      const accepted = await w.client.testAccept(created.rtpId, { amount: 149.9, currency: "MDL" })
      expect(accepted).toBeDefined()
      await waitFor(() => w.receiver.received.length > 0, "the callback")
      const callback = w.receiver.received[0]!
      const verification = await verifyMiaRtpCallback(callback.body, w.sandbox.credentials.signatureKey)
      expect(verification.valid).toBe(true)
      if (!verification.valid) return
      expect(verification.notification).toMatchObject({ rtpId: created.rtpId, amount: 149.9, orderId: "R-1" })
      const tampered = JSON.parse(callback.body) as { result: { amount: number } }
      tampered.result.amount = 1
      expect(
        (await verifyMiaRtpCallback(JSON.stringify(tampered), w.sandbox.credentials.signatureKey)).valid
      ).toBe(false)

      const paid = await w.client.getRtp(created.rtpId)
      expect(paid.status).toBe("Accepted")
      const refund = await w.client.refundRtp(verification.notification.payId, { reason: "Returned" })
      expect(refund.status).toMatch(/\S/)
      const again = await rejection(w.client.refundRtp(verification.notification.payId, { reason: "Twice" }))
      expect(again).toBeInstanceOf(MiaApiError)
    })

    it("cancels a pending request, refuses to cancel an accepted one, and records a rejection", async () => {
      const w = await world()
      const first = await request(w, "R-2")
      const cancelled = await w.client.cancelRtp(first.rtpId, { reason: "Customer left" })
      expect(cancelled.status).toBe("Cancelled")
      expect(w.sandbox.rtp.inbox(ALIAS).map((item) => item.rtpId)).not.toContain(first.rtpId)

      const second = await request(w, "R-3")
      await w.client.testAccept(second.rtpId, { amount: 149.9, currency: "MDL" })
      const late = await rejection(w.client.cancelRtp(second.rtpId, { reason: "Too late" }))
      expect(late).toBeInstanceOf(MiaApiError)
      expect((late as MiaApiError).hasCode("24005")).toBe(true)

      const third = await request(w, "R-4")
      await w.client.testReject(third.rtpId)
      expect((await w.client.getRtp(third.rtpId)).status).toBe("Rejected")
    })

    it("lists and pages through the requests with a filter", async () => {
      const w = await world()
      for (const orderId of ["L-1", "L-2", "L-3"]) await request(w, orderId, 10)
      const page = await w.client.listRtps({ count: 2, offset: 0 })
      expect(page.totalCount).toBe(3)
      expect(page.items).toHaveLength(2)
      const all: Array<string> = []
      for await (const rtp of w.client.allRtps({ count: 2 })) all.push(rtp.orderId ?? "")
      expect(all.sort()).toEqual(["L-1", "L-2", "L-3"])
      const one = await w.client.listRtps({ orderId: "L-2" })
      expect(one.items.map((rtp) => rtp.orderId)).toEqual(["L-2"])
    })

    it("expires a pending request on the sandbox clock", async () => {
      const w = await world()
      const created = await request(w, "E-1")
      w.sandbox.clock.advance(16 * 60_000)
      expect((await w.client.getRtp(created.rtpId)).status).toBe("Expired")
      const late = await rejection(w.client.testAccept(created.rtpId, { amount: 149.9, currency: "MDL" }))
      expect(late).toBeInstanceOf(MiaApiError)
    })
  })
}

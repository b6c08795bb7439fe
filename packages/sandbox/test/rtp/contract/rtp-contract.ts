import { setupServer } from "msw/node"
import { afterEach, describe, expect, it } from "vitest"
import { createMiaSandbox, type MiaSandbox } from "../../../src/index.js"
import { type CallbackReceiver, startCallbackReceiver } from "../../support/callback-receiver.js"
import { ALIAS, signatureHolds } from "../support/rtp-bank.js"

/** How the test reaches the sandbox: a real server on loopback, or msw in this process. */
export type RtpContractTransport = "loopback" | "msw"

interface Answer {
  readonly status: number
  // biome-ignore lint/suspicious/noExplicitAny: the contract reads arbitrary JSON field by field
  readonly body: any
}

/**
 * The RTP flow over plain `fetch`, written once and run against each form of the sandbox: every
 * operation, the payer's phone, signed callbacks re-sent until 200, expiry on the sandbox clock.
 */
export const describeRtpContract = (transport: RtpContractTransport): void => {
  const cleanups: Array<() => Promise<void> | void> = []
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
  })

  const world = async (answers: ReadonlyArray<number> = [200]) => {
    const receiver: CallbackReceiver = await startCallbackReceiver({ answers })
    cleanups.push(receiver.close)
    const sandbox: MiaSandbox = createMiaSandbox({
      callbackRetryDelays: [5, 10, 20],
      forwardCallbacksTo: receiver.url
    })
    cleanups.push(sandbox.close)
    let baseUrl = sandbox.baseUrl
    if (transport === "loopback") baseUrl = (await sandbox.listen({ port: 0 })).url
    else {
      const server = setupServer(...sandbox.handlers)
      // Callbacks reach the loopback receiver for real: only the bank is mocked.
      server.listen({ onUnhandledRequest: "bypass" })
      cleanups.push(() => server.close())
    }
    let token: string | undefined
    const call = async (method: string, path: string, body?: unknown): Promise<Answer> => {
      const response = await fetch(`${baseUrl}${path}`, {
        method,
        headers: {
          ...(body === undefined ? {} : { "content-type": "application/json" }),
          ...(token === undefined ? {} : { authorization: `Bearer ${token}` })
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) })
      })
      return { status: response.status, body: await response.json() }
    }
    const login = async () => {
      const { clientId, clientSecret } = sandbox.credentials
      token = (await call("POST", "/v2/auth/token", { clientId, clientSecret })).body.result.accessToken
    }
    await login()
    const create = async (overrides: Record<string, unknown> = {}): Promise<string> => {
      const answer = await call("POST", "/v2/rtp", {
        alias: ALIAS,
        amount: 250,
        currency: "MDL",
        description: "Order #77",
        orderId: "77",
        expiresAt: new Date(sandbox.clock.now() + 15 * 60_000).toISOString(),
        callbackUrl: "https://shop.example.md/mia/rtp",
        ...overrides
      })
      expect(answer.status, JSON.stringify(answer.body)).toBe(200)
      return answer.body.result.rtpId
    }
    return { sandbox, receiver, call, login, create }
  }

  describe(`RTP over ${transport}`, () => {
    it("create, status, list, test-accept, signed callback, full refund only", async () => {
      const w = await world()
      const rtpId = await w.create()
      expect((await w.call("GET", `/v2/rtp/${rtpId}`)).body.result).toMatchObject({
        rtpId,
        status: "Created",
        amount: 250,
        orderId: "77"
      })
      const listed = await w.call("GET", "/v2/rtp?count=10&offset=0&orderId=77&sortBy=createdAt&order=desc")
      expect(listed.body.result).toMatchObject({ totalCount: 1, items: [{ rtpId }] })

      const accepted = await w.call("POST", `/v2/rtp/${rtpId}/test-accept`, { amount: 250, currency: "MDL" })
      expect(accepted.body.result).toMatchObject({ rtpId, status: "Accepted", amount: 250 })
      const { payId } = accepted.body.result
      const delivery = await w.sandbox.deliveries.waitFor({ rtpId, status: "delivered" })
      expect(delivery).toMatchObject({ kind: "rtp", payId, url: "https://shop.example.md/mia/rtp" })
      expect(w.receiver.received[0]?.path).toBe("/mia/rtp")
      expect(await signatureHolds(w.receiver.received[0]?.body, w.sandbox.credentials.signatureKey)).toBe(
        true
      )
      expect((await w.call("GET", `/v2/rtp/${rtpId}`)).body.result.status).toBe("Accepted")

      const partial = await w.call("POST", `/v2/rtp/${payId}/refund`, { reason: "half", amount: 125 })
      expect([partial.status, partial.body.errors[0].errorCode]).toEqual([409, "34001"])
      const refund = await w.call("POST", `/v2/rtp/${payId}/refund`, { reason: "Refund reason" })
      expect(refund.body).toEqual({ result: { refundId: expect.any(String), status: "Created" }, ok: true })
    })

    it("cancel is idempotent while pending, refused after accept", async () => {
      const w = await world()
      const pending = await w.create()
      for (let round = 0; round < 2; round++) {
        const cancel = await w.call("POST", `/v2/rtp/${pending}/cancel`, { reason: "Customer left" })
        expect(cancel.body.result).toEqual({ rtpId: pending, status: "Cancelled" })
      }
      const paid = await w.create()
      await w.call("POST", `/v2/rtp/${paid}/test-accept`, { amount: 250, currency: "MDL" })
      const refused = await w.call("POST", `/v2/rtp/${paid}/cancel`, { reason: "too late" })
      expect([refused.status, refused.body.errors[0].errorCode]).toEqual([409, "24005"])
    })

    it("the phone: inbox, accept (callback re-sent until 200) and decline over HTTP", async () => {
      const w = await world([500, 200])
      const first = await w.create()
      const second = await w.create({ orderId: "78" })
      const inbox = await w.call("GET", `/v2/sandbox/rtp/inbox/${ALIAS}`)
      expect(inbox.body.result.items.map((item: { rtpId: string }) => item.rtpId)).toEqual([second, first])
      await w.call("POST", `/v2/sandbox/rtp/inbox/${first}/accept`, {})
      const delivery = await w.sandbox.deliveries.waitFor({ rtpId: first, status: "delivered" })
      expect(delivery.attempts.map((attempt) => attempt.status)).toEqual([500, 200])
      const declined = await w.call("POST", `/v2/sandbox/rtp/inbox/${second}/reject`)
      expect(declined.body.result.status).toBe("Rejected")
      expect((await w.call("GET", `/v2/sandbox/rtp/inbox/${ALIAS}`)).body.result.items).toEqual([])
      expect((await w.call("GET", `/v2/rtp/${second}`)).body.result.status).toBe("Rejected")
    })

    it("expires pending requests when the sandbox clock moves", async () => {
      const w = await world()
      const rtpId = await w.create()
      w.sandbox.clock.advance(15 * 60_000)
      await w.login()
      expect((await w.call("GET", `/v2/rtp/${rtpId}`)).body.result.status).toBe("Expired")
      const late = await w.call("POST", `/v2/rtp/${rtpId}/test-reject`)
      expect([late.status, late.body.errors[0].errorCode]).toEqual([409, "24005"])
    })
  })
}

import type { OrderView, ProblemDetails, RtpSession } from "@mia-sdk/core/wire"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { createMemoryOrderStore } from "../../src/index.js"
import { createMiaCheckoutHandler, createMiaWebhookHandler } from "../../src/web/index.js"
import { CALLBACK_URL, startBank, type TestBank } from "../support/bank.js"
import { uniqueId } from "../support/orders.js"
import { sseReader } from "./support/sse.js"

// "Pay by phone number" through the Web handlers with real Requests; the bank is the sandbox over
// loopback with the real QR and RTP clients, and the payer's phone is the sandbox's inbox.
let bank: TestBank
beforeAll(async () => {
  bank = await startBank()
})
afterAll(() => bank.close())

const SHOP = "https://shop.example"
const store = createMemoryOrderStore()
const handler = (withRtp: boolean) =>
  createMiaCheckoutHandler({
    store,
    client: bank.client,
    ...(withRtp ? { rtp: bank.rtp } : {}),
    callbackUrl: CALLBACK_URL,
    basePath: "/api/mia",
    keepAliveMs: 20,
    onWarning: () => undefined,
    onError: () => undefined
  })
const json = { "content-type": "application/json" }
const requestRtp = (orderId: string, body: unknown, withRtp = true, headers: Record<string, string> = json) =>
  handler(withRtp)(
    new Request(`${SHOP}/api/mia/orders/${orderId}/rtp`, {
      method: "POST",
      headers,
      body: JSON.stringify(body)
    })
  )
const createOrder = async () => {
  const orderId = uniqueId("web-rtp")
  await store.createOrder({ orderId, amount: 99.9, description: `Order ${orderId}` })
  return orderId
}

describe("POST /orders/:orderId/rtp", () => {
  it("sends the request (201), answers a repeat with the same one (200), and the order's events show it paid", async () => {
    const orderId = await createOrder()
    const first = await requestRtp(orderId, { alias: "37360000101" })
    expect(first.status).toBe(201)
    const session = (await first.json()) as RtpSession
    expect(session).toMatchObject({
      orderId,
      alias: "373*****101",
      amount: 99.9,
      status: "pending",
      reused: false
    })
    const again = await requestRtp(orderId, { alias: "37360000101" })
    expect(again.status).toBe(200)
    expect(((await again.json()) as RtpSession).rtpId).toBe(session.rtpId)

    const events = sseReader(await handler(true)(new Request(`${SHOP}/api/mia/orders/${orderId}/events`)))
    const status = async () => JSON.parse((await events.nextEvent("status")).data) as OrderView
    expect((await status()).rtp).toMatchObject({ rtpId: session.rtpId, status: "pending" })
    const { payId } = await bank.sandbox.rtp.accept(session.rtpId)
    const webhook = createMiaWebhookHandler({
      signatureKey: bank.signatureKey,
      store,
      confirmWith: bank.client,
      rtp: bank.rtp
    })
    const body = await bank.callbackBody({ payId, kind: "rtp" })
    const answer = await webhook(new Request(`${SHOP}/mia/callback`, { method: "POST", headers: json, body }))
    expect(await answer.json()).toMatchObject({ ok: true, outcome: "applied" })
    let paid = await status()
    while (paid.status === "pending") paid = await status()
    expect(paid).toMatchObject({ status: "processing", payId, rtp: { status: "accepted" } })
    await events.cancel()
  })

  it("refuses a bad number with problem+json naming the field, and sends nothing", async () => {
    const orderId = await createOrder()
    const answer = await requestRtp(orderId, { alias: "+373 60 000 102" })
    expect(answer.status).toBe(400)
    expect(answer.headers.get("content-type")).toContain("application/problem+json")
    const problem = (await answer.json()) as ProblemDetails
    expect(problem.errors).toEqual([expect.objectContaining({ field: "alias" })])
    expect(bank.sandbox.rtp.list({ orderId })).toEqual([])
  })

  it("refuses a cross-site form post and a shop without the RTP client, sending nothing", async () => {
    const orderId = await createOrder()
    const form = await requestRtp(orderId, "alias=37360000103", true, {
      "content-type": "application/x-www-form-urlencoded",
      origin: "https://evil.example"
    })
    expect(form.status).toBeGreaterThanOrEqual(400)
    expect(form.status).toBeLessThan(500)
    const unset = await requestRtp(orderId, { alias: "37360000103" }, false)
    expect(unset.status).toBe(501)
    expect(((await unset.json()) as ProblemDetails).code).toBe("rtp_not_configured")
    expect(bank.sandbox.rtp.list({ orderId })).toEqual([])
  })
})

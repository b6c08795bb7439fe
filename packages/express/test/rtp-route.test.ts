import { createMiaRtpClient } from "@mia-sdk/core"
import type { OrderView, ProblemDetails, RtpSession } from "@mia-sdk/core/wire"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { type TestBank, startBank } from "./support/bank.js"
import { EXPRESS_VERSIONS } from "./support/express-versions.js"
import { newOrderId, postJson, type Shop, startShop } from "./support/shop.js"

// "Pay by phone number" through miaCheckout on a real Express server; the bank is the sandbox on
// loopback, which delivers its signed callbacks to the shop's miaWebhook.
let bank: TestBank
let rtp: ReturnType<typeof createMiaRtpClient>
beforeAll(async () => {
  bank = await startBank()
  const { clientId, clientSecret } = bank.sandbox.credentials
  rtp = createMiaRtpClient({ clientId, clientSecret, baseUrl: bank.server.url, maxRetries: 0 })
})
afterAll(async () => {
  await rtp.close()
  await bank.close()
})

let phone = 60_000_200
describe.each(EXPRESS_VERSIONS)("POST /orders/:orderId/rtp on $name", ({ express }) => {
  let shop: Shop
  beforeAll(async () => {
    shop = await startShop(express, bank, { rtp })
  })
  afterAll(() => shop.close())

  const createOrder = async () => {
    const orderId = newOrderId()
    await shop.store.createOrder({ orderId, amount: 42.5, description: `Order ${orderId}` })
    return orderId
  }

  it("sends the request (201), reuses it (200), and the accepted payment pays the order", async () => {
    const orderId = await createOrder()
    const alias = `373${++phone}`
    const first = await shop.api(`/orders/${orderId}/rtp`, postJson({ alias }))
    expect(first.status).toBe(201)
    const session = (await first.json()) as RtpSession
    expect(session).toMatchObject({ orderId, amount: 42.5, status: "pending", reused: false })
    const again = await shop.api(`/orders/${orderId}/rtp`, postJson({ alias }))
    expect(again.status).toBe(200)
    const { payId } = await bank.sandbox.rtp.accept(session.rtpId)
    await bank.sandbox.deliveries.waitFor({ payId, status: "delivered" })
    const order = (await (await shop.api(`/orders/${orderId}`)).json()) as OrderView
    expect(order).toMatchObject({
      status: "processing",
      payId,
      rtp: { rtpId: session.rtpId, status: "accepted" }
    })
  })

  it("answers a bad number with problem+json naming the field, and sends nothing", async () => {
    const orderId = await createOrder()
    const answer = await shop.api(`/orders/${orderId}/rtp`, postJson({ alias: "069 000 000" }))
    expect(answer.status).toBe(400)
    expect(answer.headers.get("content-type")).toContain("application/problem+json")
    expect(((await answer.json()) as ProblemDetails).errors).toEqual([
      expect.objectContaining({ field: "alias" })
    ])
    expect(bank.sandbox.rtp.list({ orderId })).toEqual([])
  })
})

import { afterEach, describe, expect, it } from "vitest"
import type { MiaRtpPromiseClient } from "../../src/index.js"
import { SDK_USER_AGENT } from "../../src/internal/user-agent.js"
import { type Recorded, fakeBank, ok } from "../qr/fake-bank.js"
import {
  ALIAS,
  createInput,
  PAY_ID,
  REFUND_ID,
  RTP_ID,
  rtpClient,
  rtpDetails,
  testAcceptAnswer
} from "./fixtures.js"

const bank = fakeBank()
let client: MiaRtpPromiseClient

afterEach(async () => {
  await client?.close()
})

const makeClient = () => {
  client = rtpClient()
  return client
}

/** The single API request of the test, asserted to carry the token, Accept and User-Agent. */
const onlyCall = (): Recorded => {
  const calls = bank.apiCalls()
  expect(calls).toHaveLength(1)
  const call = calls[0]!
  expect(call.headers.authorization).toBe("Bearer token-1")
  expect(call.headers.accept).toBe("application/json")
  expect(call.headers["user-agent"]).toBe(SDK_USER_AGENT)
  return call
}

const expectJsonBody = (call: Recorded) => expect(call.headers["content-type"]).toBe("application/json")

const expectNoBody = (call: Recorded) => {
  expect(call.headers["content-type"]).toBeUndefined()
  expect(call.rawBody).toBe("")
}

describe("MIA RTP operations: what is sent and what comes back", () => {
  it("uses the MIA token endpoint with the same credentials, once for several calls", async () => {
    bank.on(`GET /v2/rtp/${RTP_ID}`, () => ok(rtpDetails))
    makeClient()
    await client.getRtp(RTP_ID)
    await client.getRtp(RTP_ID)
    const tokens = bank.tokenCalls()
    expect(tokens).toHaveLength(1)
    expect(tokens[0]!.method).toBe("POST")
    expect(tokens[0]!.headers.authorization).toBeUndefined()
    expect(await client.getAccessToken()).toEqual({
      accessToken: "token-1",
      tokenType: "Bearer",
      expiresIn: 300
    })
  })

  it("createRtp: POST /v2/rtp with the normalised body; result decoded", async () => {
    bank.on("POST /v2/rtp", () =>
      ok({ rtpId: RTP_ID, orderId: "INV123", expiresAt: "2029-10-22T10:32:28+03:00" })
    )
    makeClient()
    const expiresAt = new Date(Date.now() + 3_600_000)
    const result = await client.createRtp({
      alias: ALIAS,
      amount: 150.5,
      currency: "mdl" as "MDL",
      description: "Invoice #123",
      orderId: "INV123",
      terminalId: "P011111",
      expiresAt,
      callbackUrl: "https://merchant.example.com/callback",
      redirectUrl: "https://merchant.example.com/success"
    })
    expect(result).toEqual({ rtpId: RTP_ID, orderId: "INV123", expiresAt: "2029-10-22T10:32:28+03:00" })
    const call = onlyCall()
    expect(call.method).toBe("POST")
    expect(call.path).toBe("/v2/rtp")
    expect(call.query).toEqual({})
    expectJsonBody(call)
    expect(call.body).toEqual({
      alias: ALIAS,
      amount: 150.5,
      expiresAt: expiresAt.toISOString(),
      currency: "MDL",
      description: "Invoice #123",
      orderId: "INV123",
      terminalId: "P011111",
      callbackUrl: "https://merchant.example.com/callback",
      redirectUrl: "https://merchant.example.com/success"
    })
  })

  it("createRtp: optional fields left out are not sent; an ISO expiry string is kept as written", async () => {
    bank.on("POST /v2/rtp", () => ok({ rtpId: RTP_ID, orderId: null, expiresAt: null }))
    makeClient()
    const local = new Date(Date.now() + 3_600_000)
    const expiresAt = `${local.toISOString().slice(0, 19)}+00:00`
    expect(await client.createRtp({ ...createInput(), expiresAt })).toEqual({ rtpId: RTP_ID })
    expect(onlyCall().body).toEqual({
      alias: ALIAS,
      amount: 150,
      expiresAt,
      currency: "MDL",
      description: "Invoice #123"
    })
  })

  it("getRtp: GET /v2/rtp/{rtpId} without a body or Content-Type; payId is optional", async () => {
    bank.on(`GET /v2/rtp/${RTP_ID}`, () => ok({ ...rtpDetails, status: "ACTIVE" }))
    makeClient()
    const rtp = await client.getRtp(RTP_ID)
    expect(rtp).toEqual({ ...rtpDetails, status: "Active" })
    expect(rtp.payId).toBeUndefined()
    const call = onlyCall()
    expect(call.method).toBe("GET")
    expect(call.path).toBe(`/v2/rtp/${RTP_ID}`)
    expectNoBody(call)
  })

  it("getRtp: a payId the server adds, and a status nobody documented, are passed through", async () => {
    bank.on(`GET /v2/rtp/${RTP_ID}`, () => ok({ ...rtpDetails, status: "Refunded", payId: PAY_ID }))
    makeClient()
    expect(await client.getRtp(RTP_ID)).toMatchObject({ status: "Refunded", payId: PAY_ID })
    bank.on(`GET /v2/rtp/${RTP_ID}`, () => ok({ ...rtpDetails, status: "OnHold" }))
    expect((await client.getRtp(RTP_ID)).status).toBe("OnHold")
  })

  it("getRtp: the id is encoded into the path", async () => {
    bank.on("GET /v2/rtp/a%2Bb", () => ok(rtpDetails))
    makeClient()
    await client.getRtp("a+b")
    expect(bank.apiCalls()[0]!.path).toBe("/v2/rtp/a%2Bb")
  })

  it("listRtps: GET /v2/rtp with count/offset always sent, enums canonical, dates ISO", async () => {
    bank.on("GET /v2/rtp", () => ok({ totalCount: 1, items: [{ ...rtpDetails, url: "https://x.md/r" }] }))
    makeClient()
    const page = await client.listRtps({
      status: "accepted" as "Accepted",
      sortBy: "CREATEDAT" as "createdAt",
      order: "desc",
      amount: 10,
      orderId: "INV123",
      createdAtFrom: new Date("2029-10-01T00:00:00Z"),
      createdAtTo: "2029-10-31T23:59:59+03:00"
    })
    expect(page).toEqual({ totalCount: 1, items: [{ ...rtpDetails, url: "https://x.md/r" }] })
    const call = onlyCall()
    expect(call.method).toBe("GET")
    expect(call.path).toBe("/v2/rtp")
    expectNoBody(call)
    expect(call.query).toEqual({
      count: "20",
      offset: "0",
      status: "Accepted",
      sortBy: "createdAt",
      order: "desc",
      amount: "10",
      orderId: "INV123",
      createdAtFrom: "2029-10-01T00:00:00.000Z",
      createdAtTo: "2029-10-31T23:59:59+03:00"
    })
  })

  it("allRtps: pages through count/offset with the filter on each page", async () => {
    const items = Array.from({ length: 5 }, (_, index) => ({ ...rtpDetails, rtpId: `rtp-${index}` }))
    bank.on("GET /v2/rtp", (request) => {
      const offset = Number(request.query.offset)
      return ok({
        totalCount: items.length,
        items: items.slice(offset, offset + Number(request.query.count))
      })
    })
    makeClient()
    const seen: Array<string> = []
    for await (const rtp of client.allRtps({ count: 2, orderId: "INV123" })) seen.push(rtp.rtpId)
    expect(seen).toEqual(items.map((item) => item.rtpId))
    expect(bank.apiCalls().map((call) => [call.query.offset, call.query.count, call.query.orderId])).toEqual([
      ["0", "2", "INV123"],
      ["2", "2", "INV123"],
      ["4", "2", "INV123"]
    ])
  })

  it("cancelRtp: POST /v2/rtp/{rtpId}/cancel with the reason", async () => {
    bank.on(`POST /v2/rtp/${RTP_ID}/cancel`, () => ok({ rtpId: RTP_ID, status: "Cancelled" }))
    makeClient()
    expect(await client.cancelRtp(RTP_ID, { reason: "Customer requested cancellation" })).toEqual({
      rtpId: RTP_ID,
      status: "Cancelled"
    })
    const call = onlyCall()
    expect(call.path).toBe(`/v2/rtp/${RTP_ID}/cancel`)
    expectJsonBody(call)
    expect(call.body).toEqual({ reason: "Customer requested cancellation" })
  })

  it("refundRtp: POST /v2/rtp/{payId}/refund with the reason; the sandbox answer { refundId, Created }", async () => {
    bank.on(`POST /v2/rtp/${PAY_ID}/refund`, () => ok({ refundId: REFUND_ID, status: "Created" }))
    makeClient()
    expect(await client.refundRtp(PAY_ID, { reason: "Refund reason" })).toEqual({
      refundId: REFUND_ID,
      status: "Created"
    })
    const call = onlyCall()
    expect(call.path).toBe(`/v2/rtp/${PAY_ID}/refund`)
    expectJsonBody(call)
    expect(call.body).toEqual({ reason: "Refund reason" })
  })

  it("refundRtp: the refund page's answer { payId, Refunded } decodes too", async () => {
    bank.on(`POST /v2/rtp/${PAY_ID}/refund`, () => ok({ payId: PAY_ID, status: "Refunded" }))
    makeClient()
    expect(await client.refundRtp(PAY_ID, { reason: "Refund reason" })).toEqual({
      payId: PAY_ID,
      status: "Refunded"
    })
  })

  it("testAccept: POST /v2/rtp/{rtpId}/test-accept with amount and currency; rtpStatus read as status", async () => {
    bank.on(`POST /v2/rtp/${RTP_ID}/test-accept`, () => ok(testAcceptAnswer))
    makeClient()
    const accepted = await client.testAccept(RTP_ID, { amount: 10, currency: "MDL" })
    expect(accepted).toEqual({ ...testAcceptAnswer, status: "Active" })
    const call = onlyCall()
    expect(call.path).toBe(`/v2/rtp/${RTP_ID}/test-accept`)
    expectJsonBody(call)
    expect(call.body).toEqual({ amount: 10, currency: "MDL" })
  })

  it("testAccept: currency defaults to MDL; a `status` field wins over `rtpStatus`", async () => {
    bank.on(`POST /v2/rtp/${RTP_ID}/test-accept`, () =>
      ok({ rtpId: RTP_ID, payId: PAY_ID, status: "Accepted", rtpStatus: "Active" })
    )
    makeClient()
    expect(await client.testAccept(RTP_ID, { amount: 150 })).toEqual({
      rtpId: RTP_ID,
      payId: PAY_ID,
      status: "Accepted",
      rtpStatus: "Active"
    })
    expect(onlyCall().body).toEqual({ amount: 150, currency: "MDL" })
  })

  it("testReject: POST /v2/rtp/{rtpId}/test-reject with no body and no Content-Type; lenient answer", async () => {
    bank.on(`POST /v2/rtp/${RTP_ID}/test-reject`, () =>
      ok({ rtpId: RTP_ID, rtpStatus: "Rejected", orderId: null })
    )
    makeClient()
    expect(await client.testReject(RTP_ID)).toEqual({
      rtpId: RTP_ID,
      rtpStatus: "Rejected",
      status: "Rejected"
    })
    const call = onlyCall()
    expect(call.method).toBe("POST")
    expect(call.path).toBe(`/v2/rtp/${RTP_ID}/test-reject`)
    expectNoBody(call)
  })

  it("per-call options come after the path parameters and the input", async () => {
    bank.on(`POST /v2/rtp/${RTP_ID}/cancel`, () => ok({ rtpId: RTP_ID, status: "Cancelled" }))
    bank.on(`POST /v2/rtp/${RTP_ID}/test-reject`, () => ok({ rtpId: RTP_ID, status: "Rejected" }))
    makeClient()
    const controller = new AbortController()
    await client.cancelRtp(RTP_ID, { reason: "x" }, { signal: controller.signal, timeoutMs: 5_000 })
    expect(await client.testReject(RTP_ID, { timeoutMs: 5_000 })).toEqual({
      rtpId: RTP_ID,
      status: "Rejected"
    })
    expect(bank.apiCalls().map((call) => call.body)).toEqual([{ reason: "x" }, undefined])
  })
})

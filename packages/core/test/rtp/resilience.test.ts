import { HttpResponse } from "msw"
import { afterEach, describe, expect, it } from "vitest"
import {
  MiaApiError,
  MiaResponseError,
  type MiaRtpPromiseClient,
  MiaValidationError
} from "../../src/index.js"
import { fail, fakeBank, ok } from "../qr/fake-bank.js"
import { createInput, PAY_ID, RTP_ID, rejection, rtpClient, rtpDetails } from "./fixtures.js"

const bank = fakeBank()
let client: MiaRtpPromiseClient

afterEach(async () => {
  await client?.close()
})

const busy = () =>
  fail(503, [
    { errorCode: "common.error-1", errorMessage: "Oops! An error occurred in the system. Call 1313." }
  ])

describe("retries: reads are repeated, money requests never", () => {
  it("getRtp is retried on 503 (even a non-JSON one) and succeeds", async () => {
    bank.on(`GET /v2/rtp/${RTP_ID}`, (_request, attempt) =>
      attempt === 1 ? busy() : attempt === 2 ? new HttpResponse("busy", { status: 503 }) : ok(rtpDetails)
    )
    client = rtpClient()
    expect((await client.getRtp(RTP_ID)).rtpId).toBe(RTP_ID)
    expect(bank.apiCalls()).toHaveLength(3)
  })

  it("listRtps is retried on 503, up to maxRetries", async () => {
    bank.on("GET /v2/rtp", busy)
    client = rtpClient({ maxRetries: 1 })
    expect(await rejection(client.listRtps())).toBeInstanceOf(MiaApiError)
    expect(bank.apiCalls()).toHaveLength(2)
  })

  const posts: ReadonlyArray<readonly [string, string, (client: MiaRtpPromiseClient) => Promise<unknown>]> = [
    ["createRtp", "POST /v2/rtp", (c) => c.createRtp(createInput())],
    ["cancelRtp", `POST /v2/rtp/${RTP_ID}/cancel`, (c) => c.cancelRtp(RTP_ID, { reason: "x" })],
    ["refundRtp", `POST /v2/rtp/${PAY_ID}/refund`, (c) => c.refundRtp(PAY_ID, { reason: "x" })],
    ["testAccept", `POST /v2/rtp/${RTP_ID}/test-accept`, (c) => c.testAccept(RTP_ID, { amount: 10 })],
    ["testReject", `POST /v2/rtp/${RTP_ID}/test-reject`, (c) => c.testReject(RTP_ID)]
  ]

  it.each(posts)("%s is sent once on 503, never repeated", async (_name, route, call) => {
    bank.on(route, busy)
    client = rtpClient({ maxRetries: 3 })
    const error = await rejection(call(client))
    expect(error).toBeInstanceOf(MiaApiError)
    expect((error as MiaApiError).status).toBe(503)
    expect(bank.apiCalls()).toHaveLength(1)
  })

  it("a 401 renews the token and repeats the request once, POST included (nothing was done)", async () => {
    bank.on(`POST /v2/rtp/${RTP_ID}/cancel`, (request) =>
      request.headers.authorization === "Bearer token-1"
        ? new HttpResponse(null, { status: 401 })
        : ok({ rtpId: RTP_ID, status: "Cancelled" })
    )
    client = rtpClient()
    expect(await client.cancelRtp(RTP_ID, { reason: "x" })).toEqual({ rtpId: RTP_ID, status: "Cancelled" })
    expect(bank.apiCalls().map((call) => call.headers.authorization)).toEqual([
      "Bearer token-1",
      "Bearer token-2"
    ])
  })
})

describe("errors", () => {
  it("the bank's error envelope is a MiaApiError with its code (23000: unknown or expired)", async () => {
    bank.on(`GET /v2/rtp/${RTP_ID}`, () =>
      fail(404, [
        { errorCode: "23000", errorMessage: "The specified Request to Pay does not exist or has expired." }
      ])
    )
    client = rtpClient()
    const error = (await rejection(client.getRtp(RTP_ID))) as MiaApiError
    expect(error).toBeInstanceOf(MiaApiError)
    expect(error.status).toBe(404)
    expect(error.code).toBe("23000")
    expect(bank.apiCalls()).toHaveLength(1)
  })

  it("ok: false with HTTP 200 is an error too", async () => {
    bank.on(`POST /v2/rtp/${RTP_ID}/cancel`, () =>
      HttpResponse.json({
        ok: false,
        errors: [{ errorCode: "24005", errorMessage: "The current status does not permit the operation." }]
      })
    )
    client = rtpClient()
    expect(await rejection(client.cancelRtp(RTP_ID, { reason: "x" }))).toMatchObject({ code: "24005" })
  })

  it("a refund answer with neither refundId nor payId is a MiaResponseError", async () => {
    bank.on(`POST /v2/rtp/${PAY_ID}/refund`, () => ok({ status: "Created" }))
    client = rtpClient()
    const error = await rejection(client.refundRtp(PAY_ID, { reason: "x" }))
    expect(error).toBeInstanceOf(MiaResponseError)
    expect((error as MiaResponseError).message).toContain("refundId")
  })

  it("a status answer without a status is a MiaResponseError naming the field", async () => {
    bank.on(`GET /v2/rtp/${RTP_ID}`, () => ok({ ...rtpDetails, status: null }))
    client = rtpClient()
    const error = await rejection(client.getRtp(RTP_ID))
    expect(error).toBeInstanceOf(MiaResponseError)
    expect((error as MiaResponseError).message).toContain("status")
  })
})

describe("payer simulation is sandbox-only", () => {
  const simulations: ReadonlyArray<readonly [string, (client: MiaRtpPromiseClient) => Promise<unknown>]> = [
    ["testAccept", (c) => c.testAccept(RTP_ID, { amount: 10, currency: "MDL" })],
    ["testReject", (c) => c.testReject(RTP_ID)]
  ]

  it.each(simulations)(
    "%s is refused before sending when the client talks to production",
    async (_name, call) => {
      client = rtpClient({ baseUrl: undefined, environment: "production" })
      const error = await rejection(call(client))
      expect(error).toBeInstanceOf(MiaValidationError)
      expect(error).toMatchObject({ field: "environment", rule: "sandbox_only" })
      expect(bank.recorded).toHaveLength(0)
    }
  )

  it("the production refusal also applies to an explicit production baseUrl", async () => {
    client = rtpClient({ baseUrl: "https://api.maibmerchants.md" })
    expect(await rejection(client.testReject(RTP_ID))).toMatchObject({ rule: "sandbox_only" })
  })
})

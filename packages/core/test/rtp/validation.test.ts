import { afterAll, describe, expect, it } from "vitest"
import { MiaValidationError } from "../../src/index.js"
import { fakeBank } from "../qr/fake-bank.js"
import { createInput, inMinutes, PAY_ID, RTP_ID, rejection, rtpClient } from "./fixtures.js"

const bank = fakeBank()
const client = rtpClient()

afterAll(async () => {
  await client.close()
})

const long = (n: number) => "x".repeat(n)

// Deliberately wrong inputs, as JavaScript callers (or JSON) might send them.
const loose = <A>(value: unknown) => value as A

type Case = readonly [string, () => Promise<unknown>, string, string]

const create = (overrides: Record<string, unknown>) =>
  client.createRtp(loose({ ...createInput(), ...overrides }))

const cases: ReadonlyArray<Case> = [
  ["createRtp without input", () => client.createRtp(loose(undefined)), "input", "required"],
  ["alias missing", () => create({ alias: undefined }), "alias", "required"],
  ["alias with +", () => create({ alias: "+37369112221" }), "alias", "format"],
  ["alias with spaces", () => create({ alias: "373 69 112 221" }), "alias", "format"],
  ["alias too short", () => create({ alias: "3736911222" }), "alias", "format"],
  ["alias too long", () => create({ alias: "373691122210" }), "alias", "format"],
  ["alias of another country", () => create({ alias: "40769112221" }), "alias", "format"],
  ["alias local form", () => create({ alias: "069112221" }), "alias", "format"],
  ["alias a number", () => create({ alias: 37369112221 }), "alias", "type_string"],
  ["amount missing", () => create({ amount: undefined }), "amount", "required"],
  ["amount 0", () => create({ amount: 0 }), "amount", "positive"],
  ["amount negative", () => create({ amount: -5 }), "amount", "positive"],
  ["amount 3 decimals", () => create({ amount: 10.001 }), "amount", "max_2_decimals"],
  ["amount above 100000", () => create({ amount: 100_000.01 }), "amount", "max_amount"],
  ["amount a string", () => create({ amount: "10" }), "amount", "type_number"],
  ["amount NaN", () => create({ amount: Number.NaN }), "amount", "type_number"],
  ["currency EUR", () => create({ currency: "EUR" }), "currency", "one_of"],
  ["description missing", () => create({ description: undefined }), "description", "required"],
  ["description blank", () => create({ description: "  " }), "description", "required"],
  ["description 501", () => create({ description: long(501) }), "description", "max_length"],
  ["orderId 101", () => create({ orderId: long(101) }), "orderId", "max_length"],
  ["terminalId 101", () => create({ terminalId: long(101) }), "terminalId", "max_length"],
  ["expiresAt missing", () => create({ expiresAt: undefined }), "expiresAt", "required"],
  [
    "expiresAt in 30 s",
    () => create({ expiresAt: new Date(Date.now() + 30_000) }),
    "expiresAt",
    "date_range"
  ],
  ["expiresAt in the past", () => create({ expiresAt: inMinutes(-5) }), "expiresAt", "date_range"],
  ["expiresAt in 61 days", () => create({ expiresAt: inMinutes(61 * 24 * 60) }), "expiresAt", "date_range"],
  ["expiresAt not a date", () => create({ expiresAt: "tomorrow" }), "expiresAt", "date_time"],
  ["callbackUrl http", () => create({ callbackUrl: "http://shop.md/cb" }), "callbackUrl", "https"],
  ["callbackUrl relative", () => create({ callbackUrl: "/cb" }), "callbackUrl", "url"],
  [
    "callbackUrl 1001",
    () => create({ callbackUrl: `https://shop.md/${long(990)}` }),
    "callbackUrl",
    "max_length"
  ],
  ["redirectUrl http", () => create({ redirectUrl: "http://shop.md/ok" }), "redirectUrl", "https"],
  // Other operations
  ["getRtp empty id", () => client.getRtp(""), "rtpId", "required"],
  ["getRtp id with /", () => client.getRtp("a/b"), "rtpId", "format"],
  ["cancelRtp without reason", () => client.cancelRtp(RTP_ID, loose({})), "reason", "required"],
  ["cancelRtp reason 501", () => client.cancelRtp(RTP_ID, { reason: long(501) }), "reason", "max_length"],
  ["cancelRtp id blank", () => client.cancelRtp(" ", { reason: "x" }), "rtpId", "required"],
  ["refundRtp without input", () => client.refundRtp(PAY_ID, loose(undefined)), "input", "required"],
  ["refundRtp without reason", () => client.refundRtp(PAY_ID, loose({})), "reason", "required"],
  [
    "refundRtp partial amount",
    () => client.refundRtp(PAY_ID, loose({ reason: "x", amount: 5 })),
    "amount",
    "full_refund_only"
  ],
  ["refundRtp id with ?", () => client.refundRtp("a?b", { reason: "x" }), "payId", "format"],
  ["testAccept amount 0", () => client.testAccept(RTP_ID, { amount: 0 }), "amount", "positive"],
  ["testAccept without amount", () => client.testAccept(RTP_ID, loose({})), "amount", "required"],
  [
    "testAccept currency USD",
    () => client.testAccept(RTP_ID, loose({ amount: 1, currency: "USD" })),
    "currency",
    "one_of"
  ],
  ["testReject empty id", () => client.testReject(""), "rtpId", "required"],
  ["listRtps unknown status", () => client.listRtps(loose({ status: "Paid" })), "status", "one_of"],
  ["listRtps sortBy type", () => client.listRtps(loose({ sortBy: "type" })), "sortBy", "one_of"],
  ["listRtps order", () => client.listRtps(loose({ order: "up" })), "order", "one_of"],
  ["listRtps count 0", () => client.listRtps({ count: 0 }), "count", "min"],
  ["listRtps amount 3 decimals", () => client.listRtps({ amount: 1.234 }), "amount", "max_2_decimals"],
  [
    "listRtps reversed dates",
    () => client.listRtps({ createdAtFrom: "2029-10-02T00:00:00Z", createdAtTo: "2029-10-01T00:00:00Z" }),
    "createdAtFrom",
    "range_order"
  ]
]

describe("RTP input validation: a MiaValidationError naming field and rule, nothing sent", () => {
  it.each(cases)("%s", async (_name, call, field, rule) => {
    const error = await rejection(call())
    expect(error).toBeInstanceOf(MiaValidationError)
    expect(error).toMatchObject({ field, rule })
    expect(bank.recorded).toHaveLength(0)
  })

  it("an amount is read exactly: 0.1 + 0.2 is refused, 19.99 is not", async () => {
    expect(await rejection(create({ amount: 0.1 + 0.2 }))).toMatchObject({ field: "amount" })
    bank.on("POST /v2/rtp", () => new Response(JSON.stringify({ ok: true, result: { rtpId: RTP_ID } })))
    await expect(create({ amount: 19.99 })).resolves.toEqual({ rtpId: RTP_ID })
  })

  it("http callback and redirect URLs are accepted for loopback hosts (a local sandbox)", async () => {
    bank.on("POST /v2/rtp", () => new Response(JSON.stringify({ ok: true, result: { rtpId: RTP_ID } })))
    await create({
      callbackUrl: "http://127.0.0.1:4010/mia/callback",
      redirectUrl: "http://localhost:3000/ok"
    })
    expect(bank.apiCalls()[0]?.body).toMatchObject({ callbackUrl: "http://127.0.0.1:4010/mia/callback" })
  })

  it("the expiry window is 1 minute to 60 days: both edges just inside are accepted", async () => {
    bank.on("POST /v2/rtp", () => new Response(JSON.stringify({ ok: true, result: { rtpId: RTP_ID } })))
    await create({ expiresAt: new Date(Date.now() + 90_000) })
    await create({ expiresAt: inMinutes(60 * 24 * 60 - 5) })
    expect(bank.apiCalls()).toHaveLength(2)
  })

  it("the message says how to fix the alias", async () => {
    const error = (await rejection(create({ alias: "+37369112221" }))) as MiaValidationError
    expect(error.message).toContain("373 followed by 8 digits")
    expect(error.operation).toBe("createRtp")
  })
})

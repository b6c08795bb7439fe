import { afterAll, describe, expect, it } from "vitest"
import {
  createMiaQrClient,
  type MiaQrPromiseClient,
  MiaValidationError,
  parseAmount
} from "../../src/index.js"
import { BASE_URL, CLIENT_ID, CLIENT_SECRET, fakeBank, PAY_ID, QR_ID } from "./fake-bank.js"

const bank = fakeBank()
const client: MiaQrPromiseClient = createMiaQrClient({
  clientId: CLIENT_ID,
  clientSecret: CLIENT_SECRET,
  baseUrl: BASE_URL
})

afterAll(async () => {
  await client.close()
})

const minutes = (n: number) => new Date(Date.now() + n * 60_000)
const dynamic = {
  type: "Dynamic",
  amountType: "Fixed",
  amount: 10,
  description: "Order",
  expiresAt: minutes(10)
} as const
const controlled = {
  ...dynamic,
  amountType: "Controlled",
  amount: undefined,
  amountMin: 10,
  amountMax: 100
} as const
const extension = { expiresAt: minutes(10), amount: 10, description: "Order" } as const
const long = (n: number) => "x".repeat(n)

// Deliberately wrong inputs, as JavaScript callers (or JSON) might send them.
const loose = <A>(value: unknown) => value as A

type Case = readonly [string, () => Promise<unknown>, string, string]

const cases: ReadonlyArray<Case> = [
  // createQr: shape, enums and amount-type rules (spec §3, §5.2)
  ["createQr without input", () => client.createQr(loose(undefined)), "input", "required"],
  ["createQr type missing", () => client.createQr(loose({ ...dynamic, type: undefined })), "type", "one_of"],
  ["createQr type Hybrid", () => client.createQr(loose({ ...dynamic, type: "Hybrid" })), "type", "one_of"],
  [
    "createQr amountType unknown",
    () => client.createQr(loose({ ...dynamic, amountType: "Any" })),
    "amountType",
    "one_of"
  ],
  [
    "createQr Free on Dynamic",
    () => client.createQr({ ...dynamic, amountType: "Free", amount: undefined }),
    "amountType",
    "free_static_only"
  ],
  [
    "createQr currency EUR",
    () => client.createQr(loose({ ...dynamic, currency: "EUR" })),
    "currency",
    "one_of"
  ],
  [
    "createQr Fixed without amount",
    () => client.createQr({ ...dynamic, amount: undefined }),
    "amount",
    "required"
  ],
  ["createQr amount 0", () => client.createQr({ ...dynamic, amount: 0 }), "amount", "positive"],
  ["createQr amount negative", () => client.createQr({ ...dynamic, amount: -5 }), "amount", "positive"],
  [
    "createQr amount above 100000",
    () => client.createQr({ ...dynamic, amount: 100_000.01 }),
    "amount",
    "max_amount"
  ],
  [
    "createQr amount with 3 decimals",
    () => client.createQr({ ...dynamic, amount: 10.001 }),
    "amount",
    "max_2_decimals"
  ],
  [
    "createQr amount tiny exponent",
    () => client.createQr({ ...dynamic, amount: 1e-7 }),
    "amount",
    "max_2_decimals"
  ],
  [
    "createQr amount 99999.995 (a third decimal near the maximum)",
    () => client.createQr({ ...dynamic, amount: 99999.995 }),
    "amount",
    "max_2_decimals"
  ],
  [
    "createQr amount 0.1 + 0.2",
    () => client.createQr({ ...dynamic, amount: 0.1 + 0.2 }),
    "amount",
    "max_2_decimals"
  ],
  ["createQr amount NaN", () => client.createQr({ ...dynamic, amount: Number.NaN }), "amount", "type_number"],
  [
    "createQr amount Infinity",
    () => client.createQr({ ...dynamic, amount: Number.POSITIVE_INFINITY }),
    "amount",
    "type_number"
  ],
  [
    "createQr amount as string",
    () => client.createQr(loose({ ...dynamic, amount: "10" })),
    "amount",
    "type_number"
  ],
  [
    "createQr Fixed with amountMin",
    () => client.createQr({ ...dynamic, amountMin: 5 }),
    "amountMin",
    "not_allowed"
  ],
  [
    "createQr Fixed with amountMax",
    () => client.createQr({ ...dynamic, amountMax: 50 }),
    "amountMax",
    "not_allowed"
  ],
  [
    "createQr Controlled without amountMin",
    () => client.createQr({ ...controlled, amountMin: undefined }),
    "amountMin",
    "required"
  ],
  [
    "createQr Controlled without amountMax",
    () => client.createQr({ ...controlled, amountMax: undefined }),
    "amountMax",
    "required"
  ],
  [
    "createQr Controlled min >= max",
    () => client.createQr({ ...controlled, amountMin: 100, amountMax: 100 }),
    "amountMin",
    "min_below_max"
  ],
  [
    "createQr Controlled amountMax above limit",
    () => client.createQr({ ...controlled, amountMax: 100_001 }),
    "amountMax",
    "max_amount"
  ],
  [
    "createQr Controlled amount outside range",
    () => client.createQr({ ...controlled, amount: 101 }),
    "amount",
    "within_range"
  ],
  [
    "createQr Controlled amountMin 3 decimals",
    () => client.createQr({ ...controlled, amountMin: 1.234 }),
    "amountMin",
    "max_2_decimals"
  ],
  [
    "createQr Free with amount",
    () => client.createQr({ type: "Static", amountType: "Free", amount: 5, description: "Tips" }),
    "amount",
    "not_allowed"
  ],
  [
    "createQr Free with amountMax",
    () => client.createQr({ type: "Static", amountType: "Free", amountMax: 5, description: "Tips" }),
    "amountMax",
    "not_allowed"
  ],
  // texts and URLs (spec §5.1)
  [
    "createQr description missing",
    () => client.createQr(loose({ ...dynamic, description: undefined })),
    "description",
    "required"
  ],
  [
    "createQr description blank",
    () => client.createQr({ ...dynamic, description: "   " }),
    "description",
    "required"
  ],
  [
    "createQr description too long",
    () => client.createQr({ ...dynamic, description: long(501) }),
    "description",
    "max_length"
  ],
  [
    "createQr description not a string",
    () => client.createQr(loose({ ...dynamic, description: 5 })),
    "description",
    "type_string"
  ],
  [
    "createQr orderId too long",
    () => client.createQr({ ...dynamic, orderId: long(101) }),
    "orderId",
    "max_length"
  ],
  [
    "createQr callbackUrl http",
    () => client.createQr({ ...dynamic, callbackUrl: "http://shop.md/cb" }),
    "callbackUrl",
    "https"
  ],
  [
    "createQr callbackUrl not a URL",
    () => client.createQr({ ...dynamic, callbackUrl: "shop.md/cb" }),
    "callbackUrl",
    "url"
  ],
  [
    "createQr callbackUrl too long",
    () => client.createQr({ ...dynamic, callbackUrl: `https://shop.md/${long(990)}` }),
    "callbackUrl",
    "max_length"
  ],
  [
    "createQr redirectUrl http",
    () => client.createQr({ ...dynamic, redirectUrl: "http://shop.md/ok" }),
    "redirectUrl",
    "https"
  ],
  [
    "createQr terminalId too long",
    () => client.createQr({ ...dynamic, terminalId: long(101) }),
    "terminalId",
    "max_length"
  ],
  // expiry window (spec §5.1, §5.2)
  [
    "createQr Dynamic without expiresAt",
    () => client.createQr({ ...dynamic, expiresAt: undefined }),
    "expiresAt",
    "required"
  ],
  [
    "createQr expiresAt in 30 s",
    () => client.createQr({ ...dynamic, expiresAt: new Date(Date.now() + 30_000) }),
    "expiresAt",
    "date_range"
  ],
  [
    "createQr expiresAt in 61 days",
    () => client.createQr({ ...dynamic, expiresAt: minutes(61 * 24 * 60) }),
    "expiresAt",
    "date_range"
  ],
  [
    "createQr expiresAt in the past",
    () => client.createQr({ ...dynamic, expiresAt: "2020-01-01T00:00:00Z" }),
    "expiresAt",
    "date_range"
  ],
  [
    "createQr expiresAt not a date",
    () => client.createQr({ ...dynamic, expiresAt: "tomorrow" }),
    "expiresAt",
    "date_time"
  ],
  [
    "createQr expiresAt invalid Date",
    () => client.createQr({ ...dynamic, expiresAt: new Date("nope") }),
    "expiresAt",
    "date_time"
  ],
  [
    "createQr Static with expiresAt",
    () =>
      client.createQr({
        type: "Static",
        amountType: "Fixed",
        amount: 5,
        description: "x",
        expiresAt: minutes(10)
      }),
    "expiresAt",
    "not_allowed"
  ],
  // createHybridQr (spec §5.3)
  [
    "createHybridQr Free",
    () => client.createHybridQr(loose({ amountType: "Free" })),
    "amountType",
    "free_static_only"
  ],
  [
    "createHybridQr amountType unknown",
    () => client.createHybridQr(loose({ amountType: "Open" })),
    "amountType",
    "one_of"
  ],
  [
    "createHybridQr terminalId too long",
    () => client.createHybridQr({ amountType: "Fixed", terminalId: long(101) }),
    "terminalId",
    "max_length"
  ],
  [
    "createHybridQr extension without expiresAt",
    () => client.createHybridQr({ amountType: "Fixed", extension: loose({ amount: 5, description: "x" }) }),
    "extension.expiresAt",
    "required"
  ],
  [
    "createHybridQr Fixed extension without amount",
    () => client.createHybridQr({ amountType: "Fixed", extension: { ...extension, amount: undefined } }),
    "extension.amount",
    "required"
  ],
  [
    "createHybridQr Controlled extension without range",
    () => client.createHybridQr({ amountType: "Controlled", extension }),
    "extension.amountMin",
    "required"
  ],
  [
    "createHybridQr extension description missing",
    () =>
      client.createHybridQr({
        amountType: "Fixed",
        extension: loose({ ...extension, description: undefined })
      }),
    "extension.description",
    "required"
  ],
  [
    "createHybridQr extension expiresAt too far",
    () =>
      client.createHybridQr({
        amountType: "Fixed",
        extension: { ...extension, expiresAt: minutes(61 * 24 * 60) }
      }),
    "extension.expiresAt",
    "date_range"
  ],
  // createExtension (spec §5.4)
  ["createExtension qrId empty", () => client.createExtension("", extension), "qrId", "required"],
  ["createExtension qrId with a slash", () => client.createExtension("a/b", extension), "qrId", "format"],
  [
    "createExtension without amount or range",
    () => client.createExtension(QR_ID, { ...extension, amount: undefined }),
    "amount",
    "required"
  ],
  [
    "createExtension with only amountMin",
    () => client.createExtension(QR_ID, { ...extension, amount: undefined, amountMin: 5 }),
    "amountMax",
    "required"
  ],
  [
    "createExtension amount 2.005",
    () => client.createExtension(QR_ID, { ...extension, amount: 2.005 }),
    "amount",
    "max_2_decimals"
  ],
  [
    "createExtension redirectUrl http",
    () => client.createExtension(QR_ID, { ...extension, redirectUrl: "http://x.md" }),
    "redirectUrl",
    "https"
  ],
  // cancel (spec §5.5, §5.6)
  ["cancelQr reason missing", () => client.cancelQr(QR_ID, loose({})), "reason", "required"],
  ["cancelQr reason too long", () => client.cancelQr(QR_ID, { reason: long(501) }), "reason", "max_length"],
  ["cancelQr qrId missing", () => client.cancelQr(loose(undefined), { reason: "x" }), "qrId", "required"],
  [
    "cancelExtension reason too long",
    () => client.cancelExtension(QR_ID, { reason: long(501) }),
    "reason",
    "max_length"
  ],
  // refund (spec §5.7)
  ["refundPayment payId empty", () => client.refundPayment("", { reason: "x" }), "payId", "required"],
  [
    "refundPayment reason missing",
    () => client.refundPayment(PAY_ID, loose({ amount: 5 })),
    "reason",
    "required"
  ],
  [
    "refundPayment amount 3 decimals",
    () => client.refundPayment(PAY_ID, { amount: 0.001, reason: "x" }),
    "amount",
    "max_2_decimals"
  ],
  [
    "refundPayment amount 0",
    () => client.refundPayment(PAY_ID, { amount: 0, reason: "x" }),
    "amount",
    "positive"
  ],
  [
    "refundPayment callbackUrl http",
    () => client.refundPayment(PAY_ID, { reason: "x", callbackUrl: "http://x.md" }),
    "callbackUrl",
    "https"
  ],
  [
    "refundPayment legacy with amount",
    () => client.refundPayment(PAY_ID, { amount: 5, reason: "x" }, { path: "legacy" }),
    "amount",
    "legacy_full_refund_only"
  ],
  [
    "refundPayment legacy with callbackUrl",
    () => client.refundPayment(PAY_ID, { reason: "x", callbackUrl: "https://x.md" }, { path: "legacy" }),
    "callbackUrl",
    "legacy_not_supported"
  ],
  [
    "refundPayment unknown path",
    () => client.refundPayment(PAY_ID, { reason: "x" }, loose({ path: "v1" })),
    "path",
    "one_of"
  ],
  // lists (spec §5.8, §5.10)
  ["listQrs filter not an object", () => client.listQrs(loose("all")), "filter", "required"],
  ["listQrs count 0", () => client.listQrs({ count: 0 }), "count", "min"],
  ["listQrs count 1.5", () => client.listQrs({ count: 1.5 }), "count", "type_integer"],
  ["listQrs count too large", () => client.listQrs({ count: 1001 }), "count", "max"],
  ["listQrs offset negative", () => client.listQrs({ offset: -1 }), "offset", "min"],
  ["listQrs sortBy unknown", () => client.listQrs(loose({ sortBy: "amount" })), "sortBy", "one_of"],
  ["listQrs order unknown", () => client.listQrs(loose({ order: "up" })), "order", "one_of"],
  ["listQrs status unknown", () => client.listQrs(loose({ status: "Done" })), "status", "one_of"],
  ["listQrs type unknown", () => client.listQrs(loose({ type: "Mixed" })), "type", "one_of"],
  ["listQrs amountFrom negative", () => client.listQrs({ amountFrom: -1 }), "amountFrom", "non_negative"],
  ["listQrs amountTo 3 decimals", () => client.listQrs({ amountTo: 1.001 }), "amountTo", "max_2_decimals"],
  [
    "listQrs amount range reversed",
    () => client.listQrs({ amountFrom: 100, amountTo: 10 }),
    "amountFrom",
    "range_order"
  ],
  [
    "listQrs createdAtFrom not a date",
    () => client.listQrs({ createdAtFrom: "yesterday" }),
    "createdAtFrom",
    "date_time"
  ],
  [
    "listQrs date range reversed",
    () => client.listQrs({ createdAtFrom: "2029-02-01T00:00:00Z", createdAtTo: "2029-01-01T00:00:00Z" }),
    "createdAtFrom",
    "range_order"
  ],
  ["listQrs orderId too long", () => client.listQrs({ orderId: long(101) }), "orderId", "max_length"],
  [
    "listPayments sortBy createdAt",
    () => client.listPayments(loose({ sortBy: "createdAt" })),
    "sortBy",
    "one_of"
  ],
  ["listPayments status Paid", () => client.listPayments(loose({ status: "Paid" })), "status", "one_of"],
  [
    "listPayments referenceId too long",
    () => client.listPayments({ referenceId: long(16) }),
    "referenceId",
    "max_length"
  ],
  [
    "listPayments payerIban too long",
    () => client.listPayments({ payerIban: long(201) }),
    "payerIban",
    "max_length"
  ],
  [
    "listPayments executed range reversed",
    () =>
      client.listPayments({ executedAtFrom: "2029-02-01T00:00:00Z", executedAtTo: "2029-01-01T00:00:00Z" }),
    "executedAtFrom",
    "range_order"
  ],
  // details
  ["getQr blank id", () => client.getQr("  "), "qrId", "required"],
  ["getQr id with a query", () => client.getQr("x?y=1"), "qrId", "format"],
  ["getPayment empty id", () => client.getPayment(""), "payId", "required"],
  // test-pay (spec §5.12)
  [
    "testPay amount missing",
    () => client.testPay(loose({ qrId: QR_ID, iban: "MD88", payerName: "J" })),
    "amount",
    "required"
  ],
  [
    "testPay iban missing",
    () => client.testPay(loose({ qrId: QR_ID, amount: 1, payerName: "J" })),
    "iban",
    "required"
  ],
  [
    "testPay payerName too long",
    () => client.testPay({ qrId: QR_ID, amount: 1, iban: "MD88", payerName: long(201) }),
    "payerName",
    "max_length"
  ],
  [
    "testPay currency USD",
    () => client.testPay(loose({ qrId: QR_ID, amount: 1, iban: "MD88", payerName: "J", currency: "USD" })),
    "currency",
    "one_of"
  ],
  // request options
  ["timeoutMs not positive", () => client.getQr(QR_ID, { timeoutMs: -5 }), "timeoutMs", "positive"]
]

describe("inputs are validated before anything is sent", () => {
  it.each(cases)("%s -> MiaValidationError(%s)", async (_name, run, field, rule) => {
    let caught: unknown
    try {
      await run()
    } catch (error) {
      caught = error
    }
    expect(caught).toBeInstanceOf(MiaValidationError)
    const error = caught as MiaValidationError
    expect({ field: error.field, rule: error.rule }).toEqual({ field, rule })
    expect(error.message).toContain(field.split(".").at(-1)!)
    expect(error.retryable).toBe(false)
    expect(bank.recorded).toHaveLength(0)
  })

  it("testPay is refused on the production host", async () => {
    const production = createMiaQrClient({
      clientId: CLIENT_ID,
      clientSecret: CLIENT_SECRET,
      environment: "production"
    })
    await expect(
      production.testPay({ qrId: QR_ID, amount: 1, iban: "MD88AG000000011621810140", payerName: "J" })
    ).rejects.toMatchObject({ _tag: "MiaValidationError", field: "environment", rule: "sandbox_only" })
    await production.close()
    expect(bank.recorded).toHaveLength(0)
  })

  it("accepts the limits themselves: 100000, 0.01, 500-character description, 1 minute + 60 days window", async () => {
    const { prepareCreateQr } = await import("../../src/qr/prepare/create-qr.js")
    const now = Date.UTC(2029, 0, 1)
    const body = prepareCreateQr(
      { ...dynamic, amount: 100_000, description: long(500), expiresAt: new Date(now + 60 * 24 * 3_600_000) },
      now
    )
    expect(body).toMatchObject({ amount: 100_000, expiresAt: "2029-03-02T00:00:00.000Z" })
    expect(
      prepareCreateQr({ ...dynamic, amount: 0.01, expiresAt: new Date(now + 60_000) }, now)
    ).toMatchObject({ amount: 0.01 })
    expect(prepareCreateQr({ ...dynamic, amount: 0.29 }, Date.now())).toMatchObject({ amount: 0.29 })
  })
})

describe("the client checks amounts with core's one money rule", () => {
  it.each([0.1 + 0.2, 99999.995, 100_000.01, 0, -5])(
    "createQr refuses %s, as parseAmount does",
    async (amount) => {
      const parsed = parseAmount(amount)
      expect(parsed.ok).toBe(false)
      await expect(client.createQr({ ...dynamic, amount })).rejects.toMatchObject({
        _tag: "MiaValidationError",
        field: "amount",
        rule: parsed.ok ? undefined : parsed.rule
      })
      expect(bank.recorded).toHaveLength(0)
    }
  )

  it.each([150.25, 100_000])("createQr accepts %s", async (amount) => {
    const { prepareCreateQr } = await import("../../src/qr/prepare/create-qr.js")
    expect(parseAmount(amount).ok).toBe(true)
    expect(prepareCreateQr({ ...dynamic, amount }, Date.now())).toMatchObject({ amount })
  })
})

describe("client options are validated when the client is created", () => {
  const base = { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET }
  it.each([
    ["clientId empty", { ...base, clientId: "" }, "clientId", "required"],
    ["clientSecret blank", { ...base, clientSecret: "  " }, "clientSecret", "required"],
    ["signatureKey empty", { ...base, signatureKey: "" }, "signatureKey", "required"],
    ["environment unknown", { ...base, environment: "staging" }, "environment", "one_of"],
    ["baseUrl not http", { ...base, baseUrl: "ftp://bank.md" }, "baseUrl", "url"],
    ["baseUrl with /v2", { ...base, baseUrl: "https://sandbox.maibmerchants.md/v2" }, "baseUrl", "host_only"],
    ["timeoutMs zero", { ...base, timeoutMs: 0 }, "timeoutMs", "positive"],
    ["maxRetries negative", { ...base, maxRetries: -1 }, "maxRetries", "min"],
    ["maxRetries fractional", { ...base, maxRetries: 1.5 }, "maxRetries", "type_integer"],
    ["refundPath unknown", { ...base, refundPath: "v1" }, "refundPath", "one_of"]
  ] as const)("%s", (_name, options, field, rule) => {
    let caught: unknown
    try {
      createMiaQrClient(loose(options))
    } catch (error) {
      caught = error
    }
    expect(caught).toBeInstanceOf(MiaValidationError)
    expect(caught).toMatchObject({ field, rule })
    expect((caught as Error).message).not.toContain(CLIENT_SECRET)
  })
})

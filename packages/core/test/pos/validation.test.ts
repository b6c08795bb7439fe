import { HttpResponse, http } from "msw"
import { setupServer } from "msw/node"
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest"
import {
  createMemoryPosSessionStore,
  createMiaPosClient,
  type CreateMiaPosClientOptions,
  MiaValidationError
} from "../../src/index.js"
import { testDevice } from "./helpers/device.js"
import { BASE_URL, mswClient } from "./helpers/msw-pos.js"

let requests = 0
const server = setupServer(
  http.all(`${BASE_URL}/*`, () => {
    requests += 1
    return HttpResponse.json({ result: "success" })
  })
)
beforeAll(() => server.listen({ onUnhandledRequest: "error" }))
afterEach(() => {
  requests = 0
  server.resetHandlers()
})
afterAll(() => server.close())

const rejected = async (call: () => Promise<unknown>) => {
  const error = await call().catch((caught: unknown) => caught)
  expect(error).toBeInstanceOf(MiaValidationError)
  expect(requests).toBe(0)
  return error as MiaValidationError
}

describe("inputs are checked before anything is sent", () => {
  const pos = mswClient()
  afterAll(() => pos.close())

  it.each([
    [
      "a fixed amount with 3 decimals",
      { qrType: "dynamic", amountType: "fixed", amount: 10.001 },
      "amount",
      "max_2_decimals"
    ],
    ["a fixed amount of zero", { qrType: "dynamic", amountType: "fixed", amount: 0 }, "amount", "positive"],
    [
      "an amount above 100000",
      { qrType: "dynamic", amountType: "fixed", amount: 100_000.01 },
      "amount",
      "max_amount"
    ],
    [
      "99999.995 (a third decimal near the maximum)",
      { qrType: "dynamic", amountType: "fixed", amount: 99999.995 },
      "amount",
      "max_2_decimals"
    ],
    ["0.1 + 0.2", { qrType: "dynamic", amountType: "fixed", amount: 0.1 + 0.2 }, "amount", "max_2_decimals"],
    ["a fixed amount left out", { qrType: "dynamic", amountType: "fixed" }, "amount", "required"],
    [
      "a range on a fixed amount",
      { qrType: "static", amountType: "fixed", amount: 5, maxAmount: 9 },
      "maxAmount",
      "not_allowed"
    ],
    [
      "a controlled amount without its maximum",
      { qrType: "static", amountType: "controlled", minAmount: 5 },
      "maxAmount",
      "required"
    ],
    [
      "a range upside down",
      { qrType: "static", amountType: "controlled", minAmount: 9, maxAmount: 5 },
      "minAmount",
      "range"
    ],
    [
      "an amount outside the range",
      { qrType: "static", amountType: "controlled", minAmount: 5, maxAmount: 9, amount: 10 },
      "amount",
      "range"
    ],
    ["amounts on a hybrid QR", { qrType: "hybrid", amountType: "fixed", amount: 5 }, "amount", "not_allowed"],
    [
      "amounts on a free amount",
      { qrType: "static", amountType: "free", amount: 5 },
      "amount",
      "not_allowed"
    ],
    ["an unknown QR type", { qrType: "sticker", amountType: "fixed", amount: 1 }, "qrType", "one_of"]
  ] as const)("qr.create rejects %s", async (_, input, field, rule) => {
    const error = await rejected(() => pos.qr.create(input as never))
    expect(error).toMatchObject({ field, rule, operation: "qrCreate" })
    expect(error.message).toMatch(/^qrCreate: /)
  })

  it("qr.create accepts enum values in any case, and sends no extension where the API takes none", async () => {
    const bodies: Array<unknown> = []
    server.use(
      http.post(`${BASE_URL}/pos/api/v2/qr`, async ({ request }) => {
        bodies.push(await request.json())
        return HttpResponse.json({ result: "success", qrInfo: { qrId: "q" } })
      })
    )
    await pos.qr.create({ qrType: "HYBRID" as never, amountType: "Fixed" as never })
    await pos.qr.create({ qrType: "dynamic", amountType: "free" })
    await pos.qr.create({ qrType: "static", amountType: "controlled", minAmount: 1, maxAmount: 2.5 })
    expect(bodies).toEqual([
      { qrType: "hybrid", amountType: "fixed" },
      { qrType: "dynamic", amountType: "free" },
      { qrType: "static", amountType: "controlled", extension: { minAmount: 1, maxAmount: 2.5 } }
    ])
  })

  it("rejects bad ids, OTPs, cursors, formats and returns", async () => {
    expect(await rejected(() => pos.qr.get(""))).toMatchObject({ field: "qrId", rule: "required" })
    expect(await rejected(() => pos.qr.cancel("a/b"))).toMatchObject({ field: "qrId", rule: "format" })
    expect(await rejected(() => pos.qr.createExtension("q", {}))).toMatchObject({
      field: "amount",
      rule: "required"
    })
    expect(await rejected(() => pos.activation.confirm({ otpCode: "12a456" }))).toMatchObject({
      field: "otpCode"
    })
    expect(await rejected(() => pos.activation.init({ terminalId: " ", merchantIdno: "1" }))).toMatchObject({
      field: "terminalId"
    })
    expect(await rejected(() => pos.transactions.list({ txId: "abc" }))).toMatchObject({
      field: "txId",
      rule: "format"
    })
    expect(
      await rejected(() => pos.reports.zReport({ shiftId: "1", format: "docx" as never }))
    ).toMatchObject({
      field: "format",
      rule: "one_of"
    })
    expect(await rejected(() => pos.reports.zReport({ shiftId: "" }))).toMatchObject({ field: "shiftId" })
    expect(await rejected(() => pos.qrV1.create({ amount: -1 }))).toMatchObject({
      field: "amount",
      rule: "positive"
    })
    expect(
      await rejected(() =>
        pos.transactions.return({ txId: "1", amount: 5, fullRefund: true, reasonCode: "r" })
      )
    ).toMatchObject({ field: "amount", rule: "not_allowed" })
    expect(
      await rejected(() => pos.transactions.return({ txId: "1", fullRefund: false, reasonCode: "r" }))
    ).toMatchObject({
      field: "amount",
      rule: "required"
    })
    expect(await rejected(() => pos.transactions.return({ txId: "1", reasonCode: "" }))).toMatchObject({
      field: "reasonCode"
    })
    expect(
      await rejected(() => pos.transactions.return({ txId: "1", amount: 0.001, reasonCode: "r" }))
    ).toMatchObject({
      field: "amount",
      rule: "max_2_decimals"
    })
    expect(
      await rejected(() => pos.settings.set({ qrType: "dynamic", qrAmountType: "fixed", qrTtl: 29 }))
    ).toMatchObject({
      field: "qrTtl",
      rule: "min"
    })
    expect(await rejected(() => pos.seller.login({ username: "ana", password: "" }))).toMatchObject({
      field: "password"
    })
  })

  it("seller.login without credentials and without a seller option says what to pass", async () => {
    const error = await rejected(() => pos.seller.login())
    expect(error.message).toContain("seller")
  })
})

describe("client options", () => {
  const valid: CreateMiaPosClientOptions = { baseUrl: BASE_URL, device: testDevice }
  const invalid = (options: Partial<CreateMiaPosClientOptions> | Record<string, unknown>) => {
    try {
      createMiaPosClient({ ...valid, ...options } as CreateMiaPosClientOptions)
    } catch (error) {
      expect(error).toBeInstanceOf(MiaValidationError)
      return error as MiaValidationError
    }
    throw new Error("the options were accepted")
  }

  it("baseUrl is required: there is no public default host", () => {
    const error = invalid({ baseUrl: undefined })
    expect(error).toMatchObject({ field: "baseUrl", rule: "required", operation: "createMiaPosClient" })
    expect(error.message).toContain("no public default")
    expect(invalid({ baseUrl: "ftp://bank" })).toMatchObject({ field: "baseUrl", rule: "url" })
    expect(invalid({ baseUrl: `${BASE_URL}/pos/api/v1` })).toMatchObject({
      field: "baseUrl",
      rule: "host_only"
    })
  })

  it("baseUrl over plain http only for loopback: a typo must not send the password in clear", async () => {
    const error = invalid({ baseUrl: "http://miapos.bank.md" })
    expect(error).toMatchObject({ field: "baseUrl", rule: "https" })
    expect(error.message).toContain("localhost")
    for (const baseUrl of ["http://localhost:8080", "http://127.0.0.1:3000", "http://[::1]:3000"]) {
      await createMiaPosClient({ ...valid, baseUrl }).close()
    }
  })

  it("checks the device headers", () => {
    expect(invalid({ device: undefined })).toMatchObject({ field: "device" })
    expect(invalid({ device: { ...testDevice, installationId: "device-1" } })).toMatchObject({
      field: "device.installationId",
      rule: "uuid"
    })
    expect(invalid({ device: { ...testDevice, platformType: "windows" as never } })).toMatchObject({
      field: "device.platformType"
    })
    expect(invalid({ device: { ...testDevice, posAppVersion: 1.5 } })).toMatchObject({
      field: "device.posAppVersion"
    })
    expect(invalid({ device: { ...testDevice, device: "Касса 1" } })).toMatchObject({
      field: "device.device",
      rule: "ascii"
    })
  })

  it("checks routes, store, seller, numbers and zone, never echoing the password", () => {
    expect(invalid({ routes: { qrGet: "pos/qr" } })).toMatchObject({ field: "routes.qrGet", rule: "route" })
    expect(invalid({ routes: { qrGet: "/pos/qr?x=1" } })).toMatchObject({ field: "routes.qrGet" })
    expect(invalid({ routes: { notAnOperation: "/x" } as never })).toMatchObject({
      field: "routes.notAnOperation"
    })
    expect(invalid({ routes: { qrGet: { method: "TRACE" as never, path: "/x" } } })).toMatchObject({
      field: "routes.qrGet"
    })
    expect(invalid({ sessionStore: {} as never })).toMatchObject({ field: "sessionStore" })
    const seller = invalid({ seller: { username: "", password: "hunter2" } })
    expect(seller).toMatchObject({ field: "seller.username" })
    expect(seller.message).not.toContain("hunter2")
    expect(invalid({ timeoutMs: 0 })).toMatchObject({ field: "timeoutMs" })
    expect(invalid({ maxRetries: 11 })).toMatchObject({ field: "maxRetries" })
    expect(invalid({ timeZone: "Mars/Olympus" })).toMatchObject({ field: "timeZone" })
    expect(invalid({ logger: "console" as never })).toMatchObject({ field: "logger" })
    expect(invalid({ fetch: {} as never })).toMatchObject({ field: "fetch" })
  })

  it("a route whose placeholder the operation does not have fails before sending", async () => {
    const pos = createMiaPosClient({
      ...valid,
      sessionStore: createMemoryPosSessionStore(),
      routes: { activationInit: "/activate/{terminalActivationId}" }
    })
    const error = await rejected(() => pos.activation.init({ terminalId: "1", merchantIdno: "2" }))
    await pos.close()
    expect(error).toMatchObject({ field: "routes.activationInit", rule: "path_placeholder" })
  })

  it("a closed client rejects further calls", async () => {
    const pos = mswClient()
    await pos.close()
    const error = await rejected(() => pos.shift.check())
    expect(error.rule).toBe("closed")
  })
})

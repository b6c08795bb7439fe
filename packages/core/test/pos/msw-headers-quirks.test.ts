import { HttpResponse, http } from "msw"
import { setupServer } from "msw/node"
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest"
import {
  createMemoryPosSessionStore,
  MiaApiError,
  type MiaLogEvent,
  MiaPosResultError,
  MiaResponseError,
  withPosOffset
} from "../../src/index.js"
import { testDevice } from "./helpers/device.js"
import { ACTIVATION_ID, BASE_URL, mswClient, ok } from "./helpers/msw-pos.js"

const server = setupServer()
beforeAll(() => server.listen({ onUnhandledRequest: "error" }))
afterEach(() => server.resetHandlers())
afterAll(() => server.close())

const url = (path: string) => `${BASE_URL}${path}`

const TX_INFO = {
  id: 1042,
  amount: 150.5,
  ccy: "MDL",
  date: "2024-04-04T10:49:54",
  type: "paid",
  rrn: "409510000123",
  approvalCode: "A1B2C3",
  "m\u0441\u0441": "5411",
  swiftMessageType: "pacs.008",
  swiftMessageId: "VICBMD2XAXXX250201393",
  swiftPayerBank: "VICBMD2X"
}

describe("headers", () => {
  it("sends the device headers, a fresh correlation id and the bearer; Content-Type only with a body", async () => {
    const seen: Array<Headers> = []
    server.use(
      http.get(url("/pos/api/v1/shift/check"), ({ request }) => {
        seen.push(request.headers)
        return HttpResponse.json(ok({ isOpen: false }))
      }),
      http.delete(url("/pos/api/v2/qr/q-1"), ({ request }) => {
        seen.push(request.headers)
        return HttpResponse.json(ok())
      }),
      http.post(url("/pos/api/v2/qr"), ({ request }) => {
        seen.push(request.headers)
        return HttpResponse.json(ok({ qrInfo: { qrId: "q-1", qrType: "dynamic", amountType: "fixed" } }))
      })
    )
    const pos = mswClient()
    await pos.shift.check()
    await pos.shift.check()
    await pos.qr.cancel("q-1")
    await pos.qr.create({ qrType: "dynamic", amountType: "fixed", amount: 1 })
    await pos.close()

    expect(seen).toHaveLength(4)
    for (const headers of seen) {
      expect(headers.get("x-device")).toBe(testDevice.device)
      expect(headers.get("x-platform-type")).toBe("external_system")
      expect(headers.get("x-platform-version")).toBe("20.20")
      expect(headers.get("x-installation-id")).toBe(testDevice.installationId)
      expect(headers.get("x-native-app-version")).toBe("7")
      expect(headers.get("x-pos-app-version")).toBe("12")
      expect(headers.get("accept")).toBe("application/json")
      expect(headers.get("user-agent")).toMatch(/^mia-sdk\/\d+\.\d+\.\d+/)
      expect(headers.get("authorization")).toBe("Bearer access-1")
      expect(headers.get("x-correlation-id")).toMatch(
        /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/
      )
      expect(headers.get("traceparent")).toBeNull()
    }
    expect(new Set(seen.map((headers) => headers.get("x-correlation-id"))).size).toBe(4)
    expect(seen.slice(0, 3).map((headers) => headers.get("content-type"))).toEqual([null, null, null])
    expect(seen[3]!.get("content-type")).toContain("application/json")
  })

  it("omits the optional device headers when they are not configured", async () => {
    let headers: Headers | undefined
    server.use(
      http.post(url("/pos/api/v1/terminal-activation/init"), ({ request }) => {
        headers = request.headers
        return HttpResponse.json(ok({ terminalActivationId: ACTIVATION_ID }))
      })
    )
    const pos = mswClient({
      device: {
        device: "iPhone 14",
        platformType: "IOS" as never,
        installationId: testDevice.installationId.toUpperCase(),
        posAppVersion: 3
      },
      sessionStore: createMemoryPosSessionStore()
    })
    await pos.activation.init({ terminalId: "T1", merchantIdno: "1003600012345" })
    await pos.close()
    expect(headers?.get("x-platform-type")).toBe("ios")
    expect(headers?.get("x-installation-id")).toBe(testDevice.installationId)
    expect(headers?.get("x-platform-version")).toBeNull()
    expect(headers?.get("x-native-app-version")).toBeNull()
    expect(headers?.get("authorization")).toBeNull()
  })
})

describe("quirks of the API", () => {
  it("reads the extension under extensionIfo (the seed's typo) and under extensionInfo", async () => {
    const extension = { extensionId: "e-1", qrExpireIn: 300, amount: 12.5 }
    let key = "extensionIfo"
    server.use(
      http.post(url("/pos/api/v2/qr/q-1/extension"), () => HttpResponse.json(ok({ [key]: extension })))
    )
    const pos = mswClient()
    const typo = await pos.qr.createExtension("q-1", { amount: 12.5 })
    key = "extensionInfo"
    const fixed = await pos.qr.createExtension("q-1", { amount: 12.5 })
    key = "somethingElse"
    const neither = await pos.qr.createExtension("q-1", { amount: 12.5 }).catch((error) => error)
    await pos.close()
    expect(typo).toEqual({
      extensionId: "e-1",
      expiresIn: 300,
      amount: 12.5,
      minAmount: undefined,
      maxAmount: undefined
    })
    expect(fixed).toEqual(typo)
    expect(neither).toBeInstanceOf(MiaResponseError)
    expect(neither.message).toContain("extensionIfo")
  })

  it("reads the Cyrillic mсс key and the Latin mcc key as mcc", async () => {
    const { "m\u0441\u0441": cyrillic, ...latin } = TX_INFO
    let txInfo: Record<string, unknown> = TX_INFO
    server.use(http.get(url("/pos/api/v1/tx/1042"), () => HttpResponse.json(ok({ txInfo }))))
    const pos = mswClient()
    const first = await pos.transactions.get("1042")
    txInfo = { ...latin, mcc: "7011" }
    const second = await pos.transactions.get("1042")
    await pos.close()
    expect(cyrillic).toBe("5411")
    expect(first.mcc).toBe("5411")
    expect(second.mcc).toBe("7011")
    expect(first).toMatchObject({ id: "1042", amount: 150.5, currency: "MDL", rrn: "409510000123" })
  })

  it("reads terminalId as a number or a string, and gives a string", async () => {
    let terminalId: unknown = 20001
    server.use(
      http.get(url(`/pos/api/v1/terminal-activation/${ACTIVATION_ID}`), () =>
        HttpResponse.json(ok({ terminalId, merchantIdno: "1003600012345", merchantName: "Coffee SRL" }))
      )
    )
    const pos = mswClient()
    const numeric = await pos.activation.terminalInfo()
    terminalId = "T-20001"
    const text = await pos.activation.terminalInfo()
    await pos.close()
    expect(numeric.terminalId).toBe("20001")
    expect(text.terminalId).toBe("T-20001")
  })

  it("adds the Chișinău offset to date-times without one and keeps explicit offsets", async () => {
    let date = "2024-04-04T10:49:54"
    server.use(
      http.get(url("/pos/api/v1/shift/77/tx"), () =>
        HttpResponse.json(
          ok({ isEnded: true, txList: [{ id: 1, amount: 1, ccy: "MDL", date, type: "paid" }] })
        )
      )
    )
    const pos = mswClient()
    const summer = await pos.transactions.list()
    date = "2024-01-15T08:00:00.123"
    const winter = await pos.transactions.list()
    date = "2024-01-15T08:00:00Z"
    const explicit = await pos.transactions.list()
    await pos.close()
    expect(summer.transactions[0]!.date).toBe("2024-04-04T10:49:54+03:00")
    expect(new Date(summer.transactions[0]!.date!).toISOString()).toBe("2024-04-04T07:49:54.000Z")
    expect(winter.transactions[0]!.date).toBe("2024-01-15T08:00:00.123+02:00")
    expect(explicit.transactions[0]!.date).toBe("2024-01-15T08:00:00Z")
  })

  it("reads offset-less date-times in the zone the client is given", async () => {
    server.use(
      http.get(url("/pos/api/v1/settings"), () =>
        HttpResponse.json(
          ok({ qrSettings: { qrType: "Static", qrAmountType: "FREE", whenUpdated: "2024-07-01T12:00:00" } })
        )
      )
    )
    const pos = mswClient({ timeZone: "UTC" })
    const settings = await pos.settings.get()
    await pos.close()
    expect(settings).toMatchObject({
      qrType: "static",
      qrAmountType: "free",
      whenUpdated: "2024-07-01T12:00:00+00:00"
    })
    expect(withPosOffset("2024-07-01T12:00:00")).toBe("2024-07-01T12:00:00+03:00")
  })

  it("accepts numbers and flags sent as strings, and null as absent", async () => {
    server.use(
      http.get(url("/pos/api/v1/shift/77/tx"), () =>
        HttpResponse.json(
          ok({
            isEnded: "false",
            txList: [{ id: "9", amount: "10.50", ccy: null, date: null, type: "paid" }]
          })
        )
      )
    )
    const pos = mswClient()
    const page = await pos.transactions.list()
    await pos.close()
    expect(page).toEqual({
      isEnded: false,
      nextCursor: "9",
      transactions: [{ id: "9", amount: 10.5, currency: undefined, date: undefined, type: "paid" }]
    })
  })

  it("treats a response without a result field as success (seller info) and an empty 200 as success", async () => {
    server.use(
      http.get(url("/pos/api/v1/seller/info"), () =>
        HttpResponse.json({
          sellerInfo: { id: 5, fullName: "Ana" },
          terminalInfo: { terminalId: "T1", posId: 3 }
        })
      ),
      http.delete(url("/pos/api/v2/qr/extension/e-9"), () => new HttpResponse(null, { status: 200 }))
    )
    const pos = mswClient()
    const info = await pos.seller.info()
    await expect(pos.qr.cancelExtension("e-9")).resolves.toBeUndefined()
    await pos.close()
    expect(info).toMatchObject({
      seller: { id: "5", fullName: "Ana" },
      terminal: { terminalId: "T1", posId: "3" }
    })
  })

  it("decodes reportBinary given as a data: URL, and falls back to Base64 text for txt", async () => {
    const pdf = btoa("%PDF-1.7\n%fake")
    let body: Record<string, unknown> = { reportBinary: `data:application/pdf;base64,${pdf}` }
    server.use(http.get(url("/pos/api/v2/tx/5/receipt"), () => HttpResponse.json(ok(body))))
    const pos = mswClient()
    const receipt = await pos.reports.receipt({ txId: "5" })
    body = { reportBinary: btoa("line 1\nline 2") }
    const text = await pos.reports.receipt({ txId: "5", format: "txt" })
    body = { reportBinary: btoa("not a pdf") }
    const wrong = await pos.reports.receipt({ txId: "5" }).catch((error) => error)
    body = {}
    const missing = await pos.reports.receipt({ txId: "5", format: "json" }).catch((error) => error)
    await pos.close()
    expect(new TextDecoder().decode(receipt.bytes)).toBe("%PDF-1.7\n%fake")
    expect(text.lines).toEqual(["line 1", "line 2"])
    expect(wrong).toMatchObject({ _tag: "MiaResponseError", reason: "unexpected_result" })
    expect(wrong.message).toContain("%PDF-")
    expect(missing.message).toContain("reportJson")
  })
})

describe("errors", () => {
  it("a result other than success on HTTP 200 is a MiaPosResultError carrying the code", async () => {
    server.use(
      http.post(url("/pos/api/v1/terminal-activation/init"), () =>
        HttpResponse.json({ result: "not_assign", terminalActivationId: null })
      )
    )
    const pos = mswClient({ sessionStore: createMemoryPosSessionStore() })
    const error = await pos.activation.init({ terminalId: "T1", merchantIdno: "1" }).catch((caught) => caught)
    await pos.close()
    expect(error).toBeInstanceOf(MiaPosResultError)
    expect(error).toMatchObject({ result: "not_assign", status: 200, operation: "activationInit" })
    expect(error.message).toContain("not assigned to this merchant")
  })

  it("the vendor's { errorCode, errorMessage } on a 4xx becomes a MiaApiError entry", async () => {
    server.use(
      http.get(url("/pos/api/v2/qr/active"), () =>
        HttpResponse.json({ errorCode: "1", errorMessage: "Bad filter" }, { status: 400 })
      )
    )
    const pos = mswClient()
    const error = await pos.qr.listActive().catch((caught) => caught)
    await pos.close()
    expect(error).toBeInstanceOf(MiaApiError)
    expect(error).toMatchObject({
      status: 400,
      errors: [{ errorCode: "1", errorMessage: "Bad filter" }],
      retryable: false
    })
  })

  it("an HTML error page is a MiaResponseError, retryable on 5xx", async () => {
    server.use(
      http.get(url("/pos/api/v1/settings"), () => HttpResponse.html("<h1>Bad gateway</h1>", { status: 502 }))
    )
    const pos = mswClient()
    const error = await pos.settings.get().catch((caught) => caught)
    await pos.close()
    expect(error).toMatchObject({
      _tag: "MiaResponseError",
      reason: "not_json",
      status: 502,
      retryable: true
    })
  })

  it("keeps tokens out of errors from the login answer", async () => {
    server.use(
      http.post(url("/pos/api/v1/seller/login"), () =>
        HttpResponse.json({
          result: "success",
          authTokens: { accessToken: "secret-access", refreshToken: 42 }
        })
      )
    )
    const pos = mswClient({
      sessionStore: createMemoryPosSessionStore({ terminalActivationId: ACTIVATION_ID })
    })
    const error = await pos.seller.login({ username: "ana", password: "hunter2" }).catch((caught) => caught)
    await pos.close()
    expect(error).toMatchObject({ _tag: "MiaResponseError", reason: "unexpected_result" })
    const printed = `${error.message} ${JSON.stringify(error)} ${String(error)}`
    expect(printed).not.toContain("secret-access")
    expect(printed).not.toContain("hunter2")
  })
})

describe("observability", () => {
  const loginAnswer = () =>
    HttpResponse.json(ok({ authTokens: { accessToken: "secret-access", refreshToken: "secret-refresh" } }))

  it("names spans verb-first and sends them to the tracer option, with ids and never secrets", async () => {
    const spans: Array<{ name: string; attributes: Record<string, unknown>; ended: boolean }> = []
    const tracer = {
      startSpan: (name: string, options?: { readonly attributes?: Record<string, unknown> }) => {
        const span = { name, attributes: { ...options?.attributes }, ended: false }
        spans.push(span)
        return {
          setAttribute: (key: string, value: unknown) => {
            span.attributes[key] = value
          },
          setStatus: () => undefined,
          end: () => {
            span.ended = true
          }
        }
      }
    }
    server.use(
      http.post(url("/pos/api/v1/seller/login"), loginAnswer),
      http.post(url("/pos/api/v1/shift/open"), () => HttpResponse.json(ok({ shiftId: 5 }))),
      http.get(url("/pos/api/v2/qr/q-1"), () => HttpResponse.json(ok({ state: "active" })))
    )
    const pos = mswClient({
      tracer,
      sessionStore: createMemoryPosSessionStore({ terminalActivationId: ACTIVATION_ID }),
      seller: { username: "ana", password: "hunter2" }
    })
    await pos.shift.open()
    await pos.qr.get("q-1")
    await pos.close()
    expect(spans.map((span) => span.name).sort()).toEqual([
      "MiaPosClient.getQr",
      "MiaPosClient.loginSeller",
      "MiaPosClient.openShift"
    ])
    expect(spans.every((span) => span.ended)).toBe(true)
    expect(spans.find((span) => span.name === "MiaPosClient.getQr")?.attributes).toMatchObject({
      "miapos.qr_id": "q-1"
    })
    const printed = JSON.stringify(spans)
    for (const secret of ["hunter2", "secret-access", "secret-refresh"]) expect(printed).not.toContain(secret)
  })

  it("the logger receives each request and answer, with credentials and tokens redacted", async () => {
    const events: Array<MiaLogEvent> = []
    server.use(http.post(url("/pos/api/v1/seller/login"), loginAnswer))
    const pos = mswClient({
      logger: (event) => events.push(event),
      sessionStore: createMemoryPosSessionStore({ terminalActivationId: ACTIVATION_ID })
    })
    await pos.seller.login({ username: "ana", password: "hunter2" })
    await pos.close()
    expect(events.map((event) => [event.type, event.operation, event.path])).toEqual([
      ["request", "sellerLogin", "/pos/api/v1/seller/login"],
      ["response", "sellerLogin", "/pos/api/v1/seller/login"]
    ])
    const printed = JSON.stringify(events)
    for (const secret of ["hunter2", "secret-access", "secret-refresh"]) expect(printed).not.toContain(secret)
  })
})

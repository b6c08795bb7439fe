import { Effect, Stream } from "effect"
import { PDFDocument } from "pdf-lib"
import { PNG } from "pngjs"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { MiaPosClient, type MiaPosPromiseClient, MiaPosResultError, MiaPosSessionError } from "@mia-sdk/core"
import { posClient } from "./helpers/activate.js"
import { SELLER, TERMINAL, testDevice } from "./helpers/device.js"
import { type PosSandboxServer, startPosSandboxServer } from "./helpers/pos-sandbox-server.js"

const PDF_SIGNATURE = [0x25, 0x50, 0x44, 0x46, 0x2d]
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]
const OFFSET_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?[+-]\d{2}:\d{2}$/

const expectPdf = async (bytes: Uint8Array) => {
  expect([...bytes.slice(0, 5)]).toEqual(PDF_SIGNATURE)
  const document = await PDFDocument.load(bytes)
  expect(document.getPageCount()).toBeGreaterThan(0)
}

const expectPng = (bytes: Uint8Array) => {
  expect([...bytes.slice(0, 8)]).toEqual(PNG_SIGNATURE)
  const image = PNG.sync.read(Buffer.from(bytes))
  expect(image.width).toBeGreaterThan(0)
  expect(image.height).toBeGreaterThan(0)
}

/**
 * One terminal's working day against the simulator over loopback HTTP: every operation of
 * seed 000, in the order a cashier would use them. Each step depends on the previous one.
 */
describe("MiaPos client against the simulator (loopback HTTP)", () => {
  let server: PosSandboxServer
  let pos: MiaPosPromiseClient
  let shiftId: string
  const paidTxIds: Array<string> = []

  beforeAll(async () => {
    server = await startPosSandboxServer({ transactionPageSize: 2, otp: { resendWaitSeconds: 0 } })
    pos = posClient(server)
  })
  afterAll(async () => {
    await pos.close()
    await server.close()
  })

  it("activation: init, resend OTP, confirm, terminal info", async () => {
    const started = await pos.activation.init(TERMINAL)
    expect(started.terminalActivationId).toMatch(/^[0-9a-f-]{36}$/)
    expect(started.maskedPhoneNumber).toContain("*")
    expect((await pos.session.get()).terminalActivationId).toBe(started.terminalActivationId)

    const firstCode = server.sandbox.inbox.latestCode({ terminalActivationId: started.terminalActivationId })
    const resent = await pos.activation.resendOtp()
    expect(resent.leftAttempts).toBeTypeOf("number")
    const secondCode = server.sandbox.inbox.latestCode({
      terminalActivationId: started.terminalActivationId
    })!
    expect(
      server.sandbox.inbox.messages({ terminalActivationId: started.terminalActivationId })
    ).toHaveLength(2)
    expect(firstCode).toBeDefined()

    const confirmed = await pos.activation.confirm({ otpCode: secondCode })
    expect(confirmed.terminalActivationId).toBe(started.terminalActivationId)

    const info = await pos.activation.terminalInfo()
    // The simulator prints terminalId as a number, like the seed's example; the client gives a string.
    expect(info).toMatchObject({ terminalId: "10001", merchantIdno: TERMINAL.merchantIdno })
    expect(info.merchantName).toBeTruthy()
  })

  it("seller: login, session info, refresh", async () => {
    const before = await pos.session.get()
    expect(before.loggedIn).toBe(false)
    const login = await pos.seller.login(SELLER)
    expect(login.accessTokenExpiresAt.getTime()).toBeGreaterThan(Date.now())

    const info = await pos.seller.info()
    expect(info.seller?.fullName).toBeTruthy()
    expect(info.terminal?.terminalId).toBe("10001")
    expect(info.merchant?.idno).toBe(TERMINAL.merchantIdno)

    const refreshesBefore = server.count("/pos/api/v1/seller/refresh")
    await pos.seller.refresh()
    expect(server.count("/pos/api/v1/seller/refresh")).toBe(refreshesBefore + 1)
    expect((await pos.seller.info()).seller?.fullName).toBe(info.seller?.fullName)
  })

  it("settings: get and set the QR settings", async () => {
    const settings = await pos.settings.get()
    expect(settings).toMatchObject({ qrType: "dynamic", qrAmountType: "fixed", qrTtl: 300 })
    expect(settings.whenUpdated).toMatch(OFFSET_DATE_TIME)

    await pos.settings.set({ qrType: "static", qrAmountType: "controlled", qrTtl: 120 })
    expect(await pos.settings.get()).toMatchObject({
      qrType: "static",
      qrAmountType: "controlled",
      qrTtl: 120
    })
    await pos.settings.set({ qrType: "dynamic", qrAmountType: "fixed", qrTtl: 300 })
  })

  it("shift: check (closed), open, check (open)", async () => {
    expect(await pos.shift.check()).toMatchObject({ isOpen: false })
    const opened = await pos.shift.open()
    expect(opened.shiftId).toBeTruthy()
    shiftId = opened.shiftId!
    expect(opened.openDateTime).toMatch(OFFSET_DATE_TIME)
    expect(await pos.shift.check()).toMatchObject({ isOpen: true, shiftId })
    expect((await pos.session.get()).shiftId).toBe(shiftId)
  })

  it("QR v2: create a dynamic QR, pay it, check the extension, get, list active", async () => {
    const qr = await pos.qr.create({ qrType: "dynamic", amountType: "fixed", amount: 125.5 })
    expect(qr).toMatchObject({ qrType: "dynamic", amountType: "fixed" })
    expect(qr.extension?.amount).toBe(125.5)
    expect(qr.qrText).toContain(qr.qrId)

    const active = await pos.qr.listActive({ type: "dynamic" })
    expect(active.map((item) => item.qrId)).toContain(qr.qrId)
    const withImage = await pos.qr.get(qr.qrId, { includeImage: true })
    expect(withImage.state).toBe("active")
    expect(withImage.qr?.qrImage).toBeTruthy()

    const pending = await pos.qr.checkExtension(qr.extension!.extensionId)
    expect(pending.state).toBe("active")

    const payment = server.sandbox.pay(qr.qrId)
    expect(payment.result).toBe("success")
    const paid = await pos.qr.checkExtension(qr.extension!.extensionId)
    expect(paid.state).toBe("paid")
    expect(paid.totalPayments).toBe(1)
    // The simulator sends the seed's Cyrillic "mсс" key by default; it arrives as mcc.
    expect(paid.lastTransaction).toMatchObject({ amount: 125.5, currency: "MDL", type: "paid", mcc: "5999" })
    expect(paid.lastTransaction?.date).toMatch(OFFSET_DATE_TIME)
    paidTxIds.push(paid.lastTransaction!.id)
  })

  it("QR v2: a static QR with a controlled amount, then cancel it", async () => {
    const qr = await pos.qr.create({
      qrType: "static",
      amountType: "controlled",
      minAmount: 10,
      maxAmount: 50
    })
    expect(qr.extension).toMatchObject({ minAmount: 10, maxAmount: 50 })
    const outcome = server.sandbox.pay(qr.qrId, { amount: 20 })
    expect(outcome.result).toBe("success")
    if (outcome.result === "success") paidTxIds.push(String(outcome.txId))
    await pos.qr.cancel(qr.qrId)
    const lookup = await pos.qr.get(qr.qrId)
    expect(lookup.state).toBe("cancelled")
  })

  it("QR v2: a hybrid QR with extensions (create, check, cancel)", async () => {
    const hybrid = await pos.qr.create({ qrType: "hybrid", amountType: "fixed" })
    expect(hybrid.extension).toBeUndefined()
    const extension = await pos.qr.createExtension(hybrid.qrId, { amount: 42 })
    expect(extension).toMatchObject({ amount: 42 })
    expect(extension.expiresIn).toBeGreaterThan(0)
    expect((await pos.qr.checkExtension(extension.extensionId)).state).toBe("active")

    await pos.qr.cancelExtension(extension.extensionId)
    expect((await pos.qr.checkExtension(extension.extensionId)).state).toBe("cancelled")

    const second = await pos.qr.createExtension(hybrid.qrId, { amount: 15.25 })
    const outcome = server.sandbox.pay(hybrid.qrId)
    expect(outcome.result).toBe("success")
    if (outcome.result === "success") paidTxIds.push(String(outcome.txId))
    expect((await pos.qr.checkExtension(second.extensionId)).state).toBe("paid")
    await pos.qr.cancel(hybrid.qrId)
    expect((await pos.qr.get(hybrid.qrId)).state).toBe("cancelled")
  })

  it("deprecated v1 dynamic QR: create, check, cancel", async () => {
    const paidQr = await pos.qrV1.create({ amount: 9.99 })
    expect(paidQr.qrId).toBeTruthy()
    expect(paidQr.expiresIn).toBeGreaterThan(0)
    expect((await pos.qrV1.check(paidQr.qrId)).state).toBe("active")
    const outcome = server.sandbox.pay(paidQr.qrId)
    expect(outcome.result).toBe("success")
    if (outcome.result === "success") paidTxIds.push(String(outcome.txId))
    const status = await pos.qrV1.check(paidQr.qrId)
    expect(status.state).toBe("paid")
    expect(status.transaction).toMatchObject({ amount: 9.99, mcc: "5999" })

    const cancelled = await pos.qrV1.create({ amount: 1 })
    await pos.qrV1.cancel(cancelled.qrId)
    expect((await pos.qrV1.check(cancelled.qrId)).state).toBe("cancelled")
  })

  it("transactions: page by page (cursor txId, newest first) and as an async iterator", async () => {
    expect(paidTxIds).toHaveLength(4)
    const newestFirst = [...paidTxIds].sort((a, b) => Number(b) - Number(a))

    const first = await pos.transactions.list()
    expect(first.transactions.map((tx) => tx.id)).toEqual(newestFirst.slice(0, 2))
    expect(first.isEnded).toBe(false)
    expect(first.nextCursor).toBe(newestFirst[1])
    const second = await pos.transactions.list({ shiftId, txId: first.nextCursor })
    expect(second.transactions.map((tx) => tx.id)).toEqual(newestFirst.slice(2, 4))

    const listPath = `/pos/api/v1/shift/${shiftId}/tx`
    const before = server.count(listPath)
    const iterated: Array<string> = []
    for await (const tx of pos.transactions.all({ shiftId })) iterated.push(tx.id)
    expect(iterated).toEqual(newestFirst)
    const cursors = server.seen.filter((request) => request.path === listPath).slice(before)
    expect(cursors.map((request) => request.query.get("txId"))).toEqual([null, newestFirst[1]])
  })

  it("transactions: details, partial return with reason, full return", async () => {
    const [dynamicTx, staticTx] = paidTxIds
    const details = await pos.transactions.get(dynamicTx!)
    expect(details).toMatchObject({ id: dynamicTx, amount: 125.5, currency: "MDL", mcc: "5999" })
    expect(details.rrn).toBeTruthy()
    expect(details.swiftMessageId).toBeTruthy()

    const partial = await pos.transactions.return({
      txId: dynamicTx!,
      amount: 25.5,
      reasonCode: "customer_request",
      reasonMessage: "One item returned"
    })
    expect(partial.requestId).toBeTruthy()
    const sent = JSON.parse(
      server.seen.filter((request) => request.path === "/pos/api/v1/tx/return").at(-1)!.body
    )
    expect(sent).toEqual({
      txId: Number(dynamicTx),
      amount: 25.5,
      fullRefund: false,
      reasonCode: "customer_request",
      reasonMessage: "One item returned"
    })

    const full = await pos.transactions.return({ txId: staticTx!, reasonCode: "damaged" })
    expect(full.requestId).toBeTruthy()
    const fullBody = JSON.parse(
      server.seen.filter((request) => request.path === "/pos/api/v1/tx/return").at(-1)!.body
    )
    expect(fullBody).toEqual({ txId: Number(staticTx), fullRefund: true, reasonCode: "damaged" })

    const again = await pos.transactions
      .return({ txId: staticTx!, reasonCode: "damaged" })
      .catch((error) => error)
    expect(again).toBeInstanceOf(MiaPosResultError)
    expect(again.result).toBe("already_refunded")
  })

  it("reports: X-report of the open shift in pdf, png, txt and json (short and full)", async () => {
    const pdf = await pos.reports.xReport()
    expect(pdf.format).toBe("pdf")
    expect(pdf.mediaType).toBe("application/pdf")
    await expectPdf(pdf.bytes)

    const png = await pos.reports.xReport({ shiftId, format: "png", full: true })
    expect(png.mediaType).toBe("image/png")
    expectPng(png.bytes)

    const txt = await pos.reports.xReport({ format: "txt" })
    expect(txt.mediaType).toBe("text/plain")
    expect(txt.lines.length).toBeGreaterThan(3)
    expect(txt.text).toBe(txt.lines.join("\n"))

    const short = await pos.reports.xReport({ format: "json" })
    const full = await pos.reports.xReport({ format: "json", full: true })
    expect(full.data.paymentCount).toBe(4)
    expect(full.data.paymentSum).toBeCloseTo(125.5 + 20 + 15.25 + 9.99, 2)
    expect(full.data.transactions.length).toBeGreaterThan(short.data.transactions.length)
    expect(full.data.terminalId).toBe("10001")
    expect(full.data.reportDateTime).toMatch(OFFSET_DATE_TIME)
    expect(server.seen.at(-1)?.query.get("isFullReport")).toBe("true")
  })

  it("reports: receipt of a transaction in every format", async () => {
    const txId = paidTxIds[2]!
    await expectPdf((await pos.reports.receipt({ txId })).bytes)
    expectPng((await pos.reports.receipt({ txId, format: "png" })).bytes)
    const txt = await pos.reports.receipt({ txId, format: "txt" })
    expect(txt.text).toContain("15.25")
    const json = await pos.reports.receipt({ txId, format: "json" })
    expect(json.data).toMatchObject({ amount: 15.25, currency: "MDL", terminalId: "10001" })
    expect(json.data.transactionDateTime).toMatch(OFFSET_DATE_TIME)
  })

  it("shift close, then the Z-report (v2 in every format, and the legacy one)", async () => {
    const closed = await pos.shift.close()
    expect(closed.shiftId).toBe(shiftId)
    expect((await pos.session.get()).shiftId).toBeUndefined()
    expect(await pos.shift.check()).toMatchObject({ isOpen: false })

    await expectPdf((await pos.reports.zReport({ shiftId })).bytes)
    expectPng((await pos.reports.zReport({ shiftId, format: "png" })).bytes)
    const txt = await pos.reports.zReport({ shiftId, format: "txt", full: true })
    expect(txt.lines.length).toBeGreaterThan(3)
    const json = await pos.reports.zReport({ shiftId, format: "json", full: true })
    expect(json.data.paymentCount).toBe(4)
    expect(json.data.cancellationCount).toBe(2)
    expect(json.data.workShiftEndDateTime).toMatch(OFFSET_DATE_TIME)

    const legacy = await pos.reports.zReportLegacy({ shiftId })
    expect(legacy.report.length).toBeGreaterThan(0)

    const noShift = await pos.reports.xReport().catch((error) => error)
    expect(noShift).toMatchObject({ _tag: "MiaValidationError", field: "shiftId" })
  })

  it("seller: logout forgets the tokens; the next call says to log in", async () => {
    await pos.seller.logout()
    expect(server.count("/pos/api/v1/seller/logout")).toBe(1)
    expect(JSON.parse(server.seen.at(-1)!.body)).toEqual({ refreshToken: expect.any(String) })
    expect((await pos.session.get()).loggedIn).toBe(false)
    const error = await pos.shift.check().catch((caught) => caught)
    expect(error).toBeInstanceOf(MiaPosSessionError)
    expect(error.reason).toBe("login_required")
    expect(error.message).toContain("seller.login")
  })

  it("sends the device headers and a fresh X-CORRELATION-ID on every request", () => {
    const ids = new Set<string>()
    for (const request of server.seen) {
      expect(request.headers["x-device"]).toBe(testDevice.device)
      expect(request.headers["x-platform-type"]).toBe("external_system")
      expect(request.headers["x-platform-version"]).toBe("20.20")
      expect(request.headers["x-installation-id"]).toBe(testDevice.installationId)
      expect(request.headers["x-native-app-version"]).toBe("7")
      expect(request.headers["x-pos-app-version"]).toBe("12")
      const id = request.headers["x-correlation-id"] as string
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
      ids.add(id)
    }
    expect(ids.size).toBe(server.seen.length)
    expect(server.seen.length).toBeGreaterThan(40)
  })
})

describe("the Effect service against the simulator", () => {
  it("activates, logs in, opens a shift and charges through MiaPosClient.layer", async () => {
    const server = await startPosSandboxServer()
    try {
      const layer = MiaPosClient.layer({ baseUrl: server.baseUrl, device: testDevice, seller: SELLER })
      const program = Effect.gen(function* () {
        const pos = yield* MiaPosClient
        const started = yield* pos.activation.init(TERMINAL)
        const otpCode = server.sandbox.inbox.latestCode({
          terminalActivationId: started.terminalActivationId
        })!
        yield* pos.activation.confirm({ otpCode })
        // No explicit login: the client logs in with its `seller` option on the first call that needs it.
        const shift = yield* pos.shift.open()
        const qr = yield* pos.qr.create({ qrType: "dynamic", amountType: "fixed", amount: 7.5 })
        server.sandbox.pay(qr.qrId)
        const transactions = yield* Stream.runCollect(pos.transactions.all())
        const session = yield* pos.session.get()
        return { shift, transactions, session }
      })
      const result = await Effect.runPromise(Effect.provide(program, layer))
      expect(result.transactions.map((tx) => tx.amount)).toEqual([7.5])
      expect(result.session).toMatchObject({ loggedIn: true, shiftId: result.shift.shiftId })
      expect(server.count("/pos/api/v1/seller/login")).toBe(1)
    } finally {
      await server.close()
    }
  })
})

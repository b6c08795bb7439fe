import {
  createMiaQrClient,
  MiaApiError,
  MiaAuthError,
  type MiaQrPromiseClient,
  MiaTransportError,
  verifyMiaCallback
} from "@mia-sdk/core"
import { setupServer } from "msw/node"
import { afterEach, describe, expect, it } from "vitest"
import { createMiaSandbox, type MiaSandbox, type MiaSandboxOptions } from "../../src/index.js"
import { type CallbackReceiver, startCallbackReceiver } from "../support/callback-receiver.js"

/** How the client reaches the sandbox: a real server on loopback, or msw in this process. */
export type ContractTransport = "loopback" | "msw"

/** A client pointed at a fresh sandbox, with a callback receiver behind an HTTPS callback URL. */
interface ContractWorld {
  readonly sandbox: MiaSandbox
  readonly client: MiaQrPromiseClient
  readonly receiver: CallbackReceiver
  readonly baseUrl: string
  /** An HTTPS callback URL the sandbox forwards to `receiver` (the client only accepts HTTPS). */
  readonly callbackUrl: string
}

const TEST_IBAN = "MD88AG000000011621810140"
const SHOP = "https://shop.example.md"

const minutesFromNow = (minutes: number): Date => new Date(Date.now() + minutes * 60_000)

const rejection = async (promise: Promise<unknown>): Promise<unknown> =>
  promise.then(
    () => {
      throw new Error("expected the call to fail")
    },
    (error: unknown) => error
  )

const expectApiError = async (
  promise: Promise<unknown>,
  code: string,
  status: number
): Promise<MiaApiError> => {
  const error = await rejection(promise)
  expect(error).toBeInstanceOf(MiaApiError)
  const apiError = error as MiaApiError
  expect(apiError.hasCode(code), `${apiError.message}`).toBe(true)
  expect(apiError.status).toBe(status)
  return apiError
}

/**
 * The contract between `@mia-sdk/core`'s client and the sandbox, as one suite that runs over
 * either transport: every operation and every rule the bank enforces.
 */
export const describeMiaQrContract = (transport: ContractTransport): void => {
  const cleanups: Array<() => Promise<void> | void> = []

  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
  })

  const world = async (
    options: MiaSandboxOptions = {},
    receiverOptions: Parameters<typeof startCallbackReceiver>[0] = {}
  ): Promise<ContractWorld> => {
    const receiver = await startCallbackReceiver(receiverOptions)
    cleanups.push(receiver.close)
    const sandbox = createMiaSandbox({
      callbackRetryDelays: [5, 10, 20],
      forwardCallbacksTo: receiver.url,
      ...options
    })
    cleanups.push(sandbox.close)
    let baseUrl = sandbox.baseUrl
    if (transport === "loopback") {
      baseUrl = (await sandbox.listen({ port: 0 })).url
    } else {
      const server = setupServer(...sandbox.handlers)
      // Callbacks go to the loopback receiver for real: only the bank is mocked.
      server.listen({ onUnhandledRequest: "bypass" })
      cleanups.push(() => server.close())
    }
    const client = createMiaQrClient({
      ...sandbox.credentials,
      baseUrl,
      retryBaseDelayMs: 1,
      timeoutMs: 5_000
    })
    cleanups.push(client.close)
    return { sandbox, client, receiver, baseUrl, callbackUrl: `${SHOP}/mia/callback` }
  }

  const dynamicQr = (
    w: ContractWorld,
    overrides: Partial<Parameters<MiaQrPromiseClient["createQr"]>[0]> = {}
  ) =>
    w.client.createQr({
      type: "Dynamic",
      amountType: "Fixed",
      amount: 150.25,
      description: "Order #1001",
      orderId: "1001",
      expiresAt: minutesFromNow(15),
      callbackUrl: w.callbackUrl,
      ...overrides
    })

  describe(`MIA QR client <-> sandbox over ${transport}`, () => {
    it("authenticates, and refuses wrong credentials with MiaAuthError", async () => {
      const w = await world()
      const token = await w.client.getAccessToken()
      expect(token).toMatchObject({ tokenType: "Bearer", expiresIn: 300 })
      const intruder = createMiaQrClient({ clientId: "intruder", clientSecret: "guess", baseUrl: w.baseUrl })
      cleanups.push(intruder.close)
      const error = await rejection(intruder.getQr("6d24e4a5-c6bf-4d3e-bf7a-8d2123faf4e9"))
      expect(error).toBeInstanceOf(MiaAuthError)
      expect(String((error as Error).message)).not.toContain("guess")
    })

    it("walks a Dynamic QR end to end: create, details, test-pay, signed callback, payment", async () => {
      const w = await world()
      const qr = await dynamicQr(w)
      expect(qr.url).toMatch(/^https:\/\/mia-qr\.bnm\.md\/1\/m\/BNM\/AGR[0-9A-F]{32}$/)
      const details = await w.client.getQr(qr.qrId)
      expect(details).toMatchObject({
        qrId: qr.qrId,
        status: "Active",
        type: "Dynamic",
        amount: 150.25,
        orderId: "1001"
      })

      const paid = await w.client.testPay({
        qrId: qr.qrId,
        amount: 150.25,
        iban: TEST_IBAN,
        payerName: "John D."
      })
      expect(paid).toMatchObject({ qrId: qr.qrId, qrStatus: "Paid", amount: 150.25 })
      expect(paid.signatureKey).toBe(w.sandbox.credentials.signatureKey)

      const delivery = await w.sandbox.deliveries.waitFor({ payId: paid.payId, status: "delivered" })
      expect(delivery.url).toBe(w.callbackUrl)
      const received = w.receiver.received.find((callback) => callback.path === "/mia/callback")
      const verified = await verifyMiaCallback(received?.body, w.sandbox.credentials.signatureKey)
      expect(verified).toMatchObject({
        valid: true,
        notification: { payId: paid.payId, qrStatus: "Paid", orderId: "1001" }
      })
      expect((await w.client.verifyCallback(received?.body)).valid).toBe(true)

      expect(await w.client.getPayment(paid.payId)).toMatchObject({
        payId: paid.payId,
        qrId: qr.qrId,
        amount: 150.25,
        status: "Executed",
        payerIban: TEST_IBAN
      })
      expect((await w.client.getQr(qr.qrId)).status).toBe("Paid")
    })

    it("takes one payment per Dynamic QR", async () => {
      const w = await world()
      const qr = await dynamicQr(w)
      await w.client.testPay({ qrId: qr.qrId, amount: 150.25, iban: TEST_IBAN, payerName: "A" })
      await expectApiError(
        w.client.testPay({ qrId: qr.qrId, amount: 150.25, iban: TEST_IBAN, payerName: "B" }),
        "14019",
        409
      )
      expect((await w.client.listPayments({ qrId: qr.qrId })).totalCount).toBe(1)
    })

    it("expires a Dynamic QR by the sandbox clock, and the client renews its expired token", async () => {
      const w = await world()
      const qr = await dynamicQr(w, { expiresAt: minutesFromNow(10) })
      w.sandbox.clock.advance(10 * 60_000 + 1_000)
      expect((await w.client.getQr(qr.qrId)).status).toBe("Expired")
      await expectApiError(
        w.client.testPay({ qrId: qr.qrId, amount: 150.25, iban: TEST_IBAN, payerName: "A" }),
        "14019",
        409
      )
      await expectApiError(w.client.cancelQr(qr.qrId, { reason: "too late" }), "14019", 409)
    })

    it("cancels an Active QR once; a second cancel is 14005 and a Paid QR is 14019", async () => {
      const w = await world()
      const qr = await dynamicQr(w)
      expect(await w.client.cancelQr(qr.qrId, { reason: "Customer left" })).toEqual({
        qrId: qr.qrId,
        status: "Cancelled"
      })
      await expectApiError(w.client.cancelQr(qr.qrId, { reason: "again" }), "14005", 409)
      const paidQr = await dynamicQr(w, { orderId: "1002" })
      await w.client.testPay({ qrId: paidQr.qrId, amount: 150.25, iban: TEST_IBAN, payerName: "A" })
      await expectApiError(w.client.cancelQr(paidQr.qrId, { reason: "no" }), "14019", 409)
      await expectApiError(w.client.getQr("6d24e4a5-c6bf-4d3e-bf7a-8d2123faf4e9"), "13000", 404)
    })

    it("keeps a Static QR Active across payments", async () => {
      const w = await world()
      const qr = await w.client.createQr({
        type: "Static",
        amountType: "Controlled",
        amountMin: 10,
        amountMax: 200,
        description: "Counter sticker",
        callbackUrl: w.callbackUrl
      })
      const first = await w.client.testPay({ qrId: qr.qrId, amount: 10, iban: TEST_IBAN, payerName: "A" })
      const second = await w.client.testPay({ qrId: qr.qrId, amount: 200, iban: TEST_IBAN, payerName: "B" })
      expect([first.qrStatus, second.qrStatus]).toEqual(["Active", "Active"])
      await expectApiError(
        w.client.testPay({ qrId: qr.qrId, amount: 200.01, iban: TEST_IBAN, payerName: "C" }),
        "12000",
        400
      )
      expect((await w.client.getQr(qr.qrId)).status).toBe("Active")
    })

    it("pays a Hybrid QR through its active extension, and cancels extensions", async () => {
      const w = await world()
      const hybrid = await w.client.createHybridQr({
        amountType: "Fixed",
        terminalId: "P011111",
        extension: {
          expiresAt: minutesFromNow(60),
          amount: 25,
          description: "Table 4",
          orderId: "T4",
          callbackUrl: w.callbackUrl
        }
      })
      expect(hybrid.extensionId).toEqual(expect.any(String))
      const paid = await w.client.testPay({ qrId: hybrid.qrId, amount: 25, iban: TEST_IBAN, payerName: "A" })
      expect((await w.client.getPayment(paid.payId)).extensionId).toBe(hybrid.extensionId)
      await expectApiError(
        w.client.testPay({ qrId: hybrid.qrId, amount: 25, iban: TEST_IBAN, payerName: "B" }),
        "14019",
        409
      )

      const next = await w.client.createExtension(hybrid.qrId, {
        expiresAt: minutesFromNow(60),
        amount: 40,
        description: "Table 4, round 2"
      })
      expect((await w.client.getQr(hybrid.qrId)).extensionId).toBe(next.extensionId)
      expect(await w.client.cancelExtension(hybrid.qrId, { reason: "Table closed" })).toEqual({
        extensionId: next.extensionId
      })
      await expectApiError(
        w.client.testPay({ qrId: hybrid.qrId, amount: 40, iban: TEST_IBAN, payerName: "C" }),
        "14019",
        409
      )
      expect((await w.client.getQr(hybrid.qrId)).status).toBe("Active")
    })

    it("refunds partially and fully, never more than paid, then reports Refunded", async () => {
      const w = await world()
      const qr = await dynamicQr(w, { amount: 100 })
      const { payId } = await w.client.testPay({
        qrId: qr.qrId,
        amount: 100,
        iban: TEST_IBAN,
        payerName: "A"
      })
      expect(
        await w.client.refundPayment(payId, { amount: 40.5, reason: "One item returned" })
      ).toMatchObject({
        refundId: expect.any(String),
        status: "Created"
      })
      const over = await expectApiError(
        w.client.refundPayment(payId, { amount: 59.51, reason: "Too much" }),
        "14016",
        404
      )
      expect(over.errors[0]?.errorArgs).toEqual({ refundableAmount: "59.50" })
      expect((await w.client.getPayment(payId)).status).toBe("Executed")
      await w.client.refundPayment(payId, { reason: "The rest" })
      const refunded = await w.client.getPayment(payId)
      expect(refunded.status).toBe("Refunded")
      expect(refunded.refundedAt).toEqual(expect.any(String))
      await expectApiError(w.client.refundPayment(payId, { reason: "Once more" }), "14015", 409)
      await expectApiError(
        w.client.refundPayment("6d24e4a5-c6bf-4d3e-bf7a-8d2123faf4e9", { reason: "?" }),
        "14003",
        404
      )
    })

    it("refunds through the legacy path with its old answer", async () => {
      const w = await world()
      const qr = await dynamicQr(w)
      const { payId } = await w.client.testPay({
        qrId: qr.qrId,
        amount: 150.25,
        iban: TEST_IBAN,
        payerName: "A"
      })
      expect(await w.client.refundPayment(payId, { reason: "Returned" }, { path: "legacy" })).toMatchObject({
        payId,
        status: "Refunded"
      })
      expect((await w.client.getPayment(payId)).status).toBe("Refunded")
    })

    it("sends a signed refund callback to the refund's callbackUrl", async () => {
      const w = await world()
      const qr = await dynamicQr(w)
      const { payId } = await w.client.testPay({
        qrId: qr.qrId,
        amount: 150.25,
        iban: TEST_IBAN,
        payerName: "A"
      })
      const refund = await w.client.refundPayment(payId, {
        amount: 50,
        reason: "Returned",
        callbackUrl: `${SHOP}/mia/refunds`
      })
      const delivery = await w.sandbox.deliveries.waitFor({ kind: "refund", status: "delivered" })
      expect(delivery.refundId).toBe(refund.refundId)
      expect(delivery.body.result).toMatchObject({
        payId,
        amount: 50,
        status: "Accepted",
        paymentStatus: "Executed"
      })
      const received = w.receiver.received.find((callback) => callback.path === "/mia/refunds")
      expect((await verifyMiaCallback(received?.body, w.sandbox.credentials.signatureKey)).valid).toBe(true)
    })

    it("lists QR codes and payments with filters, sorting, paging and totalCount", async () => {
      const w = await world()
      for (const orderId of ["A", "B", "C"]) {
        const qr = await dynamicQr(w, { orderId, amount: orderId === "B" ? 20 : 10 })
        await w.client.testPay({
          qrId: qr.qrId,
          amount: orderId === "B" ? 20 : 10,
          iban: TEST_IBAN,
          payerName: orderId
        })
      }
      await dynamicQr(w, { orderId: "D" })
      const page = await w.client.listQrs({ count: 2, offset: 0, sortBy: "orderId", order: "desc" })
      expect(page.totalCount).toBe(4)
      expect(page.items.map((item) => item.orderId)).toEqual(["D", "C"])
      expect((await w.client.listQrs({ status: "Paid" })).totalCount).toBe(3)
      const payments = await w.client.listPayments({
        sortBy: "amount",
        order: "desc",
        amountFrom: 10,
        amountTo: 20
      })
      expect(payments.items.map((item) => item.orderId)).toEqual(["B", "A", "C"])
      const everyQr: Array<string | undefined> = []
      for await (const qr of w.client.allQrs({ count: 1, sortBy: "orderId" })) everyQr.push(qr.orderId)
      expect(everyQr).toEqual(["A", "B", "C", "D"])
    })

    it("re-delivers a callback until the merchant answers 200", async () => {
      const w = await world({}, { answers: [500, 502, 200] })
      const qr = await dynamicQr(w)
      const { payId } = await w.client.testPay({
        qrId: qr.qrId,
        amount: 150.25,
        iban: TEST_IBAN,
        payerName: "A"
      })
      const delivery = await w.sandbox.deliveries.waitFor({ payId, status: "delivered" })
      expect(delivery.attempts.map((attempt) => attempt.status)).toEqual([500, 502, 200])
      expect(w.receiver.received).toHaveLength(3)
    })

    it("absorbs injected 503s on GETs with the client's retries", async () => {
      const w = await world()
      const qr = await dynamicQr(w)
      const outage = w.sandbox.faults.add({ method: "GET", times: 2, fault: { type: "status", status: 503 } })
      expect((await w.client.getQr(qr.qrId)).qrId).toBe(qr.qrId)
      expect(outage.hits).toBe(2)
    })

    it("retries a GET over a dropped connection, and reports a dropped POST as a transport error", async () => {
      const w = await world()
      const qr = await dynamicQr(w)
      w.sandbox.faults.add({ method: "GET", times: 1, fault: { type: "drop" } })
      expect((await w.client.getQr(qr.qrId)).qrId).toBe(qr.qrId)
      w.sandbox.faults.add({
        method: "POST",
        path: "/v2/mia/qr/{qrId}/cancel",
        times: 1,
        fault: { type: "drop" }
      })
      expect(await rejection(w.client.cancelQr(qr.qrId, { reason: "dropped" }))).toBeInstanceOf(
        MiaTransportError
      )
      expect((await w.client.getQr(qr.qrId)).status).toBe("Active")
    })

    it("surfaces a 429 with its Retry-After on a POST, which is never retried blindly", async () => {
      const w = await world()
      w.sandbox.faults.add({
        method: "POST",
        path: "/v2/mia/qr",
        times: 1,
        fault: { type: "status", status: 429, retryAfter: 7 }
      })
      const error = await expectApiError(dynamicQr(w), "10000", 429)
      expect(error.retryAfterMs).toBe(7_000)
      expect(w.sandbox.state.qrs()).toHaveLength(0)
    })

    it("treats an error envelope sent with HTTP 200 as an error", async () => {
      const w = await world({ quirks: { errorsWithHttp200: true } })
      await expectApiError(w.client.getQr("6d24e4a5-c6bf-4d3e-bf7a-8d2123faf4e9"), "13000", 200)
    })

    it("answers a bodyless GET carrying Content-Type with the firewall's 403 (raw fetch)", async () => {
      const w = await world()
      const { accessToken } = await w.client.getAccessToken()
      const blocked = await fetch(`${w.baseUrl}/v2/mia/qr`, {
        headers: { authorization: `Bearer ${accessToken}`, "content-type": "application/json" }
      })
      expect(blocked.status).toBe(403)
      expect(Object.keys(await blocked.json())).toEqual(["supportID"])
      const allowed = await fetch(`${w.baseUrl}/v2/mia/qr`, {
        headers: { authorization: `Bearer ${accessToken}` }
      })
      expect(allowed.status).toBe(200)
    })
  })
}

import type { MiaQrPromiseClient } from "@mia-sdk/core"
import type { MiaSandbox, PosSandbox } from "@mia-sdk/sandbox"
import type { PhonePayment, PhoneQr, PhoneRequest } from "../shared/types.js"
import { DemoInputError } from "./demo-input-error.js"
import type { PhoneBank } from "./routes/phone.js"

/** The official sandbox test IBAN (spec §5.12) and the payer the demo's receipts name. */
const PAYER = { iban: "MD88AG000000011621810140", payerName: "Ion P." }

/**
 * The merchant name the phone shows.
 * @example
 * SHOP_NAME // "Cafeneaua Mia"
 */
export const SHOP_NAME = "Cafeneaua Mia"

/**
 * What the simulated phone pays with: the embedded sandbox, its HTTP address, the merchant's MIA
 * client (for `test-pay`) and the MiaPos simulator (for the cashier's QRs).
 * @example
 * const bank = createEmbeddedPhoneBank({ sandbox, sandboxUrl, client, pos })
 */
export interface EmbeddedPhoneBankOptions {
  readonly sandbox: MiaSandbox
  readonly sandboxUrl: string
  readonly client: MiaQrPromiseClient
  readonly pos?: PosSandbox | undefined
  readonly fetch?: typeof globalThis.fetch | undefined
  /**
   * Told when the payer declines a request. maib sends no callback for a decline: a shop learns it
   * when it next asks the bank (its reconciler). The demo asks at once, so the checkout shows it.
   */
  readonly onDeclined?: ((orderId: string | undefined) => Promise<unknown>) | undefined
}

/**
 * The simulated phone's view of the embedded sandbox. Shop QRs are paid with
 * `POST /v2/mia/test-pay` through the merchant's own client, so the bank then delivers the signed
 * callback to the webhook as in production; cashier QRs with the POS simulator's
 * `POST /pos/api/sandbox/qr/{qrId}/pay`, which the cashier screen then sees.
 * @example
 * const bank = createEmbeddedPhoneBank({ sandbox, sandboxUrl, client, pos })
 * const [first] = await bank.payable()
 * await bank.pay(first.qrId)
 */
export const createEmbeddedPhoneBank = (options: EmbeddedPhoneBankOptions): PhoneBank => {
  const { sandbox, client, pos } = options
  const fetcher = options.fetch ?? globalThis.fetch

  const shopQrs = (): PhoneQr[] =>
    sandbox.state
      .qrs()
      .filter((qr) => qr.status === "Active" && qr.amount !== undefined)
      .map((qr) => ({
        qrId: qr.qrId,
        source: "shop" as const,
        amount: qr.amount ?? 0,
        currency: qr.currency,
        description: qr.description ?? `Order ${qr.orderId ?? ""}`,
        merchant: SHOP_NAME,
        expiresAt: qr.expiresAt
      }))

  const posQrs = (): PhoneQr[] => {
    if (pos === undefined) return []
    const now = pos.clock.now()
    const found: PhoneQr[] = []
    for (const qr of pos.state.qrs.values()) {
      if (qr.status !== "active") continue
      const extensionId = qr.extensionIds.at(-1)
      const extension = extensionId === undefined ? undefined : pos.state.extensions.get(extensionId)
      if (extension === undefined || extension.status !== "active" || extension.expiresAt <= now) continue
      if (extension.amountMinor === undefined) continue
      found.push({
        qrId: qr.qrId,
        source: "pos",
        amount: extension.amountMinor / 100,
        currency: "MDL",
        description: `Till ${qr.terminalId}`,
        merchant: SHOP_NAME,
        expiresAt: new Date(extension.expiresAt).toISOString()
      })
    }
    return found
  }

  const payable = async () =>
    [...shopQrs(), ...posQrs()].sort((a, b) => (b.expiresAt ?? "").localeCompare(a.expiresAt ?? ""))
  const find = async (qrId: string) =>
    (await payable()).find((qr) => qr.qrId.toLowerCase() === qrId.toLowerCase())

  const payAtTill = async (qr: PhoneQr): Promise<PhonePayment> => {
    const response = await fetcher(
      `${options.sandboxUrl}/pos/api/sandbox/qr/${encodeURIComponent(qr.qrId)}/pay`,
      {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ payerName: PAYER.payerName })
      }
    )
    const body = (await response.json().catch(() => ({}))) as {
      result?: string
      errorMessage?: string
      txId?: number
      amount?: number
    }
    if (!response.ok || body.result !== "success") {
      throw new DemoInputError(
        "qrId",
        `The bank refused the payment: ${body.errorMessage ?? body.result ?? response.status}.`,
        409
      )
    }
    return { qrId: qr.qrId, payId: String(body.txId), amount: body.amount ?? qr.amount, currency: "MDL" }
  }

  const requests = async (alias: string): Promise<ReadonlyArray<PhoneRequest>> =>
    sandbox.rtp.inbox(alias).map((request) => ({
      rtpId: request.rtpId,
      amount: request.amount,
      currency: request.currency,
      description: request.description,
      merchant: SHOP_NAME,
      expiresAt: request.expiresAt
    }))

  const answer: PhoneBank["answer"] = async (rtpId, choice) => {
    const request = sandbox.rtp.get(rtpId)
    if (request === undefined || (request.status !== "Created" && request.status !== "Active")) {
      throw new DemoInputError("rtpId", "This payment request is no longer waiting for an answer.", 409)
    }
    if (choice === "accepted") {
      const payment = await sandbox.rtp.accept(rtpId, { payerName: PAYER.payerName, payerIban: PAYER.iban })
      return { rtpId, answer: choice, payId: payment.payId }
    }
    await sandbox.rtp.reject(rtpId)
    await options.onDeclined?.(request.orderId)
    return { rtpId, answer: choice }
  }

  return {
    requests,
    answer,
    payable,
    find,
    pay: async (qrId) => {
      const qr = await find(qrId)
      if (qr === undefined) {
        throw new DemoInputError(
          "qrId",
          `QR ${qrId} is not waiting for a payment (paid, expired or unknown).`,
          409
        )
      }
      if (qr.source === "pos") return payAtTill(qr)
      const paid = await client.testPay({ qrId: qr.qrId, amount: qr.amount, currency: "MDL", ...PAYER })
      return { qrId: qr.qrId, payId: paid.payId, amount: paid.amount, currency: paid.currency ?? "MDL" }
    }
  }
}

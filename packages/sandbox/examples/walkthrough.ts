/**
 * One MIA payment end to end against the sandbox bank, printing each step:
 * create a Dynamic QR -> the payer pays (test-pay) -> the signed callback reaches the shop's
 * callback server and is verified -> partial refund -> full refund.
 *
 * Run it: pnpm --filter @mia-sdk/sandbox run example
 */
import { createServer } from "node:http"
import type { AddressInfo } from "node:net"
import { createMiaQrClient, type MiaCallbackNotification, verifyMiaCallback } from "@mia-sdk/core"
import { createMiaSandbox } from "../src/index.js"

const step = (number: number, text: string): void => console.log(`\n${number}. ${text}`)
const detail = (text: string): void => console.log(`   ${text}`)

// The shop's callback endpoint: verify the signature, answer 200 only for a valid callback.
const signatureKey = createMiaSandbox().credentials.signatureKey
let onPaid: (notification: MiaCallbackNotification) => void = () => undefined
const paid = new Promise<MiaCallbackNotification>((resolve) => {
  onPaid = resolve
})
const shop = createServer((request, response) => {
  const chunks: Array<Buffer> = []
  request.on("data", (chunk: Buffer) => chunks.push(chunk))
  request.on("end", async () => {
    const outcome = await verifyMiaCallback(Buffer.concat(chunks).toString("utf8"), signatureKey)
    response.writeHead(outcome.valid ? 200 : 401).end()
    if (outcome.valid) onPaid(outcome.notification)
    else detail(`callback rejected: ${outcome.reason}`)
  })
})
await new Promise<void>((resolve) => shop.listen(0, "127.0.0.1", resolve))
const shopUrl = `http://127.0.0.1:${(shop.address() as AddressInfo).port}`

// The bank. The QR registers the shop's public HTTPS callback URL (the bank requires HTTPS);
// the sandbox forwards callbacks to the local shop server, like `stripe listen --forward-to`.
const sandbox = createMiaSandbox({ signatureKey, forwardCallbacksTo: shopUrl })
const bank = await sandbox.listen({ port: 0 })
const client = createMiaQrClient({ ...sandbox.credentials, baseUrl: bank.url })

try {
  step(1, `Sandbox bank listening on ${bank.url}; shop callback server on ${shopUrl}`)

  const qr = await client.createQr({
    type: "Dynamic",
    amountType: "Fixed",
    amount: 150.25,
    description: "Order #1001: 2 x coffee beans",
    orderId: "1001",
    expiresAt: new Date(Date.now() + 15 * 60_000),
    callbackUrl: "https://shop.example.md/mia/callback"
  })
  step(2, "Created a Dynamic QR for order 1001 (150.25 MDL, valid 15 minutes)")
  detail(`qrId ${qr.qrId}`)
  detail(`show this link as the QR image: ${qr.url}`)

  const payment = await client.testPay({
    qrId: qr.qrId,
    amount: 150.25,
    iban: "MD88AG000000011621810140",
    payerName: "John D."
  })
  step(3, "The payer scanned and paid (POST /v2/mia/test-pay)")
  detail(`payId ${payment.payId}, QR status now ${payment.qrStatus}, commission ${payment.commission} MDL`)

  const notification = await paid
  step(4, "The shop received the bank's callback and verified its signature")
  detail(
    `order ${notification.orderId}: ${notification.amount} ${notification.currency} paid by ${notification.payerName} (${notification.qrStatus})`
  )
  const delivery = await sandbox.deliveries.waitFor({ payId: payment.payId, status: "delivered" })
  detail(
    `delivery log: ${delivery.attempts.length} attempt(s), last answer HTTP ${delivery.attempts.at(-1)?.status}`
  )

  const partial = await client.refundPayment(payment.payId, { amount: 50.25, reason: "One bag returned" })
  const afterPartial = await client.getPayment(payment.payId)
  step(5, "Refunded 50.25 MDL of it")
  detail(`refundId ${partial.refundId} (${partial.status}); payment status ${afterPartial.status}`)

  await client.refundPayment(payment.payId, { reason: "Order cancelled" })
  const afterFull = await client.getPayment(payment.payId)
  step(6, "Refunded the remaining 100.00 MDL")
  detail(`payment status ${afterFull.status}, refunded at ${afterFull.refundedAt}`)

  console.log("\nDone: one payment created, paid, notified, verified and refunded.")
} finally {
  await client.close()
  await sandbox.close()
  shop.closeAllConnections()
  shop.close()
}

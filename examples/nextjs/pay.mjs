// The payer, in the sandbox bank only: pays the QR shown last (or the one whose qrId you give)
// with the sandbox's test-pay. The sandbox then POSTs the signed callback to MIA_CALLBACK_URL.
//
//   npm run pay               # the newest Active QR
//   npm run pay -- <qrId>
import process from "node:process"
import { createMiaQrClient } from "@mia-sdk/core"

const client = createMiaQrClient({
  baseUrl: process.env.MIA_BASE_URL,
  clientId: process.env.MIA_CLIENT_ID,
  clientSecret: process.env.MIA_CLIENT_SECRET
})

try {
  let qrId = process.argv[2]
  if (qrId === undefined) {
    const page = await client.listQrs({ status: "Active", sortBy: "createdAt", order: "desc", count: 1 })
    qrId = page.items[0]?.qrId
    if (qrId === undefined) throw new Error("no Active QR at the sandbox: open a checkout page first")
  }
  const qr = await client.getQr(qrId)
  const payment = await client.testPay({
    qrId,
    amount: qr.amount,
    iban: "MD88AG000000011621810140",
    payerName: "Sandbox Payer"
  })
  console.log(`paid ${qr.amount} ${qr.currency} for order ${qr.orderId} (payId ${payment.payId})`)
} catch (error) {
  console.error(`pay: ${error instanceof Error ? error.message : String(error)}`)
  process.exitCode = 1
} finally {
  await client.close()
}

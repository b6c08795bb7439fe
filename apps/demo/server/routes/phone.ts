import { type Request, Router } from "express"
import type { PhonePayment, PhoneQr } from "../../shared/types.js"
import { DemoInputError } from "../demo-input-error.js"

/**
 * What the simulated phone needs from the bank: the QRs waiting to be paid, and a way to pay one.
 * Only the embedded sandbox can offer it (a real bank is paid with a real banking app).
 * @example
 * const qrs = await bank.payable()
 * const paid = await bank.pay(qrs[0].qrId)
 */
export interface PhoneBank {
  payable(): Promise<ReadonlyArray<PhoneQr>>
  find(qrId: string): Promise<PhoneQr | undefined>
  pay(qrId: string): Promise<PhonePayment>
}

/**
 * The simulated customer phone's API: list the payable QRs, show one, pay it through the sandbox.
 * @example
 * app.use("/api/phone", phoneRoutes(bank))
 */
export const phoneRoutes = (bank: PhoneBank): Router => {
  const router = Router()
  router.get("/qrs", async (_req, res) => {
    res.json(await bank.payable())
  })
  router.get("/qrs/:qrId", async (req: Request<{ qrId: string }>, res) => {
    const qr = await bank.find(req.params.qrId)
    if (qr === undefined) {
      throw new DemoInputError(
        "qrId",
        `QR ${req.params.qrId} is not waiting for a payment (paid, expired or unknown).`,
        404
      )
    }
    res.json(qr)
  })
  router.post("/pay", async (req: Request, res) => {
    const qrId = (req.body as { qrId?: unknown } | undefined)?.qrId
    if (typeof qrId !== "string" || qrId === "")
      throw new DemoInputError("qrId", "Send { qrId } of the QR to pay.")
    res.json(await bank.pay(qrId))
  })
  return router
}

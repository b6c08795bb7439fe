import { type Request, Router } from "express"
import type { PhonePayment, PhoneQr, PhoneRequest, PhoneRequestAnswer } from "../../shared/types.js"
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
  /** The payment requests waiting on this phone number (`373` + 8 digits), newest first. */
  requests(alias: string): Promise<ReadonlyArray<PhoneRequest>>
  /** The payer accepts (the bank pays and calls the shop back) or declines a request. */
  answer(rtpId: string, answer: PhoneRequestAnswer["answer"]): Promise<PhoneRequestAnswer>
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
  router.get("/requests", async (req, res) => {
    const alias = req.query.alias
    if (typeof alias !== "string" || !/^373\d{8}$/.test(alias)) {
      throw new DemoInputError(
        "alias",
        "Enter the phone number as 373 followed by 8 digits, for example 37369112221."
      )
    }
    res.json(await bank.requests(alias))
  })
  router.post("/requests/:rtpId/:answer", async (req: Request<{ rtpId: string; answer: string }>, res) => {
    const { rtpId, answer } = req.params
    if (answer !== "accept" && answer !== "decline")
      throw new DemoInputError("answer", "Answer accept or decline.", 404)
    res.json(await bank.answer(rtpId, answer === "accept" ? "accepted" : "declined"))
  })
  return router
}

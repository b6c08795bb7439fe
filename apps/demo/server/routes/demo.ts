import { Router } from "express"
import type { DemoInfo, SmsMessage } from "../../shared/types.js"

/**
 * `GET /api/demo/info` (how the demo is wired) and, with the embedded sandbox, `GET /api/demo/sms-inbox`:
 * the OTP texts the sandbox "sent" to the terminal owner's phone.
 * @example
 * app.use("/api/demo", demoRoutes({ info, smsInbox }))
 */
export const demoRoutes = ({
  info,
  smsInbox
}: {
  info: DemoInfo
  smsInbox?: (() => Promise<ReadonlyArray<SmsMessage>>) | undefined
}): Router => {
  const router = Router()
  router.get("/info", (_req, res) => {
    res.json(info)
  })
  if (smsInbox !== undefined) {
    router.get("/sms-inbox", async (_req, res) => {
      res.json(await smsInbox())
    })
  }
  return router
}

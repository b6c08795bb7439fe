import { verifyMiaCallback } from "@mia-sdk/core/callback"
import {
  createMiaSandbox,
  createSandboxClock,
  type MiaSandbox,
  type MiaSandboxOptions
} from "../../../src/index.js"
import { inMinutes, rawBank } from "../../support/raw-bank.js"

/** The docs' example payer phone number. */
export const ALIAS = "37369112221"

/** 2026-03-01T10:00:00Z: a frozen sandbox clock only moves when a test moves it. */
export const START = Date.parse("2026-03-01T10:00:00Z")

/** A valid `POST /v2/rtp` body; override any field. */
export const rtpBody = (sandbox: MiaSandbox, overrides: Record<string, unknown> = {}) => ({
  alias: ALIAS,
  amount: 150.25,
  currency: "MDL",
  description: "Invoice #123",
  orderId: "INV123",
  expiresAt: inMinutes(sandbox, 60),
  ...overrides
})

/** A sandbox on a frozen clock, a logged-in raw client, and a helper that creates requests. */
export const rtpBank = async (options: MiaSandboxOptions = {}) => {
  const sandbox = createMiaSandbox({
    callbackRetryDelays: [5, 10, 20],
    clock: createSandboxClock(START),
    ...options
  })
  const bank = rawBank(sandbox)
  await bank.login()
  const create = async (overrides: Record<string, unknown> = {}): Promise<string> => {
    const answer = await bank.post("/v2/rtp", rtpBody(sandbox, overrides))
    if (answer.status !== 200) throw new Error(`create failed: ${JSON.stringify(answer.body)}`)
    return answer.body.result.rtpId
  }
  const accept = async (rtpId: string, amount = 150.25) =>
    bank.post(`/v2/rtp/${rtpId}/test-accept`, { amount, currency: "MDL" })
  return { sandbox, bank, create, accept }
}

/**
 * Whether a callback body carries a valid signature for `signatureKey`. Core's verifier checks the
 * signature first and then wants a QR's `qrId`; an RTP callback has none, so "signed, but no qrId"
 * (`malformed_notification`) means the signature held.
 */
export const signatureHolds = async (body: unknown, signatureKey: string): Promise<boolean> => {
  const outcome = await verifyMiaCallback(body, signatureKey)
  return outcome.valid || outcome.reason === "malformed_notification"
}

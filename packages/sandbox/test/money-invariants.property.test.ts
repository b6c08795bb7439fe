import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { createMiaSandbox, createSandboxClock } from "../src/index.js"
import { rawBank } from "./support/raw-bank.js"

const start = Date.parse("2026-03-01T10:00:00Z")
const lei = fc.integer({ min: 1, max: 10_000 }).map((bani) => bani / 100)

const action = fc.oneof(
  fc.record({ kind: fc.constant("dynamic" as const), amount: lei, minutes: fc.integer({ min: 2, max: 90 }) }),
  fc.record({ kind: fc.constant("static" as const) }),
  fc.record({ kind: fc.constant("pay" as const), qr: fc.nat(), amount: lei }),
  fc.record({
    kind: fc.constant("refund" as const),
    payment: fc.nat(),
    amount: fc.option(lei, { nil: undefined })
  }),
  fc.record({ kind: fc.constant("cancel" as const), qr: fc.nat() }),
  fc.record({ kind: fc.constant("advance" as const), minutes: fc.integer({ min: 1, max: 60 }) })
)

describe("money invariants over random operation sequences", () => {
  it("never refunds more than paid, pays a Dynamic QR at most once, and marks full refunds Refunded", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(action, { maxLength: 30 }), async (actions) => {
        const sandbox = createMiaSandbox({ clock: createSandboxClock(start), tokenExpiresIn: 86_400 })
        const bank = rawBank(sandbox)
        await bank.login()
        const qrIds: Array<string> = []
        for (const step of actions) {
          const qrs = sandbox.state.qrs()
          const payments = sandbox.state.payments()
          switch (step.kind) {
            case "dynamic": {
              const expiresAt = new Date(sandbox.clock.now() + step.minutes * 60_000).toISOString()
              const answer = await bank.post("/v2/mia/qr", {
                type: "Dynamic",
                amountType: "Fixed",
                amount: step.amount,
                currency: "MDL",
                description: "d",
                expiresAt
              })
              qrIds.push(answer.body.result.qrId)
              break
            }
            case "static": {
              const answer = await bank.post("/v2/mia/qr", {
                type: "Static",
                amountType: "Free",
                currency: "MDL",
                description: "s"
              })
              qrIds.push(answer.body.result.qrId)
              break
            }
            case "pay": {
              const qr = qrs[step.qr % Math.max(qrs.length, 1)]
              if (!qr) break
              await bank.post("/v2/mia/test-pay", {
                qrId: qr.qrId,
                amount: qr.amountType === "Fixed" ? qr.amount : step.amount,
                iban: "MD88AG000000011621810140",
                currency: "MDL",
                payerName: "P"
              })
              break
            }
            case "refund": {
              const payment = payments[step.payment % Math.max(payments.length, 1)]
              if (!payment) break
              await bank.post(`/v2/payments/${payment.payId}/refund`, { amount: step.amount, reason: "r" })
              break
            }
            case "cancel": {
              const qr = qrs[step.qr % Math.max(qrs.length, 1)]
              if (qr) await bank.post(`/v2/mia/qr/${qr.qrId}/cancel`, { reason: "c" })
              break
            }
            case "advance":
              sandbox.clock.advance(step.minutes * 60_000)
          }
        }
        for (const payment of sandbox.state.payments()) {
          const refunded = sandbox.state
            .refunds({ payId: payment.payId })
            .reduce((sum, refund) => sum + Math.round(refund.amount * 100), 0)
          const paid = Math.round(payment.amount * 100)
          expect(refunded).toBeLessThanOrEqual(paid)
          expect(payment.status).toBe(refunded === paid ? "Refunded" : "Executed")
        }
        for (const qr of sandbox.state.qrs()) {
          const count = sandbox.state.payments({ qrId: qr.qrId }).length
          if (qr.type === "Dynamic") {
            expect(count).toBeLessThanOrEqual(1)
            expect(qr.status === "Paid").toBe(count === 1)
          }
        }
        expect(qrIds).toHaveLength(sandbox.state.qrs().length)
      }),
      { numRuns: 150 }
    )
  })
})

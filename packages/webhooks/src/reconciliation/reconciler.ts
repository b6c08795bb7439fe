import { toMinorUnits } from "@mia-sdk/core/money"
import type { ConfirmedPayment } from "../callback/payment-confirmation.js"
import { type Order, openRtp, PAID_STATUSES } from "../order.js"
import type { RefundRecord } from "../refunds/refund-record.js"
import { paidByRtp, reconcileRtps, settleRtpRefund } from "../rtp/reconcile-rtps.js"
import type { RtpBankPort } from "../rtp/rtp-bank-port.js"
import type { ApplyResult, OrderStore } from "../store/order-store.js"
import { nextCheckAt } from "./check-schedule.js"

/**
 * What reconciliation asks the bank. The MIA QR client (`createMiaQrClient(...)`) fits as is.
 *
 * @example
 * import { createMiaQrClient } from "@mia-sdk/core"
 * const api: ReconciliationPort = createMiaQrClient({ clientId, clientSecret })
 */
export interface ReconciliationPort {
  listPayments(filter: {
    readonly orderId?: string | undefined
    readonly count?: number | undefined
    readonly offset?: number | undefined
  }): Promise<{ readonly totalCount: number; readonly items: ReadonlyArray<ConfirmedPayment> }>
  getQr(qrId: string): Promise<{ readonly qrId: string; readonly status: string }>
  getPayment(payId: string): Promise<ConfirmedPayment>
  /** Optional: with it, a QR still open on an order paid by phone is cancelled. */
  cancelQr?(qrId: string, input: { readonly reason: string }): Promise<unknown>
}

/**
 * Options of {@link createMiaReconciler}.
 *
 * @example
 * const options: MiaReconcilerOptions = { store, api: client, batchSize: 50, maxBankCalls: 200 }
 */
export interface MiaReconcilerOptions {
  readonly store: OrderStore
  readonly api: ReconciliationPort
  /**
   * The MIA RTP client, when shoppers can pay by phone number: lost RTP callbacks are recovered
   * from the request's status, requests still open on paid orders are withdrawn, and lost RTP
   * refund answers are settled.
   */
  readonly rtp?: Pick<RtpBankPort, "getRtp" | "cancelRtp" | "refundRtp"> | undefined
  /** Pause between runs of `start()`. Default 1 minute. */
  readonly intervalMs?: number | undefined
  /** Most due orders checked per run, the longest overdue first. Default 50. */
  readonly batchSize?: number | undefined
  /** Most requests to the bank per run; what is left waits for the next run. Default 200. */
  readonly maxBankCalls?: number | undefined
  /** A pending refund older than this is settled with the bank. Default 1 minute. */
  readonly refundCheckAfterMs?: number | undefined
  /** A pending refund the bank still shows no trace of after this long failed. Default 15 minutes. */
  readonly lostRefundAfterMs?: number | undefined
  /**
   * How long a claimed order stays with this run: if the process dies mid-run, another server
   * checks the order after this. Default 5 minutes.
   */
  readonly leaseMs?: number | undefined
  /** Milliseconds since the epoch; `Date.now` by default. */
  readonly now?: (() => number) | undefined
  /** Recorded as the actor of the transitions. Default `reconciliation`. */
  readonly actor?: string | undefined
  /** Told about each order or refund that could not be checked. Defaults to `console.error`. */
  readonly onError?: ((error: unknown, orderId: string) => void) | undefined
}

/**
 * What one order's reconciliation found.
 *
 * @example
 * const outcome: OrderReconciliation = { orderId: "1001", results: [], status: "pending", bankCalls: 2 }
 */
export interface OrderReconciliation {
  readonly orderId: string
  /** One result per event applied (payments found, QR closure, refund seen at the bank). */
  readonly results: ReadonlyArray<ApplyResult>
  /** The order's status afterwards (`undefined` if the order is unknown). */
  readonly status: Order["status"] | undefined
  /** Requests made to the bank for this order. */
  readonly bankCalls: number
}

/**
 * The summary of one reconciliation run.
 *
 * @example
 * const report = await reconciler.runOnce()
 * console.log(`${report.checked} checked, ${report.applied} changed, ${report.bankCalls} bank calls`)
 */
export interface ReconciliationReport {
  readonly checked: number
  /** Events that changed an order (payments recovered, orders cancelled, refunds recorded). */
  readonly applied: number
  /** Requests made to the bank in this run (at most `maxBankCalls`, plus one order's worth). */
  readonly bankCalls: number
  /** Pending refunds settled (accepted or failed) with the bank. */
  readonly refundsSettled: number
  /** Claimed due orders left for the next run because the bank-call budget was used up. */
  readonly deferred: number
  readonly orders: ReadonlyArray<OrderReconciliation>
  readonly failed: ReadonlyArray<{ readonly orderId: string; readonly error: unknown }>
}

/**
 * A reconciliation poller: `runOnce()` for a cron job or a test, `start()` / `stop()` for a
 * background timer, `reconcileOrder(orderId)` for one order on demand.
 *
 * @example
 * const reconciler: MiaReconciler = createMiaReconciler({ store, api: client })
 * reconciler.start()
 */
export interface MiaReconciler {
  runOnce(): Promise<ReconciliationReport>
  reconcileOrder(orderId: string): Promise<OrderReconciliation>
  start(): void
  /** Stops the timer and waits for a run in progress. */
  stop(): Promise<void>
}

const PAGE_SIZE = 100
const CLOSED_QR_STATUSES = new Set(["expired", "cancelled"])

/**
 * Recovers what callbacks lost, through the same store and lifecycle as the webhook (so what is
 * also delivered by callback still applies once):
 * - pending orders with a QR: payments executed for the order are applied (only through the
 *   order's own QRs, as for callbacks); a QR expired or cancelled unpaid cancels the order;
 * - paid orders: a payment the bank shows `Refunded` (a refund made in the maib portal) refunds
 *   the order;
 * - pending refunds of the ledger whose answer was lost: settled from the bank's record.
 * Every order carries its next check time (soon after checkout, rarer with age); each run takes
 * at most `batchSize` due orders, the longest overdue first, and stops at `maxBankCalls`, so
 * abandoned carts can never starve the order behind them.
 *
 * @example
 * import { createMiaQrClient } from "@mia-sdk/core"
 * import { createMiaReconciler } from "@mia-sdk/webhooks"
 *
 * const reconciler = createMiaReconciler({ store, api: createMiaQrClient({ clientId, clientSecret }) })
 * reconciler.start()
 * process.on("SIGTERM", () => reconciler.stop())
 */
export const createMiaReconciler = (options: MiaReconcilerOptions): MiaReconciler => {
  const { store, api } = options
  const intervalMs = options.intervalMs ?? 60_000
  const batchSize = options.batchSize ?? 50
  const maxBankCalls = options.maxBankCalls ?? 200
  const refundCheckAfterMs = options.refundCheckAfterMs ?? 60_000
  const lostRefundAfterMs = options.lostRefundAfterMs ?? 15 * 60_000
  const leaseMs = options.leaseMs ?? 5 * 60_000
  const clock = options.now ?? Date.now
  const actor = options.actor ?? "reconciliation"
  const report =
    options.onError ??
    ((error: unknown, orderId: string) =>
      console.error(`[@mia-sdk/webhooks] reconciliation of order ${orderId} failed`, error))
  const rtpPort = options.rtp
  const rtpContext = (call: ReturnType<typeof counted>["call"]) =>
    rtpPort === undefined
      ? undefined
      : {
          store,
          rtp: rtpPort,
          qr:
            typeof api.cancelQr === "function"
              ? (api as Required<Pick<ReconciliationPort, "cancelQr">>)
              : undefined,
          actor,
          now: clock,
          warn: (message: string, error: unknown) => report(error, message),
          call
        }

  /** Counts the bank requests of one order's check. */
  const counted = () => {
    let calls = 0
    return {
      count: () => calls,
      call: <T>(request: () => Promise<T>): Promise<T> => {
        calls++
        return request()
      }
    }
  }

  const paymentsOf = async (orderId: string, call: ReturnType<typeof counted>["call"]) => {
    const payments: Array<ConfirmedPayment> = []
    for (let offset = 0; ; offset += PAGE_SIZE) {
      const page = await call(() => api.listPayments({ orderId, count: PAGE_SIZE, offset }))
      payments.push(...page.items)
      if (page.items.length < PAGE_SIZE || payments.length >= page.totalCount) break
    }
    // Oldest first, so the first payment becomes the order's and later ones are flagged.
    return payments.sort((a, b) => Date.parse(a.executedAt ?? "") - Date.parse(b.executedAt ?? "") || 0)
  }

  const checkPending = async (order: Order, call: ReturnType<typeof counted>["call"]) => {
    const results: Array<ApplyResult> = order.qrId === undefined ? [] : await checkPendingQr(order, call)
    const rtps = rtpContext(call)
    if (rtps !== undefined) {
      results.push(...(await reconcileRtps(rtps, (await store.getOrder(order.orderId)) ?? order)))
    }
    return results
  }

  const checkPendingQr = async (order: Order, call: ReturnType<typeof counted>["call"]) => {
    const results: Array<ApplyResult> = []
    for (const payment of await paymentsOf(order.orderId, call)) {
      const amountMinor = toMinorUnits(payment.amount)
      if (amountMinor === undefined || amountMinor <= 0) continue
      results.push(
        await store.applyEvent(
          {
            type: "payment",
            payId: payment.payId,
            qrId: payment.qrId,
            orderId: payment.orderId ?? order.orderId,
            amountMinor,
            currency: (payment.currency ?? "MDL").toUpperCase(),
            executedAt: payment.executedAt,
            payload: { reconciliation: payment }
          },
          { actor }
        )
      )
    }
    const current = (await store.getOrder(order.orderId)) ?? order
    // While a payment request is open the order is still payable: its QR closing cancels nothing yet.
    if (current.status === "pending" && current.qrId !== undefined && openRtp(current) === undefined) {
      const qrId = current.qrId
      const qr = await call(() => api.getQr(qrId))
      const status = qr.status.toLowerCase()
      if (CLOSED_QR_STATUSES.has(status)) {
        results.push(
          await store.applyEvent(
            {
              type: "qr_closed",
              qrId,
              orderId: order.orderId,
              qrStatus: status === "expired" ? "Expired" : "Cancelled",
              payload: { reconciliation: qr }
            },
            { actor }
          )
        )
      }
    }
    return results
  }

  /** A paid order whose payment the bank shows fully refunded: refunded outside the SDK. */
  const checkPaid = async (order: Order, payId: string, call: ReturnType<typeof counted>["call"]) => {
    const payment = await call(() => api.getPayment(payId))
    if (payment.status.toLowerCase() !== "refunded" || order.refundedAmountMinor >= order.paidAmountMinor)
      return []
    const applied = await store.applyEvent(
      {
        type: "refund",
        refundId: `bank-refunded:${payId}`,
        payId,
        orderId: order.orderId,
        amountMinor: order.paidAmountMinor - order.refundedAmountMinor,
        full: true,
        payload: { reconciliation: payment }
      },
      { actor }
    )
    return [applied]
  }

  const reconcileWith = async (orderId: string, call: ReturnType<typeof counted>["call"]) => {
    const order = await store.getOrder(orderId)
    if (order === undefined) return { order, results: [] as ReadonlyArray<ApplyResult> }
    if (order.status === "pending" && (order.qrId !== undefined || openRtp(order) !== undefined))
      return { order, results: await checkPending(order, call) }
    const results: Array<ApplyResult> = []
    const rtps = rtpContext(call)
    if (rtps !== undefined && openRtp(order) !== undefined)
      results.push(...(await reconcileRtps(rtps, order)))
    // The QR API knows nothing of payments by phone: those are watched through their requests.
    if (PAID_STATUSES.has(order.status) && order.payId !== undefined && paidByRtp(order) === undefined) {
      results.push(...(await checkPaid(order, order.payId, call)))
    }
    return { order, results }
  }

  const reconcileOrder = async (orderId: string): Promise<OrderReconciliation> => {
    const counter = counted()
    const { order, results } = await reconcileWith(orderId, counter.call)
    const after = results.some((result) => result.outcome === "applied")
      ? await store.getOrder(orderId)
      : order
    return { orderId, results, status: after?.status, bankCalls: counter.count() }
  }

  /**
   * Settles a pending refund whose answer was lost, from the bank's record of its payment. The
   * bank reports no refunded amount, only `Refunded` (in full) and the date of the latest
   * refund, so a date counts as evidence only when no refund this shop already knows of can
   * explain it; otherwise the refund is not accepted on guesswork.
   */
  const settleRefund = async (
    refund: RefundRecord,
    call: ReturnType<typeof counted>["call"]
  ): Promise<boolean> => {
    const rtps = rtpContext(call)
    const order = rtps === undefined ? undefined : await store.getOrder(refund.orderId)
    if (rtps !== undefined && order?.rtps.some((rtp) => rtp.payId === refund.payId)) {
      await settleRtpRefund(rtps, refund)
      return (await store.listRefunds({ orderId: refund.orderId, status: "pending" })).every(
        (pending) => pending.refundKey !== refund.refundKey
      )
    }
    const payment = await call(() => api.getPayment(refund.payId))
    const refundedAt = payment.refundedAt === undefined ? Number.NaN : Date.parse(payment.refundedAt)
    const known = (await store.listRefunds({ orderId: refund.orderId, status: "accepted" }))
      .filter((other) => other.payId === refund.payId)
      .reduce((latest, other) => Math.max(latest, Date.parse(other.updatedAt)), Number.NEGATIVE_INFINITY)
    // A minute of slack for the two clocks, but never back over a refund already known.
    const dated = refundedAt >= Date.parse(refund.createdAt) - 60_000 && refundedAt > known + 1_000
    if (payment.status.toLowerCase() === "refunded" || dated) {
      await store.finishRefund(refund.refundKey, { status: "accepted", bankStatus: payment.status })
      return true
    }
    if (clock() - Date.parse(refund.createdAt) < lostRefundAfterMs) return false
    await store.finishRefund(refund.refundKey, {
      status: "failed",
      failure: `The bank shows no refund of payment ${refund.payId} ${Math.round(lostRefundAfterMs / 60_000)} minutes after it was asked`
    })
    return true
  }

  let running: Promise<ReconciliationReport> | undefined
  let timer: ReturnType<typeof setInterval> | undefined

  const run = async (): Promise<ReconciliationReport> => {
    const now = clock()
    const counter = counted()
    const budgetLeft = () => counter.count() < maxBankCalls
    let refundsSettled = 0
    let ordersFailed = 0
    const failed: Array<{ orderId: string; error: unknown }> = []
    const createdBefore = new Date(now - refundCheckAfterMs).toISOString()
    for (const refund of await store.listRefunds({ status: "pending", createdBefore, limit: batchSize })) {
      if (!budgetLeft()) break
      try {
        if (await settleRefund(refund, counter.call)) refundsSettled++
      } catch (error) {
        report(error, refund.orderId)
        failed.push({ orderId: refund.orderId, error })
      }
    }
    // Claimed, not just listed: servers sharing the database split the due orders between them.
    const due = await store.claimDueOrders({
      now: new Date(now).toISOString(),
      limit: batchSize,
      leaseUntil: new Date(now + leaseMs).toISOString()
    })
    const orders: Array<OrderReconciliation> = []
    let deferred = 0
    for (const candidate of due) {
      if (!budgetLeft()) {
        // Claimed but not reached: due again at once, for the next run of whichever server.
        deferred++
        await store.scheduleCheck(candidate.orderId, new Date(now).toISOString())
        continue
      }
      const before = counter.count()
      try {
        const { order, results } = await reconcileWith(candidate.orderId, counter.call)
        const after = (await store.getOrder(candidate.orderId)) ?? order
        orders.push({
          orderId: candidate.orderId,
          results,
          status: after?.status,
          bankCalls: counter.count() - before
        })
        if (after !== undefined) await store.scheduleCheck(after.orderId, nextCheckAt(after, clock()))
      } catch (error) {
        report(error, candidate.orderId)
        failed.push({ orderId: candidate.orderId, error })
        ordersFailed++
        // Back in the queue behind the others, so one failing order can't hold the run up.
        await store.scheduleCheck(candidate.orderId, nextCheckAt(candidate, clock())).catch(() => undefined)
      }
    }
    const applied = orders.reduce(
      (sum, order) => sum + order.results.filter((result) => result.outcome === "applied").length,
      0
    )
    return {
      checked: orders.length + ordersFailed,
      applied,
      bankCalls: counter.count(),
      refundsSettled,
      deferred,
      orders,
      failed
    }
  }

  const runOnce = (): Promise<ReconciliationReport> => {
    // Overlapping runs would ask the bank twice for the same orders: share the one in progress.
    if (running === undefined) {
      running = run().finally(() => {
        running = undefined
      })
    }
    return running
  }

  return {
    runOnce,
    reconcileOrder,
    start() {
      if (timer !== undefined) return
      timer = setInterval(() => {
        runOnce().catch((error: unknown) => report(error, "*"))
      }, intervalMs)
      timer.unref?.()
    },
    async stop() {
      if (timer !== undefined) clearInterval(timer)
      timer = undefined
      await running?.catch(() => undefined)
    }
  }
}

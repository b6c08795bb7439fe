import type { ConfirmedPayment } from "../callback/payment-confirmation.js"
import { toMinorUnits } from "../money.js"
import type { Order } from "../order.js"
import type { ApplyResult, OrderStore } from "../store/order-store.js"

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
}

/**
 * Options of {@link createMiaReconciler}.
 *
 * @example
 * const options: MiaReconcilerOptions = { store, api: client, olderThanMs: 2 * 60_000, intervalMs: 60_000 }
 */
export interface MiaReconcilerOptions {
  readonly store: OrderStore
  readonly api: ReconciliationPort
  /** Only orders unchanged for this long are checked (their callback is overdue). Default 2 minutes. */
  readonly olderThanMs?: number | undefined
  /** Pause between runs of `start()`. Default 1 minute. */
  readonly intervalMs?: number | undefined
  /** Most orders checked per run. Default 200. */
  readonly batchSize?: number | undefined
  /** Milliseconds since the epoch; `Date.now` by default. */
  readonly now?: (() => number) | undefined
  /** Recorded as the actor of the transitions. Default `reconciliation`. */
  readonly actor?: string | undefined
  /** Told about each order that could not be checked. Defaults to `console.error`. */
  readonly onError?: ((error: unknown, orderId: string) => void) | undefined
}

/**
 * What one order's reconciliation found.
 *
 * @example
 * const outcome: OrderReconciliation = { orderId: "1001", results: [], status: "pending" }
 */
export interface OrderReconciliation {
  readonly orderId: string
  /** One result per event applied (payments found, QR closure). */
  readonly results: ReadonlyArray<ApplyResult>
  /** The order's status afterwards (`undefined` if the order is unknown). */
  readonly status: Order["status"] | undefined
}

/**
 * The summary of one reconciliation run.
 *
 * @example
 * const report = await reconciler.runOnce()
 * console.log(`${report.checked} checked, ${report.applied} changed, ${report.failed.length} failed`)
 */
export interface ReconciliationReport {
  readonly checked: number
  /** Events that changed an order (payments recovered, orders cancelled). */
  readonly applied: number
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
 * Recovers lost callbacks: asks the bank about pending orders older than a threshold and applies
 * what it finds through the same store and lifecycle as the webhook (so a payment that is also
 * delivered by callback still applies once). A payment executed for the order -> applied; its QR
 * expired or cancelled unpaid -> the order is cancelled.
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
  const olderThanMs = options.olderThanMs ?? 2 * 60_000
  const intervalMs = options.intervalMs ?? 60_000
  const batchSize = options.batchSize ?? 200
  const clock = options.now ?? Date.now
  const actor = options.actor ?? "reconciliation"
  const report =
    options.onError ??
    ((error: unknown, orderId: string) =>
      console.error(`[@mia-sdk/webhooks] reconciliation of order ${orderId} failed`, error))

  const paymentsOf = async (orderId: string): Promise<ReadonlyArray<ConfirmedPayment>> => {
    const payments: Array<ConfirmedPayment> = []
    for (let offset = 0; ; offset += PAGE_SIZE) {
      const page = await api.listPayments({ orderId, count: PAGE_SIZE, offset })
      payments.push(...page.items)
      if (page.items.length < PAGE_SIZE || payments.length >= page.totalCount) break
    }
    // Oldest first, so the first payment becomes the order's and later ones are flagged.
    return payments
      .filter((payment) => payment.orderId === undefined || payment.orderId === orderId)
      .sort((a, b) => Date.parse(a.executedAt ?? "") - Date.parse(b.executedAt ?? "") || 0)
  }

  const reconcileOrder = async (orderId: string): Promise<OrderReconciliation> => {
    const order = await store.getOrder(orderId)
    if (order === undefined) return { orderId, results: [], status: undefined }
    const results: Array<ApplyResult> = []
    for (const payment of await paymentsOf(orderId)) {
      const amountMinor = toMinorUnits(payment.amount)
      if (amountMinor === undefined || amountMinor <= 0) continue
      results.push(
        await store.applyEvent(
          {
            type: "payment",
            payId: payment.payId,
            qrId: payment.qrId,
            orderId,
            amountMinor,
            currency: (payment.currency ?? "MDL").toUpperCase(),
            executedAt: payment.executedAt,
            payload: { reconciliation: payment }
          },
          { actor }
        )
      )
    }
    const current = (await store.getOrder(orderId)) ?? order
    if (current.status === "pending" && current.qrId !== undefined) {
      const qr = await api.getQr(current.qrId)
      const status = qr.status.toLowerCase()
      if (CLOSED_QR_STATUSES.has(status)) {
        results.push(
          await store.applyEvent(
            {
              type: "qr_closed",
              qrId: current.qrId,
              orderId,
              qrStatus: status === "expired" ? "Expired" : "Cancelled",
              payload: { reconciliation: qr }
            },
            { actor }
          )
        )
      }
    }
    const after = results.some((result) => result.outcome === "applied")
      ? await store.getOrder(orderId)
      : current
    return { orderId, results, status: after?.status }
  }

  let running: Promise<ReconciliationReport> | undefined
  let timer: ReturnType<typeof setInterval> | undefined

  const run = async (): Promise<ReconciliationReport> => {
    const updatedBefore = new Date(clock() - olderThanMs).toISOString()
    const due = await store.listOrders({ statuses: ["pending"], updatedBefore, limit: batchSize })
    const orders: Array<OrderReconciliation> = []
    const failed: Array<{ orderId: string; error: unknown }> = []
    for (const order of due) {
      if (order.qrId === undefined) continue
      try {
        orders.push(await reconcileOrder(order.orderId))
      } catch (error) {
        report(error, order.orderId)
        failed.push({ orderId: order.orderId, error })
      }
    }
    const applied = orders.reduce(
      (sum, order) => sum + order.results.filter((result) => result.outcome === "applied").length,
      0
    )
    return { checked: orders.length + failed.length, applied, orders, failed }
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

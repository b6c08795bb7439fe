import type { PosReportView } from "@mia-sdk/core/wire"
import type { MiaClient } from "../client/create-client.js"
import type { MiaRequestError } from "../client/mia-request-error.js"
import { createState } from "../internal/state.js"
import { toError } from "../internal/to-error.js"
import type { ReadableStore } from "./external-store.js"

/**
 * X-report (running totals of the open shift) or Z-report (a closed shift).
 * @example
 * const kind: PosReportKind = "z"
 */
export type PosReportKind = "x" | "z"

/**
 * The last report loaded, and the one loading now.
 * @example
 * const { report, pending, error } = store.getSnapshot()
 */
export interface PosReportsSnapshot {
  readonly report: PosReportView | undefined
  readonly pending: PosReportKind | undefined
  readonly error: MiaRequestError | undefined
}

/**
 * Shift reports over the `miaPos` router: as JSON to show, or as a PDF link to download or print.
 * @example
 * const store = createPosReportsStore({ client: createMiaClient({ apiBase: "/api/pos" }) })
 * const z = await store.load("z")
 */
export interface PosReportsStore extends ReadableStore<PosReportsSnapshot> {
  /** Loads a report as JSON; without `shiftId`, X is the open shift and Z the last closed one. Never rejects. */
  load(kind: PosReportKind, shiftId?: string): Promise<PosReportView | undefined>
  /** The URL of the report as a PDF attachment, for `<a href download>` (cookies go along, custom headers don't). */
  pdfUrl(kind: PosReportKind, shiftId?: string): string
}

const reportPath = (kind: PosReportKind, format: string, shiftId?: string) =>
  `/reports/${kind}?format=${format}${shiftId ? `&shiftId=${encodeURIComponent(shiftId)}` : ""}`

/**
 * Creates a {@link PosReportsStore}.
 * @example
 * import { createMiaClient, createPosReportsStore } from "@mia-sdk/react"
 * const store = createPosReportsStore({ client: createMiaClient({ apiBase: "/api/pos" }) })
 */
export const createPosReportsStore = ({ client }: { readonly client: MiaClient }): PosReportsStore => {
  const state = createState<PosReportsSnapshot>({ report: undefined, pending: undefined, error: undefined })
  return {
    getSnapshot: state.get,
    subscribe: state.subscribe,
    async load(kind, shiftId) {
      state.set({ pending: kind })
      try {
        const { body: report } = await client.request<PosReportView>("GET", reportPath(kind, "json", shiftId))
        state.set({ report, pending: undefined, error: undefined })
        return report
      } catch (cause) {
        state.set({ pending: undefined, error: toError(cause) })
        return undefined
      }
    },
    pdfUrl: (kind, shiftId) => client.url(reportPath(kind, "pdf", shiftId))
  }
}

import * as Layer from "effect/Layer"
import { MiaValidationError } from "../errors/mia-validation-error.js"
import {
  makeClientHost,
  makeClientRuntime,
  type Promisified,
  promisify,
  type RequestOptions,
  runCall
} from "../internal/promise-facade.js"
import { isIssue } from "../internal/validation.js"
import type {
  PosGetQrOptions,
  PosListTransactionsInput,
  PosReceiptInput,
  PosShiftReportInput,
  PosZReportInput
} from "./inputs.js"
import { stuckCursor } from "./internal/make-service.js"
import { resolvePosOptions } from "./internal/resolve-options.js"
import { buildMiaPosClient, posFetchTransport } from "./make-client.js"
import { MiaPosClient } from "./mia-pos-client.js"
import type { PosReceiptData, PosReportFormat, PosShiftReportData } from "./model/report.js"
import type { PosTransaction } from "./model/transaction.js"
import type { MiaPosClientOptions } from "./options.js"
import type { MiaPosClientService, PosReportOf } from "./service.js"

/**
 * Options of {@link createMiaPosClient}: the same as the Effect client's.
 *
 * @example
 * const options: CreateMiaPosClientOptions = {
 *   baseUrl: process.env.MIAPOS_BASE_URL!,
 *   device: { device: "Kiosk 3", platformType: "external_system", installationId, posAppVersion: 1 },
 *   seller: { username: process.env.MIAPOS_SELLER!, password: process.env.MIAPOS_PASSWORD! }
 * }
 */
export type CreateMiaPosClientOptions = MiaPosClientOptions

type Derived = Promisified<MiaPosClientService>

/**
 * The MiaPos terminal API as async methods, grouped like the Effect service. Every method takes
 * a trailing optional `{ signal?, timeoutMs? }` and rejects with an `instanceof`-checkable error
 * (`MiaPosResultError`, `MiaPosSessionError`, `MiaApiError`, `MiaTransportError`,
 * `MiaResponseError`, `MiaValidationError`).
 *
 * @example
 * const pos = createMiaPosClient({ baseUrl, device, sessionStore })
 * await pos.seller.login({ username: "seller", password: "sandbox" })
 * const shift = await pos.shift.open()
 * await pos.close()
 */
export interface MiaPosPromiseClient
  extends Pick<Derived, "baseUrl" | "activation" | "seller" | "session" | "shift" | "qrV1" | "settings"> {
  readonly routes: MiaPosClientService["routes"]
  readonly qr: Omit<Derived["qr"], "get"> & {
    /** `GET /pos/api/v2/qr/{qrId}` (path inferred); the options also say whether to include the image. */
    get(qrId: string, options?: PosGetQrOptions & RequestOptions): ReturnType<Derived["qr"]["get"]>
  }
  readonly reports: Pick<Derived["reports"], "zReportLegacy"> & {
    /** `GET /pos/api/v2/shift/{shiftId}/z-report`, `pdf` by default. */
    zReport<F extends PosReportFormat = "pdf">(
      input: PosZReportInput<F>,
      options?: RequestOptions
    ): Promise<PosReportOf<F, PosShiftReportData>>
    /** X-report of an open shift (path inferred); the session's shift by default. */
    xReport<F extends PosReportFormat = "pdf">(
      input?: PosShiftReportInput<F>,
      options?: RequestOptions
    ): Promise<PosReportOf<F, PosShiftReportData>>
    /** Receipt of a transaction (path inferred). */
    receipt<F extends PosReportFormat = "pdf">(
      input: PosReceiptInput<F>,
      options?: RequestOptions
    ): Promise<PosReportOf<F, PosReceiptData>>
  }
  readonly transactions: Omit<Derived["transactions"], "all"> & {
    /** Every transaction of the shift, newest first, fetching pages as you iterate. */
    all(input?: PosListTransactionsInput, options?: RequestOptions): AsyncIterableIterator<PosTransaction>
  }
  /** Stops the client: background token requests are interrupted, later calls reject. */
  close(): Promise<void>
  [Symbol.asyncDispose](): Promise<void>
}

/**
 * Creates a Promise-based MiaPos terminal client. The request pipeline, the session and one
 * Effect runtime are built once per client. Invalid options throw a `MiaValidationError` at once.
 *
 * @example
 * import { createMiaPosClient, MiaPosResultError } from "@mia-sdk/core"
 * import { createFilePosSessionStore } from "@mia-sdk/core/node"
 *
 * const pos = createMiaPosClient({
 *   baseUrl: process.env.MIAPOS_BASE_URL!,
 *   device: { device: "Kiosk 3", platformType: "external_system", installationId: process.env.MIAPOS_INSTALLATION_ID!, posAppVersion: 1 },
 *   sessionStore: createFilePosSessionStore("./.miapos/session.json"),
 *   seller: { username: process.env.MIAPOS_SELLER!, password: process.env.MIAPOS_PASSWORD! }
 * })
 * const qr = await pos.qr.create({ qrType: "dynamic", amountType: "fixed", amount: 125.5 })
 * console.log(qr.qrText)
 */
export const createMiaPosClient = (options: CreateMiaPosClientOptions): MiaPosPromiseClient => {
  const config = resolvePosOptions(options)
  if (isIssue(config)) {
    throw new MiaValidationError({
      operation: "createMiaPosClient",
      ...config,
      message: `createMiaPosClient: ${config.message}`
    })
  }
  const runtime = makeClientRuntime(
    Layer.effect(MiaPosClient, buildMiaPosClient(config, posFetchTransport(config)))
  )
  // The service is built once, synchronously; each call then runs its effect on this runtime.
  const service = runtime.runSync(MiaPosClient)
  const host = makeClientHost(runtime)
  const derived = promisify(host, service)
  const close = host.close

  async function* all(
    input: PosListTransactionsInput | undefined,
    requestOptions: RequestOptions | undefined
  ) {
    // Page by page, each a call of its own, so an abort or close() stops the next request too.
    const shiftId = input?.shiftId ?? (await derived.session.get(requestOptions)).shiftId
    let cursor = input?.txId
    while (true) {
      const page = await derived.transactions.list({ shiftId, txId: cursor }, requestOptions)
      yield* page.transactions
      if (page.nextCursor === undefined) return
      if (page.nextCursor === cursor) throw stuckCursor(cursor)
      cursor = page.nextCursor
    }
  }

  return {
    ...derived,
    routes: service.routes,
    qr: {
      ...derived.qr,
      get: (qrId, requestOptions) =>
        runCall(
          host,
          "qr.get",
          service.qr.get(
            qrId,
            requestOptions?.includeImage === undefined
              ? undefined
              : { includeImage: requestOptions.includeImage }
          ),
          requestOptions
        )
    },
    reports: {
      ...derived.reports,
      zReport: (input, requestOptions) =>
        runCall(host, "reports.zReport", service.reports.zReport(input), requestOptions),
      xReport: (input, requestOptions) =>
        runCall(host, "reports.xReport", service.reports.xReport(input), requestOptions),
      receipt: (input, requestOptions) =>
        runCall(host, "reports.receipt", service.reports.receipt(input), requestOptions)
    },
    transactions: { ...derived.transactions, all },
    close,
    [Symbol.asyncDispose]: close
  }
}

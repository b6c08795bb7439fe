import * as Effect from "effect/Effect"
import * as ManagedRuntime from "effect/ManagedRuntime"
import { MiaResponseError } from "../errors/mia-response-error.js"
import { MiaValidationError } from "../errors/mia-validation-error.js"
import { makePromiseFacade, type RequestOptions } from "../internal/promise-facade.js"
import { isIssue } from "../internal/validation.js"
import type {
  PosActivationConfirmInput,
  PosActivationInitInput,
  PosActivationRef,
  PosAmounts,
  PosCreateQrInput,
  PosGetQrOptions,
  PosLegacyZReportInput,
  PosListActiveQrsFilter,
  PosListTransactionsInput,
  PosQrV1CreateInput,
  PosReceiptInput,
  PosReturnInput,
  PosSellerCredentials,
  PosSetQrSettingsInput,
  PosShiftReportInput,
  PosZReportInput
} from "./inputs.js"
import { resolvePosOptions } from "./internal/resolve-options.js"
import { MiaPosClient } from "./mia-pos-client.js"
import type {
  PosActivationConfirmed,
  PosActivationStarted,
  PosOtpResent,
  PosTerminalInfo
} from "./model/activation.js"
import type {
  PosExtensionStatus,
  PosQr,
  PosQrExtension,
  PosQrLookup,
  PosQrV1,
  PosQrV1Status
} from "./model/qr.js"
import type { PosLegacyZReport, PosReceiptData, PosReportFormat, PosShiftReportData } from "./model/report.js"
import type { PosSellerInfo, PosSellerLoggedIn } from "./model/seller.js"
import type { PosQrSettings } from "./model/settings.js"
import type { PosShift } from "./model/shift.js"
import type {
  PosReturnRequested,
  PosTransaction,
  PosTransactionDetails,
  PosTransactionPage
} from "./model/transaction.js"
import type { MiaPosClientOptions } from "./options.js"
import type { PosRouteTable } from "./routes.js"
import type { MiaPosClientService, PosReportOf, PosSessionInfo } from "./service.js"

const stuckCursor = (cursor: string) =>
  new MiaResponseError({
    operation: "transactionList",
    status: 200,
    reason: "unexpected_result",
    bodySnippet: "",
    message: `transactionList: the page after txId ${cursor} starts again at ${cursor}; paging stopped.`
  })

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
export interface MiaPosPromiseClient {
  readonly baseUrl: string
  /** The routes in use, after overrides. */
  readonly routes: PosRouteTable
  readonly activation: {
    /** `POST /pos/api/v1/terminal-activation/init`: sends an OTP by SMS; stores the activation id. */
    init(input: PosActivationInitInput, options?: RequestOptions): Promise<PosActivationStarted>
    /** Sends a new OTP (path inferred). */
    resendOtp(input?: PosActivationRef, options?: RequestOptions): Promise<PosOtpResent>
    /** `POST /pos/api/v1/terminal-activation/confirm` with the OTP. */
    confirm(input: PosActivationConfirmInput, options?: RequestOptions): Promise<PosActivationConfirmed>
    /** Terminal and merchant behind the activation (path inferred). */
    terminalInfo(input?: PosActivationRef, options?: RequestOptions): Promise<PosTerminalInfo>
  }
  readonly seller: {
    /** `POST /pos/api/v1/seller/login`; without credentials, the client's `seller` option. */
    login(credentials?: PosSellerCredentials, options?: RequestOptions): Promise<PosSellerLoggedIn>
    /** `POST /pos/api/v1/seller/refresh` now. */
    refresh(options?: RequestOptions): Promise<PosSellerLoggedIn>
    /** `POST /pos/api/v1/seller/logout`, then forgets the tokens. */
    logout(options?: RequestOptions): Promise<void>
    /** Seller, terminal, merchant, place and bank (path inferred). */
    info(options?: RequestOptions): Promise<PosSellerInfo>
  }
  readonly session: {
    /** Activation id, login state and current shift, without the tokens. */
    get(options?: RequestOptions): Promise<PosSessionInfo>
  }
  readonly shift: {
    /** `GET /pos/api/v1/shift/check`. */
    check(options?: RequestOptions): Promise<PosShift>
    /** `POST /pos/api/v1/shift/open`. */
    open(options?: RequestOptions): Promise<PosShift>
    /** `POST /pos/api/v1/shift/close`; `shiftId` of the answer is the closed shift. */
    close(options?: RequestOptions): Promise<PosShift>
  }
  readonly qr: {
    /** `GET /pos/api/v2/qr/active`. */
    listActive(filter?: PosListActiveQrsFilter, options?: RequestOptions): Promise<ReadonlyArray<PosQr>>
    /** `POST /pos/api/v2/qr`. */
    create(input: PosCreateQrInput, options?: RequestOptions): Promise<PosQr>
    /** `GET /pos/api/v2/qr/{qrId}` (path inferred). */
    get(qrId: string, options?: PosGetQrOptions & RequestOptions): Promise<PosQrLookup>
    /** `DELETE /pos/api/v2/qr/{qrId}`. */
    cancel(qrId: string, options?: RequestOptions): Promise<void>
    /** `POST /pos/api/v2/qr/{qrId}/extension`. */
    createExtension(qrId: string, input: PosAmounts, options?: RequestOptions): Promise<PosQrExtension>
    /** `GET /pos/api/v2/qr/extension/{extensionId}/check`. */
    checkExtension(extensionId: string, options?: RequestOptions): Promise<PosExtensionStatus>
    /** `DELETE /pos/api/v2/qr/extension/{extensionId}`. */
    cancelExtension(extensionId: string, options?: RequestOptions): Promise<void>
  }
  /** @deprecated The v1 dynamic-QR API (paths inferred); use `qr`. */
  readonly qrV1: {
    /** @deprecated Use `qr.create({ qrType: "dynamic", amountType: "fixed", amount })`. */
    create(input: PosQrV1CreateInput, options?: RequestOptions): Promise<PosQrV1>
    /** @deprecated Use `qr.checkExtension(extensionId)`. */
    check(qrId: string, options?: RequestOptions): Promise<PosQrV1Status>
    /** @deprecated Use `qr.cancel(qrId)`. */
    cancel(qrId: string, options?: RequestOptions): Promise<void>
  }
  readonly reports: {
    /** `GET /pos/api/v2/shift/{shiftId}/z-report`, `pdf` by default. */
    zReport<F extends PosReportFormat = "pdf">(
      input: PosZReportInput<F>,
      options?: RequestOptions
    ): Promise<PosReportOf<F, PosShiftReportData>>
    /** The legacy Z-report (path inferred). */
    zReportLegacy(input: PosLegacyZReportInput, options?: RequestOptions): Promise<PosLegacyZReport>
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
  readonly transactions: {
    /** One page, newest first (path inferred); pass `nextCursor` as `txId` for older ones. */
    list(input?: PosListTransactionsInput, options?: RequestOptions): Promise<PosTransactionPage>
    /** Every transaction of the shift, newest first, fetching pages as you iterate. */
    all(input?: PosListTransactionsInput, options?: RequestOptions): AsyncIterableIterator<PosTransaction>
    /** One transaction with its details (path inferred). */
    get(txId: string, options?: RequestOptions): Promise<PosTransactionDetails>
    /** A full (no `amount`) or partial return with a reason (path inferred). Never retried. */
    return(input: PosReturnInput, options?: RequestOptions): Promise<PosReturnRequested>
  }
  readonly settings: {
    /** QR settings of the terminal (path inferred). */
    get(options?: RequestOptions): Promise<PosQrSettings>
    /** New QR settings (path inferred). */
    set(input: PosSetQrSettingsInput, options?: RequestOptions): Promise<void>
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
  const resolved = resolvePosOptions(options)
  if (isIssue(resolved)) {
    throw new MiaValidationError({
      operation: "createMiaPosClient",
      field: resolved.field,
      rule: resolved.rule,
      message: `createMiaPosClient: ${resolved.message}`
    })
  }
  // The resolved store is reused so that a default in-memory store is created only once.
  const runtime = ManagedRuntime.make(MiaPosClient.layer({ ...options, sessionStore: resolved.store }))
  const facade = makePromiseFacade(runtime)
  // The service is resolved once; afterwards each call runs its effect directly.
  let service: MiaPosClientService | undefined

  const use = <A, E>(
    operation: string,
    f: (service: MiaPosClientService) => Effect.Effect<A, E>,
    requestOptions?: RequestOptions
  ): Promise<A> =>
    facade.run(
      operation,
      service === undefined
        ? Effect.flatMap(MiaPosClient, (resolvedService) => {
            service = resolvedService
            return f(resolvedService)
          })
        : f(service),
      requestOptions
    )

  async function* allTransactions(
    input: PosListTransactionsInput | undefined,
    requestOptions: RequestOptions | undefined
  ): AsyncGenerator<PosTransaction, void, undefined> {
    // Resolve the shift once, so a shift change while iterating does not switch lists.
    const shiftId = input?.shiftId ?? (await client.session.get(requestOptions)).shiftId
    let cursor = input?.txId
    while (true) {
      const page = await client.transactions.list({ shiftId, txId: cursor }, requestOptions)
      for (const transaction of page.transactions) yield transaction
      if (page.nextCursor === undefined) return
      if (page.nextCursor === cursor) throw stuckCursor(cursor)
      cursor = page.nextCursor
    }
  }

  const client: MiaPosPromiseClient = {
    baseUrl: resolved.baseUrl,
    routes: resolved.routes,
    activation: {
      init: (input, o) => use("activationInit", (s) => s.activation.init(input), o),
      resendOtp: (input, o) => use("activationResendOtp", (s) => s.activation.resendOtp(input), o),
      confirm: (input, o) => use("activationConfirm", (s) => s.activation.confirm(input), o),
      terminalInfo: (input, o) => use("terminalInfo", (s) => s.activation.terminalInfo(input), o)
    },
    seller: {
      login: (credentials, o) => use("sellerLogin", (s) => s.seller.login(credentials), o),
      refresh: (o) => use("sellerRefresh", (s) => s.seller.refresh(), o),
      logout: (o) => use("sellerLogout", (s) => s.seller.logout(), o),
      info: (o) => use("sellerInfo", (s) => s.seller.info(), o)
    },
    session: {
      get: (o) => use("sessionGet", (s) => s.session.get(), o)
    },
    shift: {
      check: (o) => use("shiftCheck", (s) => s.shift.check(), o),
      open: (o) => use("shiftOpen", (s) => s.shift.open(), o),
      close: (o) => use("shiftClose", (s) => s.shift.close(), o)
    },
    qr: {
      listActive: (filter, o) => use("qrListActive", (s) => s.qr.listActive(filter), o),
      create: (input, o) => use("qrCreate", (s) => s.qr.create(input), o),
      get: (qrId, o) =>
        use(
          "qrGet",
          (s) => s.qr.get(qrId, o?.includeImage === undefined ? undefined : { includeImage: o.includeImage }),
          o
        ),
      cancel: (qrId, o) => use("qrCancel", (s) => s.qr.cancel(qrId), o),
      createExtension: (qrId, input, o) =>
        use("qrExtensionCreate", (s) => s.qr.createExtension(qrId, input), o),
      checkExtension: (extensionId, o) => use("qrExtensionCheck", (s) => s.qr.checkExtension(extensionId), o),
      cancelExtension: (extensionId, o) =>
        use("qrExtensionCancel", (s) => s.qr.cancelExtension(extensionId), o)
    },
    qrV1: {
      create: (input, o) => use("qrV1Create", (s) => s.qrV1.create(input), o),
      check: (qrId, o) => use("qrV1Check", (s) => s.qrV1.check(qrId), o),
      cancel: (qrId, o) => use("qrV1Cancel", (s) => s.qrV1.cancel(qrId), o)
    },
    reports: {
      zReport: (input, o) => use("zReport", (s) => s.reports.zReport(input), o),
      zReportLegacy: (input, o) => use("zReportV1", (s) => s.reports.zReportLegacy(input), o),
      xReport: (input, o) => use("xReport", (s) => s.reports.xReport(input), o),
      receipt: (input, o) => use("receipt", (s) => s.reports.receipt(input), o)
    },
    transactions: {
      list: (input, o) => use("transactionList", (s) => s.transactions.list(input), o),
      all: (input, o) => allTransactions(input, o),
      get: (txId, o) => use("transactionDetails", (s) => s.transactions.get(txId), o),
      return: (input, o) => use("transactionReturn", (s) => s.transactions.return(input), o)
    },
    settings: {
      get: (o) => use("settingsGet", (s) => s.settings.get(), o),
      set: (input, o) => use("settingsSet", (s) => s.settings.set(input), o)
    },
    close: () => facade.close(),
    [Symbol.asyncDispose]: () => facade.close()
  }
  return client
}

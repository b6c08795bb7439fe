import type * as Effect from "effect/Effect"
import type * as Stream from "effect/Stream"
import type { MiaPosError } from "./errors/index.js"
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
import type {
  PosLegacyZReport,
  PosReceiptData,
  PosReport,
  PosReportFormat,
  PosShiftReportData
} from "./model/report.js"
import type { PosSellerInfo, PosSellerLoggedIn } from "./model/seller.js"
import type { PosQrSettings } from "./model/settings.js"
import type { PosShift } from "./model/shift.js"
import type {
  PosReturnRequested,
  PosTransaction,
  PosTransactionDetails,
  PosTransactionPage
} from "./model/transaction.js"
import type { PosRouteTable } from "./routes.js"

/**
 * The report variant of format `F`: bytes for `pdf`/`png`, lines for `txt`, data for `json`.
 *
 * @example
 * type Pdf = PosReportOf<"pdf", PosShiftReportData> // { format: "pdf"; mediaType: "application/pdf"; bytes: Uint8Array }
 */
export type PosReportOf<F extends PosReportFormat, Data> = Extract<PosReport<Data>, { readonly format: F }>

/**
 * What the client knows about the terminal's session, without the tokens themselves.
 *
 * @example
 * const info: PosSessionInfo = { terminalActivationId: "e559d17a-a29b-49c0-878b-af3de2495d39", loggedIn: true, shiftId: "42" }
 */
export interface PosSessionInfo {
  readonly terminalActivationId?: string | undefined
  /** True while a token pair is stored (it may still need a refresh). */
  readonly loggedIn: boolean
  readonly accessTokenExpiresAt?: Date | undefined
  readonly shiftId?: string | undefined
}

/**
 * Terminal-to-device binding with an SMS OTP. Not authenticated: these run before a seller logs in.
 *
 * @example
 * const started = yield* pos.activation.init({ terminalId: "10001", merchantIdno: "1003600012345" })
 * yield* pos.activation.confirm({ otpCode: "123456" })
 */
export interface PosActivationApi {
  /** `POST /pos/api/v1/terminal-activation/init`. Stores the new `terminalActivationId` (and drops old tokens). */
  readonly init: (input: PosActivationInitInput) => Effect.Effect<PosActivationStarted, MiaPosError>
  /** Sends a new OTP (inferred path `POST .../terminal-activation/resend`). */
  readonly resendOtp: (input?: PosActivationRef) => Effect.Effect<PosOtpResent, MiaPosError>
  /** `POST /pos/api/v1/terminal-activation/confirm` with the OTP from the SMS. */
  readonly confirm: (input: PosActivationConfirmInput) => Effect.Effect<PosActivationConfirmed, MiaPosError>
  /** Terminal and merchant behind the activation (inferred path `GET .../terminal-activation/{posActivationId}`). */
  readonly terminalInfo: (input?: PosActivationRef) => Effect.Effect<PosTerminalInfo, MiaPosError>
}

/**
 * Seller (cashier) login. The token pair stays inside the client and its session store.
 *
 * @example
 * yield* pos.seller.login({ username: "seller", password: "sandbox" })
 * const me = yield* pos.seller.info()
 */
export interface PosSellerApi {
  /** `POST /pos/api/v1/seller/login`; without credentials, the client's `seller` option is used. */
  readonly login: (credentials?: PosSellerCredentials) => Effect.Effect<PosSellerLoggedIn, MiaPosError>
  /** `POST /pos/api/v1/seller/refresh` now (the client also refreshes by itself before expiry). */
  readonly refresh: () => Effect.Effect<PosSellerLoggedIn, MiaPosError>
  /** `POST /pos/api/v1/seller/logout`, then forgets the token pair. Succeeds when nobody is logged in. */
  readonly logout: () => Effect.Effect<void, MiaPosError>
  /** Seller, terminal, merchant, place and bank (inferred path `GET /pos/api/v1/seller/info`). */
  readonly info: () => Effect.Effect<PosSellerInfo, MiaPosError>
}

/**
 * The client's view of the persisted session.
 *
 * @example
 * const { loggedIn, shiftId } = yield* pos.session.get()
 */
export interface PosSessionApi {
  readonly get: () => Effect.Effect<PosSessionInfo, MiaPosError>
}

/**
 * Work shifts. The current shift id is kept in the session store.
 *
 * @example
 * const shift = yield* pos.shift.open()
 * const closed = yield* pos.shift.close()
 * const z = yield* pos.reports.zReport({ shiftId: closed.shiftId!, format: "pdf" })
 */
export interface PosShiftApi {
  /** `GET /pos/api/v1/shift/check`; records the open shift (or its absence) in the session. */
  readonly check: () => Effect.Effect<PosShift, MiaPosError>
  /** `POST /pos/api/v1/shift/open`; records the new shift id. */
  readonly open: () => Effect.Effect<PosShift, MiaPosError>
  /** `POST /pos/api/v1/shift/close`; the answer's `shiftId` is the closed shift, for the Z-report. */
  readonly close: () => Effect.Effect<PosShift, MiaPosError>
}

/**
 * QR codes (API v2): dynamic, static and hybrid, and the payment requests ("extensions") on them.
 *
 * @example
 * const qr = yield* pos.qr.create({ qrType: "dynamic", amountType: "fixed", amount: 125.5 })
 * const status = yield* pos.qr.checkExtension(qr.extension!.extensionId)
 */
export interface PosQrApi {
  /** `GET /pos/api/v2/qr/active`. */
  readonly listActive: (filter?: PosListActiveQrsFilter) => Effect.Effect<ReadonlyArray<PosQr>, MiaPosError>
  /** `POST /pos/api/v2/qr`. Not retried. */
  readonly create: (input: PosCreateQrInput) => Effect.Effect<PosQr, MiaPosError>
  /** QR details and state (inferred path `GET /pos/api/v2/qr/{qrId}`). */
  readonly get: (qrId: string, options?: PosGetQrOptions) => Effect.Effect<PosQrLookup, MiaPosError>
  /** `DELETE /pos/api/v2/qr/{qrId}`: the QR and its active extension. */
  readonly cancel: (qrId: string) => Effect.Effect<void, MiaPosError>
  /** `POST /pos/api/v2/qr/{qrId}/extension`: a payment request on a static or hybrid QR. Not retried. */
  readonly createExtension: (qrId: string, input: PosAmounts) => Effect.Effect<PosQrExtension, MiaPosError>
  /** `GET /pos/api/v2/qr/extension/{extensionId}/check`. */
  readonly checkExtension: (extensionId: string) => Effect.Effect<PosExtensionStatus, MiaPosError>
  /** `DELETE /pos/api/v2/qr/extension/{extensionId}` (hybrid QRs only). */
  readonly cancelExtension: (extensionId: string) => Effect.Effect<void, MiaPosError>
}

/**
 * The deprecated v1 dynamic-QR API (paths inferred). Prefer {@link PosQrApi}.
 *
 * @deprecated The bank keeps it for old terminals; use `qr` (API v2).
 * @example
 * const qr = yield* pos.qrV1.create({ amount: 10 })
 */
export interface PosQrV1Api {
  /** @deprecated Use `qr.create({ qrType: "dynamic", amountType: "fixed", amount })`. */
  readonly create: (input: PosQrV1CreateInput) => Effect.Effect<PosQrV1, MiaPosError>
  /** @deprecated Use `qr.checkExtension(extensionId)`. */
  readonly check: (qrId: string) => Effect.Effect<PosQrV1Status, MiaPosError>
  /** @deprecated Use `qr.cancel(qrId)`. */
  readonly cancel: (qrId: string) => Effect.Effect<void, MiaPosError>
}

/**
 * X/Z reports and receipts, in `pdf` (default), `png`, `txt` or `json`.
 *
 * @example
 * const pdf = yield* pos.reports.zReport({ shiftId: "42" })
 * pdf.bytes // Uint8Array starting with "%PDF-"
 */
export interface PosReportsApi {
  /** `GET /pos/api/v2/shift/{shiftId}/z-report` of a closed shift. */
  readonly zReport: <F extends PosReportFormat = "pdf">(
    input: PosZReportInput<F>
  ) => Effect.Effect<PosReportOf<F, PosShiftReportData>, MiaPosError>
  /** The legacy Z-report (inferred path `GET /pos/api/v1/shift/{shiftId}/z-report`). */
  readonly zReportLegacy: (input: PosLegacyZReportInput) => Effect.Effect<PosLegacyZReport, MiaPosError>
  /** X-report of an open shift (inferred path `GET /pos/api/v2/shift/{shiftId}/x-report`); the session's shift by default. */
  readonly xReport: <F extends PosReportFormat = "pdf">(
    input?: PosShiftReportInput<F>
  ) => Effect.Effect<PosReportOf<F, PosShiftReportData>, MiaPosError>
  /** Receipt of a transaction (inferred path `GET /pos/api/v2/tx/{txId}/receipt`). */
  readonly receipt: <F extends PosReportFormat = "pdf">(
    input: PosReceiptInput<F>
  ) => Effect.Effect<PosReportOf<F, PosReceiptData>, MiaPosError>
}

/**
 * A shift's transactions (paths inferred), details and returns.
 *
 * @example
 * const all = yield* Stream.runCollect(pos.transactions.all({ shiftId: "42" }))
 */
export interface PosTransactionsApi {
  /** One page, newest first; pass `nextCursor` as `txId` for older ones. The session's shift by default. */
  readonly list: (input?: PosListTransactionsInput) => Effect.Effect<PosTransactionPage, MiaPosError>
  /** Every transaction of the shift, newest first, fetching pages as the stream is pulled. */
  readonly all: (input?: PosListTransactionsInput) => Stream.Stream<PosTransaction, MiaPosError>
  /** One transaction with its payment-network details. */
  readonly get: (txId: string) => Effect.Effect<PosTransactionDetails, MiaPosError>
  /** A full (no `amount`) or partial return of a payment, with a reason. Not retried. */
  readonly return: (input: PosReturnInput) => Effect.Effect<PosReturnRequested, MiaPosError>
}

/**
 * The terminal's QR settings (paths inferred).
 *
 * @example
 * yield* pos.settings.set({ qrType: "static", qrAmountType: "free" })
 */
export interface PosSettingsApi {
  readonly get: () => Effect.Effect<PosQrSettings, MiaPosError>
  readonly set: (input: PosSetQrSettingsInput) => Effect.Effect<void, MiaPosError>
}

/**
 * The MiaPos terminal API as Effect operations. Every operation validates its input before
 * sending, sends the device headers, `User-Agent: mia-sdk/<version>` and a fresh
 * `X-CORRELATION-ID`, runs in a span named verb-first (`MiaPosClient.createQr`,
 * `MiaPosClient.openShift`, ...), and fails with a {@link MiaPosError}. Reads are retried on
 * transient failures; operations that change state never are.
 *
 * @example
 * import { Effect } from "effect"
 * import { MiaPosClient } from "@mia-sdk/core"
 *
 * const program = Effect.gen(function* () {
 *   const pos = yield* MiaPosClient
 *   yield* pos.shift.open()
 *   const qr = yield* pos.qr.create({ qrType: "dynamic", amountType: "fixed", amount: 125.5 })
 *   return qr.qrText
 * })
 */
export interface MiaPosClientService {
  /** Host the client talks to. */
  readonly baseUrl: string
  /** The routes in use, after overrides. */
  readonly routes: PosRouteTable
  readonly activation: PosActivationApi
  readonly seller: PosSellerApi
  readonly session: PosSessionApi
  readonly shift: PosShiftApi
  readonly qr: PosQrApi
  /** @deprecated The v1 dynamic-QR API; use `qr`. */
  readonly qrV1: PosQrV1Api
  readonly reports: PosReportsApi
  readonly transactions: PosTransactionsApi
  readonly settings: PosSettingsApi
}

/**
 * The HTTP contract between the `miaPos` Express router (@mia-sdk/express) and the cashier-screen
 * hooks (@mia-sdk/react). Types only: the browser bundle imports nothing at run time. The bank's
 * tokens, the activation id and the seller's password after login never leave the server.
 *
 * Routes, relative to where the router is mounted (e.g. `/api/pos`):
 * - `GET    /session`               -> 200 {@link PosSessionView}
 * - `POST   /activation`            -> body {@link PosActivationStartBody}, 200 {@link PosSessionView}
 *                                      (an OTP is sent by SMS; `activation` says where)
 * - `POST   /activation/resend`     -> 200 {@link PosSessionView}
 * - `POST   /activation/confirm`    -> body {@link PosActivationConfirmBody}, 200 {@link PosSessionView}
 * - `POST   /login`                 -> body {@link PosLoginBody}, 200 {@link PosSessionView}
 * - `POST   /logout`                -> 200 {@link PosSessionView}
 * - `POST   /shift/open`            -> 200 {@link PosSessionView}
 * - `POST   /shift/close`           -> 200 {@link PosSessionView} (`lastClosedShiftId` names the shift for its Z-report)
 * - `POST   /charges`               -> body {@link PosChargeBody}, 201 {@link PosChargeView} (a dynamic QR v2)
 * - `GET    /charges/:chargeId`     -> 200 {@link PosChargeView} (poll it until `state` is final)
 * - `DELETE /charges/:chargeId`     -> 200 {@link PosChargeView} (cancelled)
 * - `GET    /reports/:kind`         -> `kind` is `x` (open shift) or `z`; query `format=json` (default):
 *                                      200 {@link PosReportView}; `format=pdf`: the PDF as an attachment.
 *                                      Query `shiftId` picks the shift (default: the open shift for X,
 *                                      the last closed one, else the open one, for Z); `full=true`
 *                                      lists the transactions (otherwise they are only counted).
 * Errors are RFC 9457 `application/problem+json` bodies (`ProblemDetails` in ./checkout.ts).
 */

/**
 * The cashier's shift as the screen shows it.
 * @example
 * const shift: PosShiftView = { open: true, shiftId: "5021", openedAt: "2026-11-21T08:00:00" }
 */
export interface PosShiftView {
  readonly open: boolean
  readonly shiftId?: string | undefined
  /** Local date-time as the bank reports it (no offset). */
  readonly openedAt?: string | undefined
  readonly closedAt?: string | undefined
  readonly operator?: string | undefined
}

/**
 * Where the terminal stands: activated or not (an OTP may be pending), seller logged in or not,
 * and the shift.
 * @example
 * const view: PosSessionView = {
 *   activated: true, loggedIn: true, seller: { name: "Ana", merchantName: "Cafe Central" },
 *   shift: { open: true, shiftId: "5021" }
 * }
 */
export interface PosSessionView {
  readonly activated: boolean
  /** Present while an activation waits for its OTP code. */
  readonly activation?:
    | {
        readonly maskedPhoneNumber?: string | undefined
        /** Seconds before "resend code" may be used. */
        readonly waitTimeToResend?: number | undefined
        readonly leftAttempts?: number | undefined
      }
    | undefined
  readonly loggedIn: boolean
  readonly seller?:
    | {
        readonly name?: string | undefined
        readonly merchantName?: string | undefined
        readonly placeName?: string | undefined
        readonly placeAddress?: string | undefined
        readonly terminalId?: string | undefined
      }
    | undefined
  /** `null` when not logged in (the shift can't be checked). */
  readonly shift: PosShiftView | null
  /** The shift closed last by this server, for its Z-report. */
  readonly lastClosedShiftId?: string | undefined
}

/**
 * Body of `POST /activation`. Fields left out come from the router's options; the router accepts
 * them from the browser only with `allowTerminalFromBody` (otherwise it answers 403).
 * @example
 * const body: PosActivationStartBody = { terminalId: "T0001", merchantIdno: "1003600012345" }
 */
export interface PosActivationStartBody {
  readonly terminalId?: string | undefined
  readonly merchantIdno?: string | undefined
}

/**
 * Body of `POST /activation/confirm`: the code from the SMS.
 * @example
 * const body: PosActivationConfirmBody = { otp: "123456" }
 */
export interface PosActivationConfirmBody {
  readonly otp: string
}

/**
 * Body of `POST /login`. Fields left out come from the router's options (a kiosk with one seller).
 * @example
 * const body: PosLoginBody = { username: "cashier1", password: "s3cret" }
 */
export interface PosLoginBody {
  readonly username?: string | undefined
  readonly password?: string | undefined
}

/**
 * Body of `POST /charges`: the amount to charge, in MDL (> 0, at most 100000, at most 2 decimals).
 * @example
 * const body: PosChargeBody = { amount: 149.9 }
 */
export interface PosChargeBody {
  readonly amount: number
}

/**
 * A charge's state: the QR's state at the bank. Unknown values pass through.
 * `paid`, `expired`, `cancelled` and `not_found` are final.
 * @example
 * const state: PosChargeState = "paid"
 */
export type PosChargeState = "active" | "paid" | "expired" | "cancelled" | "not_found" | (string & {})

/**
 * One charge: a dynamic QR for an amount, shown to the customer on the cashier screen.
 * @example
 * const charge: PosChargeView = {
 *   chargeId: "9f1c...", url: "https://mia-qr.bnm.md/1/m/BNM/AGR...", amount: 149.9, currency: "MDL",
 *   state: "active", expiresAt: "2026-11-21T12:05:00.000Z"
 * }
 */
export interface PosChargeView {
  /** The QR's id at the bank. */
  readonly chargeId: string
  /** The MIA link to encode as the QR image. */
  readonly url: string
  readonly amount: number
  readonly currency: string
  readonly state: PosChargeState
  /** ISO 8601, when known: the QR can't be paid after it. */
  readonly expiresAt?: string | undefined
}

/**
 * One line of a shift report.
 * @example
 * const line: PosReportLine = { type: "payment", id: "7781", dateTime: "2026-11-21T10:49:54", amount: 149.9, currency: "MDL" }
 */
export interface PosReportLine {
  readonly type?: string | undefined
  readonly id?: string | undefined
  readonly dateTime?: string | undefined
  readonly amount?: number | undefined
  readonly currency?: string | undefined
}

/**
 * An X-report (running totals of the open shift) or Z-report (a closed shift) as JSON.
 * @example
 * const report: PosReportView = {
 *   kind: "z", shiftId: "5021", paymentCount: 12, paymentSum: 1830.5, cancellationCount: 1,
 *   cancellationSum: 20, totalSum: 1810.5, transactions: []
 * }
 */
export interface PosReportView {
  readonly kind: "x" | "z"
  readonly shiftId?: string | undefined
  readonly reportDateTime?: string | undefined
  readonly merchant?: string | undefined
  readonly store?: string | undefined
  readonly terminalId?: string | undefined
  readonly operator?: string | undefined
  readonly recordCount?: number | undefined
  readonly paymentCount?: number | undefined
  readonly paymentSum?: number | undefined
  readonly cancellationCount?: number | undefined
  readonly cancellationSum?: number | undefined
  readonly totalSum?: number | undefined
  readonly transactions: ReadonlyArray<PosReportLine>
}

import type { PosChargeView, PosSessionView, PosShiftView } from "@mia-sdk/core/wire"
import { MiaCashierError } from "./cashier-error.js"
import type { PosCashierOptions } from "./cashier-options.js"
import type { PosCashierReport, PosReportOptions } from "./cashier-report.js"
import type { PosCashierState, PosChargeMemo } from "./cashier-state.js"
import { inCashierTerms, isLoginRequired } from "./internal/client-errors.js"
import { shiftReport } from "./internal/shift-report.js"
import {
  validateAmount,
  validateChargeId,
  validateCredentials,
  validateOtp,
  validateTerminal
} from "./internal/validate.js"
import { toChargeView, toShiftView } from "./internal/views.js"
import { createMemoryPosCashierState } from "./memory-cashier-state.js"

/**
 * The server side of a web cashier screen, one method per step of the cashier's day. Inputs are
 * checked at run time (a parsed JSON body can be passed as is); refusals are
 * {@link MiaCashierError}s, the bank's own refusals the client's errors.
 *
 * @example
 * const cashier = createPosCashier({ client, terminal })
 * await cashier.login({ username: "cashier1", password: "s3cret" })
 * await cashier.openShift()
 * const charge = await cashier.createCharge(149.9)
 */
export interface PosCashier {
  /** Where the terminal stands: activation, seller, shift. */
  session(): Promise<PosSessionView>
  /** Starts activating the terminal: MiaPos sends a code by SMS. */
  startActivation(input?: {
    readonly terminalId?: unknown
    readonly merchantIdno?: unknown
  }): Promise<PosSessionView>
  /** Sends the activation code again. */
  resendActivation(): Promise<PosSessionView>
  /** Finishes the activation with the code from the SMS. */
  confirmActivation(otp: unknown): Promise<PosSessionView>
  /** Logs the seller in; without credentials, with the client's configured seller. */
  login(credentials?: { readonly username?: unknown; readonly password?: unknown }): Promise<PosSessionView>
  /** Logs the seller out. */
  logout(): Promise<PosSessionView>
  /** Opens the shift, or answers with the one already open (never at the same time as a close of this till). */
  openShift(): Promise<PosSessionView>
  /** Closes the shift and remembers it for the Z-report. */
  closeShift(): Promise<PosSessionView>
  /** A dynamic QR for an amount in MDL (a JSON number: > 0, at most 100000, at most 2 decimals). */
  createCharge(amount: unknown): Promise<PosChargeView>
  /** The charge's state at the bank: poll it until it is final. */
  getCharge(chargeId: unknown): Promise<PosChargeView>
  /** Cancels the charge's QR, then tells its state. */
  cancelCharge(chargeId: unknown): Promise<PosChargeView>
  /** An X-report (`x`, the open shift) or Z-report (`z`, a closed shift). */
  report(kind: string, options?: PosReportOptions): Promise<PosCashierReport>
}

type Seller = NonNullable<PosSessionView["seller"]>

/** Compare-and-set attempts before giving up with a `conflict`. */
const UPDATE_ATTEMPTS = 8

/**
 * Creates the POS cashier: terminal activation with an SMS code, seller login, shifts, charges
 * (a dynamic QR v2 per amount) and X/Z-reports over one MiaPos client, with no web framework.
 * The bank's tokens and the seller's password stay in the client; what the cashier remembers
 * besides (pending activation, seller, last closed shift, charges) lives in `state`.
 * `miaPos` of `@mia-sdk/express` is a thin skin over it.
 *
 * @example
 * import { createMiaPosClient } from "@mia-sdk/core"
 * import { createPosCashier } from "@mia-sdk/webhooks"
 *
 * const client = createMiaPosClient({ baseUrl: process.env.MIAPOS_BASE_URL!, device })
 * const cashier = createPosCashier({ client, terminal: { terminalId: "10001", merchantIdno: "1003600012345" } })
 * await cashier.startActivation()
 * await cashier.confirmActivation("123456")
 * await cashier.login({ username: "cashier1", password: "s3cret" })
 * await cashier.openShift()
 * const charge = await cashier.createCharge(149.9) // show charge.url as a QR
 * const z = await cashier.closeShift().then(() => cashier.report("z", { format: "pdf" }))
 */
export const createPosCashier = (options: PosCashierOptions): PosCashier => {
  if (typeof options?.client?.session?.get !== "function") {
    throw new TypeError(
      "createPosCashier needs a MiaPos client: createPosCashier({ client: createMiaPosClient({ baseUrl, device }) })"
    )
  }
  const { client } = options
  const now = options.now ?? Date.now
  const state = options.state ?? createMemoryPosCashierState()
  const warn =
    options.onWarning ??
    ((message: string, error: unknown) => console.warn(`[@mia-sdk/webhooks] ${message}`, error))

  const update = async (change: (current: PosCashierState) => PosCashierState): Promise<void> => {
    for (let attempt = 0; attempt < UPDATE_ATTEMPTS; attempt++) {
      const { version, state: current } = await state.load()
      const next = change(current)
      if (next === current || (await state.compareAndSet(version, next))) return
    }
    throw new MiaCashierError(
      "conflict",
      "The cashier state kept changing under concurrent requests; try again."
    )
  }

  /** The seller's name and shop, best effort: the path of this call is not public. */
  const loadSeller = async (): Promise<Seller | undefined> => {
    try {
      const info = await client.seller.info()
      return {
        name: info.seller?.fullName,
        merchantName: info.merchant?.name,
        placeName: info.place?.name,
        placeAddress: info.place?.address,
        terminalId: info.terminal?.terminalId
      }
    } catch (error) {
      warn("seller info is unavailable; the cashier screen shows no seller name", error)
      return undefined
    }
  }

  const sessionView = async (knownShift?: PosShiftView): Promise<PosSessionView> => {
    const info = await client.session.get()
    let loggedIn = info.loggedIn
    let shift: PosShiftView | null = null
    if (loggedIn) {
      try {
        shift = knownShift ?? toShiftView(await client.shift.check())
      } catch (error) {
        if (!isLoginRequired(error)) throw error
        loggedIn = false
      }
    }
    const { activation, seller: known, lastClosedShiftId } = (await state.load()).state
    let seller = known
    if (loggedIn && seller === undefined) {
      const loaded = await loadSeller()
      if (loaded !== undefined)
        await update((current) => (current.seller ? current : { ...current, seller: loaded }))
      seller = loaded
    }
    return {
      activated: info.terminalActivationId !== undefined && activation === undefined,
      ...(activation ? { activation } : {}),
      loggedIn,
      ...(loggedIn && seller ? { seller } : {}),
      shift,
      ...(lastClosedShiftId ? { lastClosedShiftId } : {})
    }
  }

  const forgetSeller = (current: PosCashierState): PosCashierState =>
    current.seller === undefined ? current : { ...current, seller: undefined }

  const chargeView = async (chargeId: string): Promise<PosChargeView> => {
    const lookup = await client.qr.get(chargeId)
    const memo: Partial<PosChargeMemo> | undefined = await state.findCharge(chargeId)
    const chargeState = lookup.state ?? "active"
    if (chargeState === "not_found" && memo === undefined) {
      throw new MiaCashierError("charge_not_found", `No charge ${chargeId}.`)
    }
    return toChargeView(chargeId, chargeState, {
      ...memo,
      ...(lookup.qr?.qrText ? { url: lookup.qr.qrText } : {}),
      ...(lookup.qr?.extension?.amount === undefined ? {} : { amount: lookup.qr.extension.amount })
    })
  }

  const inTerms =
    <A extends ReadonlyArray<unknown>, R>(
      run: (...args: A) => Promise<R>,
      step: "login" | "other" = "other"
    ) =>
    async (...args: A): Promise<R> => {
      try {
        return await run(...args)
      } catch (error) {
        throw inCashierTerms(error, step)
      }
    }

  return {
    session: inTerms(() => sessionView()),
    startActivation: inTerms(async (input) => {
      const started = await client.activation.init(validateTerminal(input, options))
      const activation = {
        maskedPhoneNumber: started.maskedPhoneNumber,
        waitTimeToResend: started.waitTimeToResend
      }
      await update((current) => ({ ...current, activation }))
      return sessionView()
    }),
    resendActivation: inTerms(async () => {
      if ((await state.load()).state.activation === undefined) {
        throw new MiaCashierError("no_activation", "No activation is pending: start one first.")
      }
      const resent = await client.activation.resendOtp()
      await update((current) =>
        current.activation === undefined
          ? current
          : {
              ...current,
              activation: {
                ...current.activation,
                waitTimeToResend: resent.waitTimeToResend,
                leftAttempts: resent.leftAttempts
              }
            }
      )
      return sessionView()
    }),
    confirmActivation: inTerms(async (otp) => {
      await client.activation.confirm({ otpCode: validateOtp(otp) })
      await update((current) => ({ ...current, activation: undefined, seller: undefined }))
      return sessionView()
    }),
    login: inTerms(async (credentials) => {
      await client.seller.login(validateCredentials(credentials))
      await update(forgetSeller)
      return sessionView()
    }, "login"),
    logout: inTerms(async () => {
      await client.seller.logout()
      await update(forgetSeller)
      return sessionView()
    }),
    openShift: inTerms(() =>
      state.exclusive("shift", async () => {
        // Another screen or server of this till may have opened it a moment ago: answer with it.
        const current = toShiftView(await client.shift.check())
        if (current.open) return sessionView(current)
        // A successful open answers with the shift's id and start, not always with its state.
        const opened = { ...toShiftView(await client.shift.open()), open: true }
        return sessionView(opened)
      })
    ),
    closeShift: inTerms(() =>
      state.exclusive("shift", async () => {
        const closed = await client.shift.close()
        const shiftId = closed.shiftId
        if (shiftId) await update((current) => ({ ...current, lastClosedShiftId: shiftId }))
        return sessionView({ ...toShiftView(closed), open: false })
      })
    ),
    createCharge: inTerms(async (value) => {
      const amount = validateAmount(value)
      const qr = await client.qr.create({ qrType: "dynamic", amountType: "fixed", amount })
      if (!qr.qrText)
        throw new MiaCashierError("incomplete_answer", "MiaPos created the QR without its text.")
      const seconds = qr.extension?.expiresIn
      const memo: PosChargeMemo = {
        url: qr.qrText,
        amount,
        ...(seconds ? { expiresAt: new Date(now() + seconds * 1000).toISOString() } : {})
      }
      await state.rememberCharge(qr.qrId, memo)
      return toChargeView(qr.qrId, "active", memo)
    }),
    getCharge: inTerms((chargeId) => chargeView(validateChargeId(chargeId))),
    cancelCharge: inTerms(async (value) => {
      const chargeId = validateChargeId(value)
      await client.qr.cancel(chargeId)
      return chargeView(chargeId)
    }),
    report: inTerms((kind: string, asked?: PosReportOptions) =>
      shiftReport(client, async () => (await state.load()).state.lastClosedShiftId, kind, asked)
    )
  }
}

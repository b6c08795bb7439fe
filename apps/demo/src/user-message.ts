// What a failed call says on screen. The server's problem details are written for developers (they
// name operations, result codes and routes, and the bank's own text ends in its own period), so the
// pages never show them raw: a known problem code gets a sentence written for the shopper, the
// admin or the cashier, anything else a plain sentence about what to do next.

/**
 * Ends a text with exactly one period: trailing periods, spaces and colons are folded into one,
 * and doubled periods inside are made single.
 * @example
 * asSentence("Wrong code..")  // "Wrong code."
 * asSentence("Try again:")    // "Try again."
 */
export const asSentence = (text: string): string => {
  const body = text
    .trim()
    .replace(/\.{2,}/g, ".")
    .replace(/[\s.:;,]+$/, "")
  return body === "" ? "" : `${body}.`
}

/** Sentences for the problem codes the demo's server and the SDK's routers answer with. */
const BY_CODE: Readonly<Record<string, string>> = {
  // The till: activation, login, shift, charges (`miaPos` answers `pos_<MiaPos result>`).
  pos_invalid_otp: "That code is not right. Check the SMS and type it again.",
  pos_otp_invalid: "That code is not right. Check the SMS and type it again.",
  pos_otp_expired: "That code has expired. Send a new code and type that one.",
  pos_otp_limit_exceeded: "Too many codes were tried or sent. Wait a few minutes, then send a new code.",
  pos_resend_too_soon: "A code was sent a moment ago. Wait a little before sending another one.",
  pos_already_confirmed: "This terminal is already activated.",
  pos_no_activation: "No code is waiting to be typed. Send a new activation code first.",
  pos_not_activated: "This terminal is not activated yet. Activate it first.",
  pos_terminal_not_activated: "This terminal is not activated yet. Activate it first.",
  pos_terminal_fixed: "This till only works with the terminal set up on the server.",
  pos_login_failed: "Wrong username or password.",
  pos_invalid_credentials: "Wrong username or password.",
  pos_login_required: "The cashier is logged out. Log in again.",
  pos_no_open_shift: "No shift is open. Open a shift first.",
  pos_shift_not_open: "No shift is open. Open a shift first.",
  pos_no_shift: "There is no shift to report on yet.",
  pos_shift_already_open: "A shift is already open.",
  pos_shift_not_closed: "The previous shift is still open. Close it first.",
  pos_qr_not_active: "This QR can no longer be paid or cancelled.",
  pos_active_qr_exists: "Another QR is still waiting for payment. Cancel it first.",
  pos_operation_not_allowed: "The bank does not allow this on this terminal.",
  pos_not_found: "The bank does not know this terminal, QR or payment.",
  pos_no_qr_text: "The bank sent no QR. Try again.",
  pos_session_store: "The till could not save its session. Try again.",
  // Orders and refunds (`miaCheckout`) and the demo's own routes.
  order_not_payable: "This order can no longer be paid.",
  order_not_refundable: "This order can't be refunded: nothing paid is left to refund.",
  refund_failed: "The bank refused the refund. Nothing was refunded.",
  rtp_limit_reached: "Too many payment requests were sent for this order. Pay with the QR code instead.",
  rtp_not_configured: "Paying by phone number is not set up in this shop. Pay with the QR code instead.",
  refund_in_progress: "A refund of this order is already on its way. Wait a moment, then look again.",
  idempotency_key_reused: "This refund was already sent with other details. Type it again.",
  not_found: "This was not found. It may never have existed.",
  forbidden: "This order was not made in this browser.",
  conflict: "Someone changed this at the same time. Try again.",
  storage: "The order database is not answering. Try again in a moment.",
  admin_token_required:
    "This demo talks to a real bank: type the admin token it was started with (DEMO_ADMIN_TOKEN).",
  admin_token_invalid: "That admin token is not the one this server was started with.",
  // The bank, seen through the server.
  mia_rate_limited: "The bank is busy. Try again in a moment.",
  mia_unavailable: "The bank is not answering right now. Try again in a moment.",
  mia_unreachable: "The bank can't be reached right now. Try again in a moment.",
  mia_timeout: "The bank took too long to answer. Try again.",
  mia_response: "The bank sent an answer the server could not read. Try again in a moment.",
  mia_auth: "The server could not sign in to the bank. Check its MIA settings.",
  mia_api: "The bank refused the request.",
  network: "The server can't be reached. Check that the demo is still running, then try again."
}

/** The parts of an error the pages look at: `MiaRequestError` (the hooks) and `ApiError` (api.ts) both have them. */
interface ProblemLike {
  readonly code?: unknown
  readonly status?: unknown
  readonly problem?: {
    readonly code?: unknown
    readonly errors?: ReadonlyArray<{ readonly message?: string }>
  }
  readonly message?: unknown
}

const codeOf = (error: ProblemLike): string | undefined => {
  const code = error.problem?.code ?? error.code
  return typeof code === "string" ? code : undefined
}

/**
 * A failed call as one sentence for the person at the screen: no operation name, no error code,
 * one final period. A validation problem keeps the server's sentence about the field (the pages
 * check their own fields first, so it is rare and already meant for people). `context` words a
 * code for the page it happens on, e.g. what "not found" means there.
 * @example
 * userMessage(error) // "That code is not right. Check the SMS and type it again."
 * userMessage(error, { not_found: "This QR is not waiting for a payment." })
 */
export const userMessage = (error: unknown, context: Readonly<Record<string, string>> = {}): string => {
  const fields: ProblemLike = typeof error === "object" && error !== null ? error : {}
  const code = codeOf(fields)
  if (code === "validation") {
    const said = fields.problem?.errors?.[0]?.message ?? fields.message
    if (typeof said === "string" && said.trim() !== "") return asSentence(said)
  }
  const known = code === undefined ? undefined : (context[code] ?? BY_CODE[code])
  if (known !== undefined) return known
  const status = typeof fields.status === "number" ? fields.status : undefined
  if (status === 0) return BY_CODE.network as string
  if (status !== undefined && status >= 500)
    return "Something went wrong on the server. Try again in a moment."
  return "That did not work. Try again."
}

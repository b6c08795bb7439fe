/**
 * The error tables of the MIA QR API and of RTP (2xxxx and 34001):
 * code -> HTTP status and message template. The two APIs share the platform and its 1xxxx codes.
 * One place, so a status that turns out different on the real bank is a one-line change.
 */
export const MIA_ERRORS = {
  "10000": {
    status: 500,
    template: "Internal error encountered. Please try again or report if error persists."
  },
  "11000": { status: 401, template: "Invalid credentials. Please check 'clientId' and 'clientSecret'." },
  "12000": { status: 400, template: "Parameter `{{parameter}}` is invalid." },
  "12001": { status: 400, template: "Provided request is invalid: `{{error}}`." },
  "12002": { status: 400, template: "Currency `{{currency}}` is invalid." },
  "12003": { status: 400, template: "Sorting options are invalid." },
  "12004": { status: 400, template: "QR type `{{actualValue}}` is invalid." },
  "12005": { status: 400, template: "QR status `{{actualValue}}` is invalid." },
  "12006": {
    status: 400,
    template: "'expiresAt' field must be in future. Provided value: `{{actualValue}}`."
  },
  "12007": { status: 400, template: "Please provide 'clientId' and 'clientSecret'." },
  "13000": { status: 404, template: "QR `{{qrId}}` is not found." },
  // The table says 409, but its error section lists an unknown payId under 404 "resource not found"; a lookup
  // by id that finds nothing is a 404 everywhere else in this API too.
  "14003": { status: 404, template: "MIA payment `{{miaPaymentId}}` is not found." },
  "14005": { status: 409, template: "QR `{{qrId}}` is already cancelled." },
  "14006": { status: 409, template: "QR code type `{{type}}` is invalid." },
  "14007": { status: 409, template: "QR code with a Fixed amount type must have amount set." },
  "14008": {
    status: 409,
    template: "QR code with a Controlled amount type must have min or max amount set."
  },
  "14015": { status: 409, template: "MIA payment `{{paymentId}}` is already refunded." },
  "14016": {
    status: 404,
    template:
      "Cannot refund MIA payment for provided amount. Available refundable amount: `{{refundableAmount}}`."
  },
  "14019": { status: 409, template: "QR code's state does not allow this operation: `{{state}}`." },
  "22000": { status: 400, template: "The selected currency is invalid. Please review and try again." },
  "22001": {
    status: 400,
    template: "The selected request status is invalid. Please verify your filter."
  },
  "22002": { status: 400, template: "Sorting options are not valid. Please adjust and try again." },
  "23000": { status: 404, template: "The specified Request to Pay does not exist or has expired." },
  "24005": { status: 409, template: "The current status does not permit the operation to be processed." },
  "24006": {
    status: 409,
    template: "The recipient has not activated MIA. Please verify or use another payment method."
  },
  "34001": { status: 409, template: "Partial refund is not available: `{{paymentId}}`." }
} as const satisfies Record<string, { status: number; template: string }>

/** A code of the MIA error table that the sandbox answers with. */
export type MiaErrorCode = keyof typeof MIA_ERRORS

/** One error of an envelope, before it is rendered into the wire shape. */
export interface MiaErrorEntry {
  readonly code: MiaErrorCode
  readonly args?: Readonly<Record<string, string>> | undefined
  /** Overrides the table's HTTP status, for the few answers the table has no code of its own for. */
  readonly status?: number | undefined
}

/** `12000 Parameter X is invalid`, the answer to most field-level validation failures. */
export const invalidParameter = (parameter: string): MiaErrorEntry => ({ code: "12000", args: { parameter } })

/** `12001 Provided request is invalid: ...`, for bodies that are not the expected JSON at all. */
export const invalidRequest = (error: string): MiaErrorEntry => ({ code: "12001", args: { error } })

/**
 * Fills `{{name}}` placeholders. Whether the bank substitutes them is unconfirmed; the
 * sandbox does, because a message that names the bad field is what a developer needs in a curl session.
 */
export const renderTemplate = (
  template: string,
  args: Readonly<Record<string, string>> | undefined
): string => template.replace(/\{\{(\w+)\}\}/g, (whole, name: string) => args?.[name] ?? whole)

/**
 * The activation was started: an OTP was sent by SMS to the merchant's phone.
 *
 * @example
 * const started: PosActivationStarted = {
 *   terminalActivationId: "e559d17a-a29b-49c0-878b-af3de2495d39", maskedPhoneNumber: "+373*****12", waitTimeToResend: 60
 * }
 */
export interface PosActivationStarted {
  /** Kept in the session store; every later call of this device uses it. */
  readonly terminalActivationId: string
  readonly maskedPhoneNumber?: string | undefined
  /** Seconds before `resendOtp` is allowed. */
  readonly waitTimeToResend?: number | undefined
}

/**
 * A new OTP was sent.
 *
 * @example
 * const resent: PosOtpResent = { leftAttempts: 2, waitTimeToResend: 60 }
 */
export interface PosOtpResent {
  readonly leftAttempts?: number | undefined
  /** Seconds before the next resend is allowed. */
  readonly waitTimeToResend?: number | undefined
}

/**
 * The OTP was accepted and the terminal is bound to this device.
 *
 * @example
 * const confirmed: PosActivationConfirmed = { terminalActivationId: "e559d17a-a29b-49c0-878b-af3de2495d39" }
 */
export interface PosActivationConfirmed {
  readonly terminalActivationId: string
  readonly leftAttempts?: number | undefined
}

/**
 * The terminal and merchant behind an activation id. `terminalId` is always a string here,
 * although the API prints it as an integer in this response.
 *
 * @example
 * const info: PosTerminalInfo = { terminalId: "12345", merchantIdno: "1003600012345", merchantName: "Coffee SRL" }
 */
export interface PosTerminalInfo {
  readonly terminalId?: string | undefined
  readonly merchantIdno?: string | undefined
  readonly merchantName?: string | undefined
  readonly storeAddress?: string | undefined
}

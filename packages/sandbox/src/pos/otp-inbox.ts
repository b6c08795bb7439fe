/**
 * An OTP "SMS" the simulated bank sent to a terminal owner's phone.
 *
 * @example
 * const message = sandbox.inbox.latest({ terminalActivationId })
 * message?.otpCode // "482913"
 */
export interface PosOtpMessage {
  readonly id: number
  readonly phoneNumber: string
  readonly terminalId: string
  readonly terminalActivationId: string
  /** Always six digits. */
  readonly otpCode: string
  readonly text: string
  readonly sentAt: number
  readonly expiresAt: number
}

/**
 * Narrows an inbox read; every given field must match.
 *
 * @example
 * sandbox.inbox.messages({ terminalId: "10001" })
 */
export interface PosOtpInboxFilter {
  readonly terminalId?: string
  readonly terminalActivationId?: string
  readonly phoneNumber?: string
}

/**
 * The phone the simulator "texts" activation codes to. Read it in tests, or over HTTP at
 * `GET /pos/api/sandbox/otp-inbox`.
 *
 * @example
 * const sandbox = createPosSandbox()
 * // ... POST /pos/api/v1/terminal-activation/init ...
 * const otpCode = sandbox.inbox.latestCode({ terminalId: "10001" })
 */
export interface PosOtpInbox {
  /** Newest first. */
  messages(filter?: PosOtpInboxFilter): ReadonlyArray<PosOtpMessage>
  latest(filter?: PosOtpInboxFilter): PosOtpMessage | undefined
  latestCode(filter?: PosOtpInboxFilter): string | undefined
  clear(): void
}

/** The inbox plus the write side only the simulator uses. */
export interface PosOtpMailbox extends PosOtpInbox {
  deliver(message: Omit<PosOtpMessage, "id" | "text">): PosOtpMessage
}

const matches = (message: PosOtpMessage, filter: PosOtpInboxFilter): boolean =>
  (filter.terminalId === undefined || message.terminalId === filter.terminalId) &&
  (filter.terminalActivationId === undefined ||
    message.terminalActivationId === filter.terminalActivationId) &&
  (filter.phoneNumber === undefined || message.phoneNumber === filter.phoneNumber)

/**
 * An empty inbox.
 *
 * @example
 * const inbox = createOtpInbox()
 * inbox.deliver({ phoneNumber: "+37369000001", terminalId: "10001", terminalActivationId: "a", otpCode: "123456", sentAt: 0, expiresAt: 300_000 })
 * inbox.latestCode() // "123456"
 */
export const createOtpInbox = (): PosOtpMailbox => {
  let messages: PosOtpMessage[] = []
  let nextId = 1
  const read = (filter: PosOtpInboxFilter = {}) =>
    messages.filter((message) => matches(message, filter)).reverse()
  return {
    deliver: (message) => {
      const delivered = {
        ...message,
        id: nextId++,
        text: `MiaPos: your terminal ${message.terminalId} activation code is ${message.otpCode}. Do not share it.`
      }
      messages.push(delivered)
      return delivered
    },
    messages: read,
    latest: (filter) => read(filter)[0],
    latestCode: (filter) => read(filter)[0]?.otpCode,
    clear: () => {
      messages = []
    }
  }
}

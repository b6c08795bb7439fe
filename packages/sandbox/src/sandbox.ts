import type { HttpHandler } from "msw"
import type { SandboxPayment, SandboxQr, SandboxRefund, SandboxTestPayResult } from "./bank-views.js"
import type { SandboxClock } from "./clock.js"
import type { DeliveryLog } from "./deliveries.js"
import type { FaultControls } from "./faults.js"
import type { PosSandbox } from "./pos/index.js"
import type { RtpSandbox } from "./rtp-sandbox.js"

/**
 * The credentials a sandbox accepts and signs with.
 *
 * @example
 * const { clientId, clientSecret, signatureKey }: SandboxCredentials = sandbox.credentials
 */
export interface SandboxCredentials {
  readonly clientId: string
  readonly clientSecret: string
  readonly signatureKey: string
}

/**
 * Read-only views of the bank's books, in the API's wire shapes.
 *
 * @example
 * const qr = sandbox.state.qr(qrId)
 * const paid = sandbox.state.payments({ qrId }).filter((payment) => payment.status === "Executed")
 */
export interface SandboxState {
  /** Every QR code, oldest first. */
  qrs(): ReadonlyArray<SandboxQr>
  /** A QR by its id or by its `https://mia-qr.bnm.md/...` link. */
  qr(qrIdOrUrl: string): SandboxQr | undefined
  /** Payments, oldest first, optionally only those of one QR or order. */
  payments(filter?: { readonly qrId?: string; readonly orderId?: string }): ReadonlyArray<SandboxPayment>
  payment(payId: string): SandboxPayment | undefined
  /** Refunds, oldest first, optionally only those of one payment. */
  refunds(filter?: { readonly payId?: string }): ReadonlyArray<SandboxRefund>
  refund(refundId: string): SandboxRefund | undefined
}

/**
 * A payer paying a QR, as `POST /v2/mia/test-pay` does, without HTTP and without a token.
 *
 * @example
 * const input: SandboxPayInput = { qrId, amount: 25.5, payerName: "Ion P." }
 */
export interface SandboxPayInput {
  /** The QR's id or its `https://mia-qr.bnm.md/...` link (what a phone scans). */
  readonly qrId: string
  /** In lei. Default: the QR's fixed amount, or the lower bound of a Controlled range. */
  readonly amount?: number
  /** Default `"TEST QR PAYMENT"`. */
  readonly payerName?: string
  /** Default the official sandbox test IBAN `MD88AG000000011621810140`. */
  readonly iban?: string
}

/**
 * Where to listen. Loopback by default: the sandbox is a test double, not a public service.
 *
 * @example
 * const server = await sandbox.listen({ port: 0 }) // a free port
 */
export interface SandboxListenOptions {
  /** Default 0: the system picks a free port. */
  readonly port?: number
  /** Default `127.0.0.1`. */
  readonly host?: string
}

/**
 * A running HTTP server for a sandbox.
 *
 * @example
 * const { url, close } = await sandbox.listen()
 * const client = createMiaQrClient({ baseUrl: url, ...sandbox.credentials })
 * await close()
 */
export interface SandboxServer {
  /** `http://127.0.0.1:<port>`: use it as the client's `baseUrl`. */
  readonly url: string
  readonly port: number
  close(): Promise<void>
}

/**
 * A stateful simulator of maib's MIA QR and RTP (request to pay) APIs. One `handle` function is the whole bank; the msw
 * `handlers`, the server of `listen()` and the CLI are thin adapters over it.
 *
 * @example
 * import { createMiaSandbox } from "@mia-sdk/sandbox"
 * import { createMiaQrClient } from "@mia-sdk/core"
 *
 * const sandbox = createMiaSandbox({ callbackRetryDelays: [5, 10, 20] })
 * const { url } = await sandbox.listen()
 * const client = createMiaQrClient({ baseUrl: url, ...sandbox.credentials })
 * // ... create a QR with the client, then:
 * await sandbox.pay({ qrId })
 * await sandbox.close()
 */
export interface MiaSandbox {
  /** The bank: a Fetch API request in, a response out. Never throws. */
  readonly handle: (request: Request) => Promise<Response>
  /** msw request handlers for `baseUrl`: `setupServer(...sandbox.handlers)`. */
  readonly handlers: ReadonlyArray<HttpHandler>
  /** The origin the msw handlers answer for. */
  readonly baseUrl: string
  readonly clock: SandboxClock
  readonly credentials: SandboxCredentials
  readonly state: SandboxState
  readonly faults: FaultControls
  readonly deliveries: DeliveryLog
  /** The MiaPos terminal simulator answering `/pos/` paths: its state, OTP inbox and `pay`. */
  readonly pos: PosSandbox
  /** Request to pay: its requests and the payer's phone (inbox, accept, reject). */
  readonly rtp: RtpSandbox
  /**
   * Simulates a payer paying a QR (the same as `POST /v2/mia/test-pay`, callback included).
   *
   * @throws {@link SandboxPaymentError} when the bank would refuse the payment.
   */
  pay(input: SandboxPayInput): Promise<SandboxTestPayResult>
  /** Starts an HTTP server on 127.0.0.1 that serves this sandbox. */
  listen(options?: SandboxListenOptions): Promise<SandboxServer>
  /** Forgets every QR, payment, refund, request to pay, token and delivery. Fault rules stay. */
  reset(): void
  /** Stops callback re-sends and closes every server started by `listen()`. */
  close(): Promise<void>
  /** `close()`, for `await using sandbox = createMiaSandbox()`. */
  [Symbol.asyncDispose](): Promise<void>
}

/**
 * Thrown by `sandbox.pay()` when the bank refuses the payment; carries the API's errors.
 *
 * @example
 * try {
 *   await sandbox.pay({ qrId })
 * } catch (error) {
 *   if (error instanceof SandboxPaymentError) console.log(error.errors[0]?.errorCode) // "14019"
 * }
 */
export class SandboxPaymentError extends Error {
  override readonly name = "SandboxPaymentError"

  constructor(
    readonly errors: ReadonlyArray<{
      readonly errorCode: string
      readonly errorMessage: string
      readonly errorArgs: Readonly<Record<string, string>> | null
    }>
  ) {
    super(
      `The sandbox refused the payment: ${errors.map((error) => `${error.errorCode} ${error.errorMessage}`).join("; ")}`
    )
  }
}

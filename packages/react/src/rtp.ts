/**
 * `@mia-sdk/react/rtp`: "pay by phone number" (MIA request to pay) for storefronts. A separate
 * entry, so shops that only show QR codes don't ship it.
 *
 * @example
 * import { useRtpPayment } from "@mia-sdk/react/rtp"
 */
export type { UseRtpPaymentResult } from "./react/use-rtp-payment.js"
export { useRtpPayment } from "./react/use-rtp-payment.js"
export type { RtpPhase, RtpSnapshot, RtpStore, RtpStoreOptions } from "./store/rtp-store.js"
export { createRtpStore } from "./store/rtp-store.js"

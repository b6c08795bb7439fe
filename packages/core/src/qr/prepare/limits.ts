/** Request-side limits the bank documents. */
export const LIMITS = {
  description: 500,
  orderId: 100,
  url: 1000,
  terminalId: 100,
  reason: 500,
  referenceId: 15,
  payerName: 200,
  payerIban: 200,
  iban: 100,
  pageSize: 1000
} as const

/** `expiresAt` must lie 1 minute to 60 days ahead. */
export const EXPIRY_WINDOW = {
  minAheadMs: 60_000,
  maxAheadMs: 60 * 24 * 60 * 60_000,
  hint: "must be at least 1 minute and at most 60 days from now"
} as const

/**
 * 128 random bits as hex, for a refund's `Idempotency-Key`; `crypto.randomUUID` needs HTTPS,
 * which a LAN address doesn't have.
 * @example
 * headers: { "Idempotency-Key": newIdempotencyKey() }
 */
export const newIdempotencyKey = () =>
  Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) => byte.toString(16).padStart(2, "0")).join(
    ""
  )

const randomBytes = (length: number): Uint8Array => crypto.getRandomValues(new Uint8Array(length))

/** A random v4 UUID (activation, QR and extension ids). */
export const randomUuid = (): string => crypto.randomUUID()

/** An opaque bearer or refresh token: 32 random bytes, base64url. */
export const randomToken = (prefix: string): string => {
  const text = btoa(String.fromCharCode(...randomBytes(32)))
  return `${prefix}_${text.replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "")}`
}

/** `count` random decimal digits (OTP codes, approval codes). */
export const randomDigits = (count: number): string => {
  // 250 is the largest multiple of 10 under 256: rejecting bytes above it keeps digits uniform.
  let digits = ""
  while (digits.length < count) {
    for (const byte of randomBytes(count)) {
      if (byte < 250 && digits.length < count) digits += String(byte % 10)
    }
  }
  return digits
}

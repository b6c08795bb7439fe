import type { SandboxRtpOptions } from "../../rtp-options.js"

/** The RTP switches with every default filled in. */
export type ResolvedRtpSettings = Required<Omit<SandboxRtpOptions, "activeAfterMs" | "aliasesWithoutMia">> & {
  readonly activeAfterMs: number | undefined
  readonly aliasesWithoutMia: ReadonlySet<string>
}

const oneOf = <A extends string>(
  name: string,
  value: A | undefined,
  values: ReadonlyArray<A>,
  fallback: A
): A => {
  if (value === undefined) return fallback
  if (!values.includes(value))
    throw new TypeError(`rtp.${name} must be one of ${values.join(", ")}, got ${value}.`)
  return value
}

/**
 * Fills in the defaults and rejects switches that can't work, naming the one to fix.
 *
 * @throws RangeError or TypeError for an invalid switch.
 */
export const resolveRtpSettings = (
  options: SandboxRtpOptions,
  sandboxCommissionRate: number
): ResolvedRtpSettings => {
  const commissionRate = options.commissionRate ?? sandboxCommissionRate
  if (!(commissionRate >= 0 && commissionRate < 1))
    throw new RangeError("rtp.commissionRate must be in [0, 1).")
  const { activeAfterMs } = options
  if (activeAfterMs !== undefined && !(Number.isFinite(activeAfterMs) && activeAfterMs >= 0)) {
    throw new RangeError("rtp.activeAfterMs must be milliseconds >= 0.")
  }
  const aliases = options.aliasesWithoutMia ?? []
  for (const alias of aliases) {
    if (!/^373\d{8}$/.test(alias)) {
      throw new TypeError(`rtp.aliasesWithoutMia takes phone numbers such as 37369112221, got ${alias}.`)
    }
  }
  return {
    refundAnswer: oneOf("refundAnswer", options.refundAnswer, ["refundId", "payId"], "refundId"),
    refundSetsStatus: options.refundSetsStatus ?? false,
    statusIncludesPayId: options.statusIncludesPayId ?? false,
    testStatusField: oneOf(
      "testStatusField",
      options.testStatusField,
      ["status", "rtpStatus", "both"],
      "both"
    ),
    testAcceptSignature: oneOf(
      "testAcceptSignature",
      options.testAcceptSignature,
      ["signature", "signatureKey", "none"],
      "signature"
    ),
    testRejectAnswer: oneOf("testRejectAnswer", options.testRejectAnswer, ["short", "full"], "short"),
    activeAfterMs,
    expiredRequests: oneOf("expiredRequests", options.expiredRequests, ["status", "not-found"], "status"),
    acceptAmount: oneOf("acceptAmount", options.acceptAmount, ["exact", "any"], "exact"),
    severalPendingPerAlias: options.severalPendingPerAlias ?? true,
    aliasesWithoutMia: new Set(aliases),
    sortingErrorCode: oneOf("sortingErrorCode", options.sortingErrorCode, ["22002", "12003"], "22002"),
    commissionRate
  }
}

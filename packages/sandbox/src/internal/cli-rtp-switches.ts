import type { SandboxRtpOptions } from "../rtp-options.js"

type Parser = (text: string) => unknown

const oneOf =
  (...allowed: ReadonlyArray<string>): Parser =>
  (text) =>
    allowed.includes(text) ? text : new Error(`one of ${allowed.join(", ")}`)
const yesNo: Parser = (text) =>
  text === "true" ? true : text === "false" ? false : new Error("true or false")
const number: Parser = (text) =>
  /^\d+(\.\d+)?$/.test(text) ? Number(text) : new Error("a number such as 0 or 0.01")
const aliases: Parser = (text) =>
  text.split(",").every((alias) => /^373\d{8}$/.test(alias))
    ? text.split(",")
    : new Error("numbers as 373 + 8 digits, separated by commas")

/** Every RTP switch of {@link SandboxRtpOptions}, with the values the CLI accepts for it. */
const SWITCHES: Readonly<Record<keyof SandboxRtpOptions, Parser>> = {
  refundAnswer: oneOf("refundId", "payId"),
  refundSetsStatus: yesNo,
  statusIncludesPayId: yesNo,
  testStatusField: oneOf("status", "rtpStatus", "both"),
  testAcceptSignature: oneOf("signature", "signatureKey", "none"),
  testRejectAnswer: oneOf("short", "full"),
  activeAfterMs: number,
  expiredRequests: oneOf("status", "not-found"),
  acceptAmount: oneOf("exact", "any"),
  severalPendingPerAlias: yesNo,
  aliasesWithoutMia: aliases,
  sortingErrorCode: oneOf("22002", "12003"),
  commissionRate: number
}

/** The switch names, for `--help`. */
export const RTP_SWITCH_NAMES: ReadonlyArray<string> = Object.keys(SWITCHES)

/**
 * Reads repeated `--rtp name=value` flags into RTP options, or the message naming what to fix.
 * `--rtp refundAnswer=payId --rtp statusIncludesPayId=true`
 */
export const parseRtpSwitches = (flags: ReadonlyArray<string>): SandboxRtpOptions | string => {
  const options: Record<string, unknown> = {}
  for (const flag of flags) {
    const [name = "", ...rest] = flag.split("=")
    const parse = (SWITCHES as Readonly<Record<string, Parser>>)[name]
    if (parse === undefined || rest.length === 0) {
      return `--rtp takes name=value with a name among ${RTP_SWITCH_NAMES.join(", ")}; got "${flag}"`
    }
    const value = parse(rest.join("="))
    if (value instanceof Error) return `--rtp ${name} must be ${value.message}; got "${rest.join("=")}"`
    options[name] = value
  }
  return options as SandboxRtpOptions
}

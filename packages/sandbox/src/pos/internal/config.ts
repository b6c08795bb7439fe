import { createSandboxClock, type SandboxClock } from "../../clock.js"
import {
  POS_SANDBOX_DEFAULTS,
  type PosBankInfo,
  type PosQrSettings,
  type PosSandboxOptions,
  type PosSellerConfig,
  type PosTerminalConfig
} from "../options.js"
import { randomDigits } from "./random-ids.js"

export interface ResolvedTerminal {
  readonly terminalId: string
  readonly merchantIdno: string
  readonly merchantId: number
  readonly merchantName: string
  readonly storeName: string
  readonly storeAddress: string
  readonly phoneNumber: string
  readonly posId: number
  readonly mcc: string
  readonly settings: PosQrSettings
}

export interface ResolvedSeller {
  readonly id: number
  readonly username: string
  readonly password: string
  readonly fullName: string
  readonly terminalIds: ReadonlyArray<string> | undefined
}

/** Options with every default applied and checked once, at start-up. */
export interface PosConfig {
  readonly clock: SandboxClock
  readonly terminals: ReadonlyArray<ResolvedTerminal>
  readonly sellers: ReadonlyArray<ResolvedSeller>
  readonly accessTokenLifetimeMs: number
  readonly refreshTokenLifetimeMs: number
  readonly otp: {
    readonly attempts: number
    readonly resends: number
    readonly resendWaitMs: number
    readonly ttlMs: number
    readonly lockMs: number
    readonly generateCode: () => string
  }
  readonly transactionPageSize: number
  readonly timeZone: string
  readonly qrTextPrefix: string
  readonly bank: Required<PosBankInfo>
  readonly extensionInfoKey: "extensionIfo" | "extensionInfo"
  readonly mccKey: string
}

const positiveInteger = (name: string, value: number): number => {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`PosSandboxOptions.${name} must be a non-negative integer, got ${String(value)}.`)
  }
  return value
}

const checkedCodes = (generate: (() => string) | undefined): (() => string) => {
  if (generate === undefined) return () => randomDigits(6)
  return () => {
    const code = generate()
    if (typeof code !== "string" || !/^\d{6}$/.test(code)) {
      throw new RangeError("PosSandboxOptions.otp.generateCode must return a string of 6 digits.")
    }
    return code
  }
}

const resolveTerminal = (
  terminal: PosTerminalConfig,
  index: number,
  prohibitSettingsChange: boolean | undefined
): ResolvedTerminal => {
  if (typeof terminal.terminalId !== "string" || terminal.terminalId.length === 0) {
    throw new TypeError(`PosSandboxOptions.terminals[${index}].terminalId must be a non-empty string.`)
  }
  if (typeof terminal.merchantIdno !== "string" || terminal.merchantIdno.length === 0) {
    throw new TypeError(`PosSandboxOptions.terminals[${index}].merchantIdno must be a non-empty string.`)
  }
  const base = POS_SANDBOX_DEFAULTS.terminals[0]
  const settings: PosQrSettings = {
    ...POS_SANDBOX_DEFAULTS.settings,
    ...(prohibitSettingsChange === undefined ? {} : { prohibitSettingsChange }),
    ...terminal.settings
  }
  if (!Number.isSafeInteger(settings.qrTtl) || settings.qrTtl < 30) {
    throw new RangeError(`PosSandboxOptions.terminals[${index}].settings.qrTtl must be an integer >= 30.`)
  }
  return {
    terminalId: terminal.terminalId,
    merchantIdno: terminal.merchantIdno,
    merchantId: terminal.merchantId ?? base.merchantId,
    merchantName: terminal.merchantName ?? base.merchantName,
    storeName: terminal.storeName ?? base.storeName,
    storeAddress: terminal.storeAddress ?? base.storeAddress,
    phoneNumber: terminal.phoneNumber ?? `+3736900${String(index + 1).padStart(4, "0")}`,
    posId: terminal.posId ?? index + 1,
    mcc: terminal.mcc ?? base.mcc,
    settings
  }
}

const resolveSeller = (seller: PosSellerConfig, index: number): ResolvedSeller => {
  if (typeof seller.username !== "string" || seller.username.length === 0) {
    throw new TypeError(`PosSandboxOptions.sellers[${index}].username must be a non-empty string.`)
  }
  if (typeof seller.password !== "string") {
    throw new TypeError(`PosSandboxOptions.sellers[${index}].password must be a string.`)
  }
  return {
    id: seller.id ?? index + 1,
    username: seller.username,
    password: seller.password,
    fullName: seller.fullName ?? seller.username,
    terminalIds: seller.terminalIds
  }
}

const unique = (what: string, values: ReadonlyArray<string>): void => {
  const seen = new Set<string>()
  for (const value of values) {
    if (seen.has(value)) throw new RangeError(`PosSandboxOptions: ${what} "${value}" is configured twice.`)
    seen.add(value)
  }
}

/** Applies defaults and rejects a configuration the simulator could not honour. */
export const resolvePosConfig = (options: PosSandboxOptions = {}): PosConfig => {
  const defaults = POS_SANDBOX_DEFAULTS
  const terminals = (options.terminals ?? defaults.terminals).map((terminal, index) =>
    resolveTerminal(terminal, index, options.prohibitSettingsChange)
  )
  const sellers = (options.sellers ?? defaults.sellers).map(resolveSeller)
  unique(
    "terminalId",
    terminals.map((terminal) => terminal.terminalId)
  )
  unique(
    "seller username",
    sellers.map((seller) => seller.username)
  )
  const otp = { ...defaults.otp, ...options.otp }
  const pageSize = positiveInteger(
    "transactionPageSize",
    options.transactionPageSize ?? defaults.transactionPageSize
  )
  if (pageSize === 0) throw new RangeError("PosSandboxOptions.transactionPageSize must be at least 1.")
  if (positiveInteger("otp.attempts", otp.attempts) === 0) {
    throw new RangeError("PosSandboxOptions.otp.attempts must be at least 1.")
  }
  const timeZone = options.timeZone ?? defaults.timeZone
  try {
    new Intl.DateTimeFormat("en-US", { timeZone })
  } catch {
    throw new RangeError(
      `PosSandboxOptions.timeZone "${timeZone}" is not an IANA time zone (e.g. "Europe/Chisinau").`
    )
  }
  return {
    clock: options.clock ?? createSandboxClock(),
    terminals,
    sellers,
    accessTokenLifetimeMs:
      positiveInteger(
        "accessTokenLifetimeSeconds",
        options.accessTokenLifetimeSeconds ?? defaults.accessTokenLifetimeSeconds
      ) * 1000,
    refreshTokenLifetimeMs:
      positiveInteger(
        "refreshTokenLifetimeSeconds",
        options.refreshTokenLifetimeSeconds ?? defaults.refreshTokenLifetimeSeconds
      ) * 1000,
    otp: {
      attempts: otp.attempts,
      resends: positiveInteger("otp.resends", otp.resends),
      resendWaitMs: positiveInteger("otp.resendWaitSeconds", otp.resendWaitSeconds) * 1000,
      ttlMs: positiveInteger("otp.ttlSeconds", otp.ttlSeconds) * 1000,
      lockMs: positiveInteger("otp.lockSeconds", otp.lockSeconds) * 1000,
      generateCode: checkedCodes(options.otp?.generateCode)
    },
    transactionPageSize: pageSize,
    timeZone,
    qrTextPrefix: options.qrTextPrefix ?? defaults.qrTextPrefix,
    bank: { ...defaults.bank, ...options.bank },
    extensionInfoKey: options.quirks?.extensionInfoKey ?? "extensionIfo",
    mccKey: options.quirks?.mccKey ?? "m\u0441\u0441"
  }
}

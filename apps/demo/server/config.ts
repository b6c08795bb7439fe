import { dirname, join, resolve } from "node:path"
import { fileURLToPath } from "node:url"
import type { BankMode } from "../shared/types.js"

const appRoot = join(dirname(fileURLToPath(import.meta.url)), "..")

/**
 * The data folder `pnpm demo` keeps orders in (gitignored; delete it or `pnpm demo:reset`).
 * @example
 * await rm(DEFAULT_DATA_DIR, { recursive: true, force: true })
 */
export const DEFAULT_DATA_DIR = join(appRoot, "data")

/**
 * Where `vite build` writes the storefront.
 * @example
 * createDemoApp({ ...parts, staticDir: DEFAULT_STATIC_DIR })
 */
export const DEFAULT_STATIC_DIR = join(appRoot, "dist")

/**
 * The demo's settings, read from the environment by {@link readDemoConfig}.
 * @example
 * const config = readDemoConfig(process.env)
 * if (config.bank === "embedded") console.log("no real money moves")
 */
export interface DemoConfig {
  readonly host: string
  readonly port: number
  readonly dataDir: string
  /** PostgreSQL instead of the embedded PGlite. */
  readonly databaseUrl?: string | undefined
  /** `embedded` unless MIA_CLIENT_ID is set; then the maib sandbox (never production). */
  readonly bank: BankMode
  /** The public HTTPS address of this server, for the bank's callbacks (a real bank can't reach 127.0.0.1). */
  readonly publicUrl?: string | undefined
  /** Background reconciliation of pending orders, in ms (0 turns it off). */
  readonly reconcileEveryMs: number
  /**
   * The secret the admin API, refunds and the till ask for (`x-demo-admin-token`): required, and
   * only used, when the bank is not the embedded one.
   */
  readonly adminToken?: string | undefined
}

/**
 * maib's production host (core's `MIA_BASE_URLS.production`; a test keeps the two in sync). Kept
 * here rather than imported so `pnpm demo:reset` runs without building core.
 * @example
 * new URL(env.MIA_BASE_URL).hostname === MAIB_PRODUCTION_HOST
 */
export const MAIB_PRODUCTION_HOST = "api.maibmerchants.md"

/** The shortest admin token accepted: anything shorter can be guessed by whoever reaches the server. */
const MIN_ADMIN_TOKEN_LENGTH = 16

const HOW_TO_SET_TOKEN =
  "set DEMO_ADMIN_TOKEN to a long random secret, e.g. `DEMO_ADMIN_TOKEN=$(openssl rand -hex 24)`, " +
  "and type it on the admin page"

const invalid = (name: string, fix: string): never => {
  throw new Error(`${name} is not valid: ${fix}`)
}

const refuseProduction = (why: string): never => {
  throw new Error(
    `${why}: the demo never moves real money (it has no accounts, only a shared admin token, and its admin page refunds). ` +
      "Use the embedded sandbox (no MIA_* variables) or the maib sandbox (MIA_ENV=sandbox, the default); " +
      "for production, build your own server with @mia-sdk/express."
  )
}

/** The host of MIA_BASE_URL, lower-case and without a trailing dot, or `undefined` if it has none. */
const hostOf = (url: string): string | undefined => {
  try {
    return new URL(url).hostname.toLowerCase().replace(/\.+$/, "")
  } catch {
    return undefined
  }
}

/**
 * Checks a complete configuration, however it was assembled (environment or `startDemo` options):
 * with a real bank the admin token must be there and long enough.
 * @example
 * assertDemoConfig({ ...readDemoConfig(process.env), port: 0 })
 */
export const assertDemoConfig = (config: DemoConfig): DemoConfig => {
  if (config.bank === "embedded") return config
  const token = config.adminToken ?? ""
  if (token === "") {
    throw new Error(
      `DEMO_ADMIN_TOKEN is required with a real bank (MIA_CLIENT_ID is set): the admin page, refunds and the till are guarded by it. To run, ${HOW_TO_SET_TOKEN}.`
    )
  }
  if (token.length < MIN_ADMIN_TOKEN_LENGTH) {
    invalid(
      "DEMO_ADMIN_TOKEN",
      `it has ${token.length} characters, at least ${MIN_ADMIN_TOKEN_LENGTH} are needed: ${HOW_TO_SET_TOKEN}.`
    )
  }
  return config
}

/**
 * The data folder the environment names (`MIA_DEMO_DATA_DIR`, default {@link DEFAULT_DATA_DIR}),
 * without checking the other settings: `pnpm demo:reset` must work whatever they say.
 * @example
 * await rm(dataDirOf(process.env), { recursive: true, force: true })
 */
export const dataDirOf = (env: Readonly<Record<string, string | undefined>>): string =>
  resolve(env.MIA_DEMO_DATA_DIR || DEFAULT_DATA_DIR)

/**
 * Reads the demo's settings. Without any variable it runs offline: the embedded sandbox bank,
 * PGlite in `apps/demo/data`, http://127.0.0.1:3000.
 *
 * | variable | meaning |
 * | --- | --- |
 * | `PORT`, `HOST` | where the merchant server listens (default 3000 on 127.0.0.1) |
 * | `MIA_DEMO_DATA_DIR` | the data folder (default `apps/demo/data`) |
 * | `DATABASE_URL` | PostgreSQL instead of PGlite |
 * | `MIA_CLIENT_ID`, `MIA_CLIENT_SECRET`, `MIA_SIGNATURE_KEY`, `MIA_BASE_URL` | a real maib MIA QR project, sandbox only (the variables of core's `layerConfig`) |
 * | `MIA_ENV` | `sandbox` or unset; `production` is refused, and so is a MIA_BASE_URL on maib's production host |
 * | `DEMO_ADMIN_TOKEN` | with a real bank, required: the secret of the admin API, refunds and the till |
 * | `MIA_PUBLIC_URL` | this server's public HTTPS address, for the bank's callbacks |
 * | `MIA_DEMO_RECONCILE_MS` | how often pending orders are checked with the bank (default 30000, 0 = never) |
 *
 * Throws, naming the variable and the fix, on a value it can't use.
 *
 * @example
 * const config = readDemoConfig({ PORT: "8080", DATABASE_URL: "postgres://localhost/shop" })
 */
export const readDemoConfig = (env: Readonly<Record<string, string | undefined>>): DemoConfig => {
  const port = env.PORT === undefined || env.PORT === "" ? 3000 : Number(env.PORT)
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    invalid("PORT", `expected 0-65535, got ${JSON.stringify(env.PORT)}.`)
  const reconcileEveryMs =
    env.MIA_DEMO_RECONCILE_MS === undefined || env.MIA_DEMO_RECONCILE_MS === ""
      ? 30_000
      : Number(env.MIA_DEMO_RECONCILE_MS)
  if (!Number.isInteger(reconcileEveryMs) || reconcileEveryMs < 0) {
    invalid(
      "MIA_DEMO_RECONCILE_MS",
      `expected milliseconds >= 0, got ${JSON.stringify(env.MIA_DEMO_RECONCILE_MS)}.`
    )
  }
  const environment = env.MIA_ENV || "sandbox"
  if (environment.trim().toLowerCase() === "production") refuseProduction("MIA_ENV=production is refused")
  if (environment !== "sandbox") invalid("MIA_ENV", `expected "sandbox", got ${JSON.stringify(env.MIA_ENV)}.`)
  if (env.MIA_BASE_URL && hostOf(env.MIA_BASE_URL) === MAIB_PRODUCTION_HOST) {
    refuseProduction(`MIA_BASE_URL=${env.MIA_BASE_URL} is maib's production host and is refused`)
  }
  const real = env.MIA_CLIENT_ID !== undefined && env.MIA_CLIENT_ID !== ""
  const publicUrl = env.MIA_PUBLIC_URL?.replace(/\/+$/, "") || undefined
  if (publicUrl !== undefined && !/^https?:\/\//.test(publicUrl)) {
    invalid(
      "MIA_PUBLIC_URL",
      `expected an absolute URL such as https://shop.example.md, got ${JSON.stringify(publicUrl)}.`
    )
  }
  const bank: BankMode = real ? "maib-sandbox" : "embedded"
  return assertDemoConfig({
    host: env.HOST || "127.0.0.1",
    port,
    dataDir: dataDirOf(env),
    databaseUrl: env.DATABASE_URL || undefined,
    bank,
    publicUrl,
    reconcileEveryMs,
    // The embedded bank moves no money and stays on this machine: no token to type there.
    adminToken: bank === "embedded" ? undefined : env.DEMO_ADMIN_TOKEN || undefined
  })
}

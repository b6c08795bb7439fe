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
  /** `embedded` unless MIA_CLIENT_ID is set; then MIA_ENV picks the maib host. */
  readonly bank: BankMode
  /** The public HTTPS address of this server, for the bank's callbacks (a real bank can't reach 127.0.0.1). */
  readonly publicUrl?: string | undefined
  /** Background reconciliation of pending orders, in ms (0 turns it off). */
  readonly reconcileEveryMs: number
}

const invalid = (name: string, fix: string): never => {
  throw new Error(`${name} is not valid: ${fix}`)
}

/**
 * Reads the demo's settings. Without any variable it runs offline: the embedded sandbox bank,
 * PGlite in `apps/demo/data`, http://127.0.0.1:3000.
 *
 * | variable | meaning |
 * | --- | --- |
 * | `PORT`, `HOST` | where the merchant server listens (default 3000 on 127.0.0.1) |
 * | `MIA_DEMO_DATA_DIR` | the data folder (default `apps/demo/data`) |
 * | `DATABASE_URL` | PostgreSQL instead of PGlite |
 * | `MIA_CLIENT_ID`, `MIA_CLIENT_SECRET`, `MIA_SIGNATURE_KEY`, `MIA_ENV`, `MIA_BASE_URL` | a real maib MIA QR project (the variables of core's `layerConfig`) |
 * | `MIA_PUBLIC_URL` | this server's public HTTPS address, for the bank's callbacks |
 * | `MIA_DEMO_RECONCILE_MS` | how often pending orders are checked with the bank (default 30000, 0 = never) |
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
  if (environment !== "sandbox" && environment !== "production") {
    invalid("MIA_ENV", `expected "sandbox" or "production", got ${JSON.stringify(env.MIA_ENV)}.`)
  }
  const real = env.MIA_CLIENT_ID !== undefined && env.MIA_CLIENT_ID !== ""
  const publicUrl = env.MIA_PUBLIC_URL?.replace(/\/+$/, "") || undefined
  if (publicUrl !== undefined && !/^https?:\/\//.test(publicUrl)) {
    invalid(
      "MIA_PUBLIC_URL",
      `expected an absolute URL such as https://shop.example.md, got ${JSON.stringify(publicUrl)}.`
    )
  }
  return {
    host: env.HOST || "127.0.0.1",
    port,
    dataDir: resolve(env.MIA_DEMO_DATA_DIR || DEFAULT_DATA_DIR),
    databaseUrl: env.DATABASE_URL || undefined,
    bank: real ? (environment === "production" ? "maib-production" : "maib-sandbox") : "embedded",
    publicUrl,
    reconcileEveryMs
  }
}

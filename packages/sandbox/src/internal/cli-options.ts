import { parseArgs } from "node:util"
import type { MiaSandboxOptions } from "../options.js"
import { parseRtpSwitches } from "./cli-rtp-switches.js"
import { CLI_USAGE } from "./cli-usage.js"

export { CLI_USAGE }

/** What `mia-sandbox` was asked to do. */
export type CliCommand =
  | { readonly kind: "help"; readonly text: string }
  | { readonly kind: "error"; readonly message: string; readonly text: string }
  | {
      readonly kind: "serve"
      readonly port: number
      readonly host: string
      readonly options: MiaSandboxOptions
    }

const wholeNumber = (
  name: string,
  text: string | undefined,
  minimum: number
): number | string | undefined => {
  if (text === undefined) return undefined
  if (!/^\d+$/.test(text.trim()) || Number(text) < minimum)
    return `${name} must be a whole number >= ${minimum}, got "${text}"`
  return Number(text)
}

/**
 * Reads flags and environment variables. Never throws: a bad value is an `error` command whose
 * message names the flag to fix.
 */
export const parseCliCommand = (
  argv: ReadonlyArray<string>,
  env: Readonly<Record<string, string | undefined>>
): CliCommand => {
  let values: Record<string, string | boolean | ReadonlyArray<string> | undefined>
  try {
    values = parseArgs({
      // `pnpm sandbox -- --port 0` hands the script a leading `--`; it separates nothing here.
      args: argv[0] === "--" ? argv.slice(1) : [...argv],
      options: {
        port: { type: "string", short: "p" },
        host: { type: "string" },
        "client-id": { type: "string" },
        "client-secret": { type: "string" },
        "signature-key": { type: "string" },
        "token-expires-in": { type: "string" },
        "callback-retry-delays": { type: "string" },
        "forward-callbacks-to": { type: "string" },
        seed: { type: "string" },
        "no-firewall": { type: "boolean" },
        "no-control": { type: "boolean" },
        rtp: { type: "string", multiple: true },
        help: { type: "boolean", short: "h" }
      },
      strict: true,
      allowPositionals: false
    }).values
  } catch (error) {
    return { kind: "error", message: error instanceof Error ? error.message : String(error), text: CLI_USAGE }
  }
  if (values.help === true) return { kind: "help", text: CLI_USAGE }
  const flag = (name: string, variable: string): string | undefined => {
    const value = values[name]
    return typeof value === "string" ? value : env[variable] || undefined
  }
  const port = wholeNumber("--port", flag("port", "MIA_SANDBOX_PORT"), 0)
  const tokenExpiresIn = wholeNumber(
    "--token-expires-in",
    flag("token-expires-in", "MIA_SANDBOX_TOKEN_EXPIRES_IN"),
    1
  )
  const seed = wholeNumber("--seed", flag("seed", "MIA_SANDBOX_SEED"), 0)
  const delaysText = flag("callback-retry-delays", "MIA_SANDBOX_CALLBACK_RETRY_DELAYS")
  const delays = delaysText?.split(",").map((part) => wholeNumber("--callback-retry-delays", part, 0))
  const problems = [port, tokenExpiresIn, seed, ...(delays ?? [])].filter(
    (value) => typeof value === "string"
  )
  if (typeof port === "number" && port > 65_535) problems.push(`--port must be at most 65535, got ${port}`)
  if (problems.length > 0) return { kind: "error", message: problems.join("\n"), text: CLI_USAGE }
  const rtp = parseRtpSwitches(Array.isArray(values.rtp) ? values.rtp : [])
  if (typeof rtp === "string") return { kind: "error", message: rtp, text: CLI_USAGE }
  const clientId = flag("client-id", "MIA_SANDBOX_CLIENT_ID")
  const clientSecret = flag("client-secret", "MIA_SANDBOX_CLIENT_SECRET")
  const signatureKey = flag("signature-key", "MIA_SANDBOX_SIGNATURE_KEY")
  const forwardCallbacksTo = flag("forward-callbacks-to", "MIA_SANDBOX_FORWARD_CALLBACKS_TO")
  if (forwardCallbacksTo !== undefined && !URL.canParse(forwardCallbacksTo)) {
    return {
      kind: "error",
      message: `--forward-callbacks-to must be an absolute URL, got "${forwardCallbacksTo}"`,
      text: CLI_USAGE
    }
  }
  return {
    kind: "serve",
    port: typeof port === "number" ? port : 4010,
    host: flag("host", "MIA_SANDBOX_HOST") ?? "127.0.0.1",
    options: {
      ...(clientId === undefined ? {} : { clientId }),
      ...(clientSecret === undefined ? {} : { clientSecret }),
      ...(signatureKey === undefined ? {} : { signatureKey }),
      ...(typeof tokenExpiresIn === "number" ? { tokenExpiresIn } : {}),
      ...(typeof seed === "number" ? { seed } : {}),
      ...(forwardCallbacksTo === undefined ? {} : { forwardCallbacksTo }),
      ...(delays === undefined
        ? {}
        : { callbackRetryDelays: delays.filter((delay) => typeof delay === "number") }),
      ...(values["no-firewall"] === true ? { quirks: { firewall: false } } : {}),
      ...(values["no-control"] === true ? { controlEndpoints: false } : {}),
      ...(Object.keys(rtp).length === 0 ? {} : { rtp })
    }
  }
}

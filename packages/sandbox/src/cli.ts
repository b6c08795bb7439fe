import { createMiaSandbox } from "./create-mia-sandbox.js"
import { parseCliCommand } from "./internal/cli-options.js"
import { POS_SANDBOX_DEFAULTS } from "./pos/index.js"

/** How to reach the MiaPos terminal simulator the same server answers under `/pos/`. */
const posBanner = (url: string): string[] => {
  const [terminal] = POS_SANDBOX_DEFAULTS.terminals
  const [seller] = POS_SANDBOX_DEFAULTS.sellers
  return [
    `MiaPos terminal API on ${url}/pos/api/...`,
    `  terminalId    ${terminal.terminalId} (merchantIdno ${terminal.merchantIdno})`,
    `  seller        ${seller.username} / ${seller.password}`,
    `  OTP inbox     ${url}/pos/api/sandbox/otp-inbox`,
    `  routes        ${url}/pos/api/sandbox/routes`
  ]
}

/**
 * `mia-sandbox`: starts the sandbox bank on a loopback port and prints where it is and how to log
 * in. The credentials printed are the sandbox's own test credentials, never real ones.
 */
const main = async (): Promise<void> => {
  const command = parseCliCommand(process.argv.slice(2), process.env)
  if (command.kind === "help") {
    console.log(command.text)
    return
  }
  if (command.kind === "error") {
    console.error(`mia-sandbox: ${command.message}\n\n${command.text}`)
    process.exitCode = 2
    return
  }
  const sandbox = createMiaSandbox(command.options)
  const server = await sandbox.listen({ port: command.port, host: command.host })
  const { clientId, clientSecret, signatureKey } = sandbox.credentials
  console.log(
    [
      `MIA QR sandbox listening on ${server.url}`,
      "",
      `  baseUrl       ${server.url}`,
      `  clientId      ${clientId}`,
      `  clientSecret  ${clientSecret}`,
      `  signatureKey  ${signatureKey}`,
      "",
      `  curl -s -X POST ${server.url}/v2/auth/token -H 'content-type: application/json' \\`,
      `    -d '{"clientId":"${clientId}","clientSecret":"${clientSecret}"}'`,
      "",
      `Request to pay on ${server.url}/v2/rtp (same token)`,
      `  phone inbox   ${server.url}/v2/sandbox/rtp/inbox/{alias}  (e.g. 37369112221)`,
      "",
      ...posBanner(server.url),
      "",
      ...(command.options.controlEndpoints === false
        ? []
        : [
            `Control (no token) ${server.url}/v2/sandbox/clock, /reset, /deliveries, /faults`,
            "  mia-sandbox --help lists them, with curl walkthroughs of both APIs",
            ""
          ]),
      "Press Ctrl+C to stop."
    ].join("\n")
  )
  sandbox.deliveries.subscribe((delivery) => {
    const last = delivery.attempts.at(-1)
    if (!last) return
    const answer = last.status === undefined ? (last.error ?? "no answer") : `HTTP ${last.status}`
    console.log(
      `callback ${delivery.kind} ${delivery.payId} -> ${delivery.url}: ${answer} (attempt ${last.number}, ${delivery.status})`
    )
  })
  const stop = (): void => {
    void sandbox.close().then(() => process.exit(0))
  }
  process.once("SIGINT", stop)
  process.once("SIGTERM", stop)
}

void main().catch((error: unknown) => {
  console.error(`mia-sandbox: ${error instanceof Error ? error.message : String(error)}`)
  process.exitCode = 1
})

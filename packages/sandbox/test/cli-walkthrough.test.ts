import { execFile } from "node:child_process"
import { readFileSync } from "node:fs"
import { promisify } from "node:util"
import { afterEach, describe, expect, it } from "vitest"
import { createMiaSandbox, type MiaSandbox } from "../src/index.js"
import { CLI_USAGE, parseCliCommand } from "../src/internal/cli-options.js"
import { CONTROL_ENDPOINTS_HELP } from "../src/internal/cli-usage.js"
import { WALKTHROUGH_BASE, WALKTHROUGHS } from "../src/internal/cli-walkthroughs.js"
import { type CallbackReceiver, startCallbackReceiver } from "./support/callback-receiver.js"

let sandbox: MiaSandbox | undefined
let receiver: CallbackReceiver | undefined
afterEach(async () => {
  await sandbox?.close()
  await receiver?.close()
  sandbox = undefined
  receiver = undefined
})

/** A sandbox as the CLI starts it, with the walkthroughs' callbacks forwarded to a local receiver. */
const start = async () => {
  receiver = await startCallbackReceiver()
  sandbox = createMiaSandbox({ forwardCallbacksTo: receiver.url })
  const { url } = await sandbox.listen()
  return { sandbox, receiver, url }
}

/** The value at a jq path such as `.result.items[0].payId`. */
const pick = (json: unknown, path: string): unknown =>
  path
    .split(/[.[\]]/)
    .filter((part) => part !== "")
    .reduce<unknown>((value, key) => (value as Record<string, unknown> | undefined)?.[key], json)

const runsOnThisMachine = async (command: string): Promise<boolean> =>
  promisify(execFile)("bash", ["-c", `command -v ${command}`]).then(
    () => true,
    () => false
  )

describe("mia-sandbox --help walkthroughs", () => {
  it("work step by step against the sandbox (replayed from the data the help text is rendered from)", async () => {
    const { sandbox, receiver, url } = await start()
    const variables = new Map<string, string>()
    const fill = (text: string): string =>
      text.replace(/\$([A-Z_]+)/g, (_whole, name: string) => {
        const value = variables.get(name)
        if (value === undefined) throw new Error(`$${name} is used before a step sets it`)
        return value
      })
    for (const walkthrough of WALKTHROUGHS) {
      for (const step of walkthrough.steps) {
        if (step.kind === "variable") {
          variables.set(step.name, step.value())
          continue
        }
        const label = `${walkthrough.title}: ${step.say[0]}`
        const response = await fetch(`${url}${fill(step.path)}`, {
          method: step.method,
          headers: {
            ...Object.fromEntries(
              Object.entries(step.headers ?? {}).map(([name, value]) => [name, fill(value)])
            ),
            ...(step.body === undefined ? {} : { "content-type": "application/json" })
          },
          ...(step.body === undefined ? {} : { body: fill(step.body) })
        })
        const answer = await response.json()
        expect(response.status, label).toBe(200)
        expect(answer.ok ?? true, label).toBe(true)
        // MiaPos answers business outcomes with HTTP 200 and an in-band `result` code.
        if (typeof answer.result === "string") expect(answer.result, label).toBe("success")
        if (step.capture) {
          const value = pick(answer, step.capture.path)
          expect(
            typeof value === "string" || typeof value === "number",
            `${label} -> ${step.capture.path}`
          ).toBe(true)
          variables.set(step.capture.name, String(value))
        }
        if (step.expect) expect(pick(answer, step.expect.path), label).toBe(fill(step.expect.equals))
      }
    }
    expect(sandbox.state.qr(variables.get("QR_ID") ?? "")?.status).toBe("Paid")
    expect(sandbox.rtp.get(variables.get("RTP_ID") ?? "")?.status).toBe("Accepted")
    // Both callbacks reach "your shop" (forwarded here from the walkthrough's callbackUrl).
    await sandbox.deliveries.waitFor({ payId: variables.get("PAY_ID") ?? "", status: "delivered" })
    await sandbox.deliveries.waitFor({ kind: "rtp", status: "delivered" })
    expect(receiver.received.map((callback) => callback.path)).toEqual(["/mia/callback", "/mia/callback"])
  })

  it("run as printed, in bash with curl and jq", { timeout: 60_000 }, async (context) => {
    const tools = await Promise.all(["bash", "curl", "jq"].map(runsOnThisMachine))
    if (tools.includes(false)) context.skip()
    const { sandbox, url } = await start()
    const lines = CLI_USAGE.split("\n")
    const first = lines.findIndex((line) => line.startsWith("Walkthroughs ("))
    const script = lines
      .slice(first + 1)
      .map((line) => line.replace(/^ {2}/, ""))
      .join("\n")
    expect(script).toContain(`BASE=${WALKTHROUGH_BASE}`)
    const { stdout } = await promisify(execFile)(
      "bash",
      [
        "-c",
        [
          "set -euo pipefail",
          script.replace(`BASE=${WALKTHROUGH_BASE}`, `BASE=${url}`),
          'echo "QR_ID=$QR_ID RTP_ID=$RTP_ID POS_QR_ID=$POS_QR_ID"'
        ].join("\n")
      ],
      { timeout: 50_000 }
    )
    const ids = Object.fromEntries(
      [...stdout.matchAll(/(QR_ID|RTP_ID|POS_QR_ID)=(\S+)/g)].map((match) => [match[1], match[2]])
    )
    expect(sandbox.state.qr(ids.QR_ID ?? "")?.status).toBe("Paid")
    expect(sandbox.rtp.get(ids.RTP_ID ?? "")?.status).toBe("Accepted")
    expect(sandbox.pos.state.qrs.get(ids.POS_QR_ID ?? "")?.status).toBe("paid")
    expect(stdout).toContain('"state": "paid"')
  })
})

describe("mia-sandbox --help control endpoints", () => {
  const listed = [...CONTROL_ENDPOINTS_HELP.matchAll(/^ {2}(GET|POST|DELETE) +(\/\S+)/gm)].map(
    ([, method, path]) => [method ?? "", path ?? ""] as const
  )

  it("are in --help, in the README's table, and every one of them is answered", async () => {
    expect(listed.length).toBeGreaterThanOrEqual(13)
    const help = parseCliCommand(["--help"], {})
    expect(help.kind === "help" ? help.text : "").toContain(CONTROL_ENDPOINTS_HELP)
    const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8")
    const { url } = await start()
    for (const [method, path] of listed) {
      expect(readme, `${method} ${path} in the README`).toContain(`| ${method} | \`${path}\``)
      const concrete = path.replace("{id}", "1").replace("{qrId}", crypto.randomUUID())
      const response = await fetch(`${url}${concrete}`, {
        method,
        ...(method === "POST" ? { headers: { "content-type": "application/json" }, body: "{}" } : {})
      })
      const text = await response.text()
      // Known routes may refuse the empty body or an unknown id, but never as an unknown route.
      expect(response.status, `${method} ${path}`).not.toBe(405)
      expect(text, `${method} ${path}`).not.toMatch(/There is no \w+ \S+ endpoint|route_not_found/)
    }
  })

  it("can be turned off with --no-control", () => {
    const command = parseCliCommand(["--no-control"], {})
    expect(command.kind === "serve" ? command.options.controlEndpoints : undefined).toBe(false)
  })
})

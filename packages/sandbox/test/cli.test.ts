import { type ChildProcess, spawn } from "node:child_process"
import { fileURLToPath } from "node:url"
import { afterEach, describe, expect, it } from "vitest"

const packageDir = fileURLToPath(new URL("..", import.meta.url))
let child: ChildProcess | undefined

afterEach(() => {
  child?.kill("SIGTERM")
  child = undefined
})

/** Starts `src/cli.ts` like `pnpm sandbox` does and resolves with its output once it printed its URL. */
const startCli = (args: ReadonlyArray<string>, env: Record<string, string> = {}) =>
  new Promise<{ output: string; url: string }>((resolve, reject) => {
    const started = spawn(
      process.execPath,
      ["--conditions=@mia-sdk/source", "--import", "tsx", "src/cli.ts", ...args],
      {
        cwd: packageDir,
        env: { ...process.env, ...env },
        stdio: ["ignore", "pipe", "pipe"]
      }
    )
    child = started
    let output = ""
    started.stdout?.on("data", (chunk: Buffer) => {
      output += chunk.toString()
      const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1]
      if (url && output.includes("Ctrl+C")) resolve({ output, url })
    })
    started.stderr?.on("data", (chunk: Buffer) => {
      output += chunk.toString()
    })
    started.on("exit", (code) => reject(new Error(`mia-sandbox exited with ${code}: ${output}`)))
  })

// Each test starts a fresh Node process (tsx compiles the CLI first): seconds, not milliseconds,
// on a loaded CI machine.
describe("mia-sandbox", { timeout: 90_000 }, () => {
  it("starts a server on the requested port and prints the URL and credentials", async () => {
    const { output, url } = await startCli(["--port", "0", "--client-id", "cli-id"], {
      MIA_SANDBOX_CLIENT_SECRET: "cli-secret"
    })
    expect(output).toContain("clientId      cli-id")
    expect(output).toContain("clientSecret  cli-secret")
    expect(output).toContain("signatureKey  8508706b-3454-4733-8295-56e617c4abcf")
    const response = await fetch(`${url}/v2/auth/token`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ clientId: "cli-id", clientSecret: "cli-secret" })
    })
    expect(response.status).toBe(200)
    // The control endpoints are on the CLI's server too.
    expect(output).toContain(`Control (no token) ${url}/v2/sandbox/clock`)
    const clock = await fetch(`${url}/v2/sandbox/clock/advance`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ ms: 60_000 })
    })
    expect(clock.status).toBe(200)
    expect((await clock.json()).result.epochMs - Date.now()).toBeGreaterThan(59_000)
  })

  it("exits with status 2 and the usage on a bad flag", async () => {
    const exit = await new Promise<{ code: number | null; output: string }>((resolve) => {
      const started = spawn(
        process.execPath,
        ["--conditions=@mia-sdk/source", "--import", "tsx", "src/cli.ts", "--port", "x"],
        {
          cwd: packageDir,
          stdio: ["ignore", "pipe", "pipe"]
        }
      )
      let output = ""
      started.stderr?.on("data", (chunk: Buffer) => {
        output += chunk.toString()
      })
      started.on("exit", (code) => resolve({ code, output }))
    })
    expect(exit.code).toBe(2)
    expect(exit.output).toContain("--port must be a whole number")
    expect(exit.output).toContain("Usage: mia-sandbox")
  })
})

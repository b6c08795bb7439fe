import { execFileSync } from "node:child_process"
import { existsSync } from "node:fs"
import { mkdtemp, rm } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { lockPathOf } from "../server/demo-lock.js"
import { APP_DIR, demoEnv, pinnedPnpm, spawnProcess, tsArgs } from "./processes.js"

// The demo as a reader runs it: a real process, stopped with Ctrl+C, reset from another terminal.
// Each boot compiles PGlite's WebAssembly, so these take a while on a busy machine.
const FAILURE_BANNER = /ERR_PNPM|ELIFECYCLE|Command failed|Error:|\bERR\b/

let work: string
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), "mia-demo-processes-"))
})
afterAll(async () => {
  await rm(work, { recursive: true, force: true })
})

/** `demo:reset` for a data folder: its exit code and what it said. */
const reset = async (dataDir: string) => {
  const run = spawnProcess(process.execPath, tsArgs("scripts/reset.ts"), { env: demoEnv(dataDir) })
  const { code } = await run.exited
  return { code, output: run.output() }
}

describe("Ctrl+C on the demo run by pnpm, and demo:reset beside it", () => {
  it("refuses to reset while the demo runs, then the demo stops quietly with 0 and the reset works", async () => {
    const dataDir = join(work, "pnpm")
    // pnpm runs the package's `serve` script, as `pnpm demo` runs `start` (minus the Vite build).
    const demo = spawnProcess(pinnedPnpm(), ["--filter", "@mia-sdk/demo", "serve"], {
      env: demoEnv(dataDir),
      group: true
    })
    try {
      const [, url] = await demo.waitFor(/is running:\s+(http:\/\/\S+)/, 90_000)

      const refused = await reset(dataDir)
      expect(refused.code).toBe(1)
      expect(refused.output).toContain(`Nothing was deleted: the demo is running on ${dataDir} (${url}`)
      expect(refused.output).toContain("then run `npx -y pnpm@10.34.9 demo:reset` again")
      expect(existsSync(join(dataDir, "pglite"))).toBe(true)
      // The demo still works after the refused reset.
      expect((await fetch(`${url}/api/demo/info`)).status).toBe(200)

      // Ctrl+C in a terminal signals the whole foreground process group.
      process.kill(-(demo.child.pid as number), "SIGINT")
      expect(await demo.exited).toEqual({ code: 0, signal: null })
      expect(demo.output()).toContain("[demo] stopped")
      expect(demo.output()).not.toMatch(FAILURE_BANNER)
      expect(existsSync(lockPathOf(dataDir))).toBe(false)

      const done = await reset(dataDir)
      expect(done).toMatchObject({ code: 0 })
      expect(done.output).toContain(`Deleted ${dataDir}`)
      expect(existsSync(dataDir)).toBe(false)
    } finally {
      if (demo.child.exitCode === null) process.kill(-(demo.child.pid as number), "SIGKILL")
    }
  }, 180_000)
})

describe("the demo server", () => {
  it("stops on SIGTERM with exit code 0, closing everything", async () => {
    const dataDir = join(work, "sigterm")
    const demo = spawnProcess(process.execPath, tsArgs("server/main.ts"), { env: demoEnv(dataDir) })
    try {
      const [, url] = await demo.waitFor(/is running:\s+(http:\/\/\S+)/, 90_000)
      demo.child.kill("SIGTERM")
      expect(await demo.exited).toEqual({ code: 0, signal: null })
      expect(demo.output()).not.toMatch(FAILURE_BANNER)
      expect(existsSync(lockPathOf(dataDir))).toBe(false)
      await expect(fetch(`${url}/api/demo/info`)).rejects.toThrow()
    } finally {
      demo.child.kill("SIGKILL")
    }
  }, 120_000)

  it("prints only npx commands a reader can paste, never a bare pnpm", async () => {
    const dataDir = join(work, "banner")
    const demo = spawnProcess(process.execPath, tsArgs("server/main.ts"), { env: demoEnv(dataDir) })
    try {
      await demo.waitFor(/demo:reset\n/, 90_000)
      expect(demo.output()).toContain("npx -y pnpm@10.34.9 demo:reset")
      expect(demo.output()).not.toMatch(/(?<!npx -y )pnpm(?!@)/)
      // SIGKILL: no shutdown at all, the lock stays behind...
      demo.child.kill("SIGKILL")
      expect((await demo.exited).signal).toBe("SIGKILL")
      expect(existsSync(lockPathOf(dataDir))).toBe(true)
      // ...and is recognised as stale: the reset goes ahead.
      const done = await reset(dataDir)
      expect(done).toMatchObject({ code: 0 })
      expect(existsSync(dataDir)).toBe(false)
    } finally {
      demo.child.kill("SIGKILL")
    }
  }, 120_000)
})

describe("the commands the demo prints", () => {
  it("pin the pnpm of the root packageManager", async () => {
    const { PNPM } = await import("../server/commands.js")
    const root = execFileSync(process.execPath, ["-p", "require('../../package.json').packageManager"], {
      cwd: APP_DIR,
      encoding: "utf8"
    }).trim()
    expect(PNPM).toBe(`npx -y ${root}`)
  })
})

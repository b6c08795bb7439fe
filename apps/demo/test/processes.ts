import { type ChildProcess, execFileSync, spawn } from "node:child_process"
import { readFileSync } from "node:fs"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"

/**
 * `apps/demo`, where the demo's scripts run.
 * @example
 * spawn("node", ["server/main.ts"], { cwd: APP_DIR })
 */
export const APP_DIR = join(dirname(fileURLToPath(import.meta.url)), "..")

/**
 * The environment of a spawned demo: the embedded sandbox (whatever MIA_* the machine has), a free
 * port, its own data folder.
 * @example
 * spawnProcess(process.execPath, args, { env: demoEnv(dataDir) })
 */
export const demoEnv = (dataDir: string): NodeJS.ProcessEnv => {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: "0",
    MIA_DEMO_DATA_DIR: dataDir,
    MIA_DEMO_RECONCILE_MS: "0"
  }
  for (const name of [
    "MIA_CLIENT_ID",
    "MIA_CLIENT_SECRET",
    "MIA_SIGNATURE_KEY",
    "MIA_BASE_URL",
    "DATABASE_URL"
  ])
    delete env[name]
  return env
}

/**
 * Node running a TypeScript file of the demo the way its package scripts do.
 * @example
 * spawnProcess(process.execPath, tsArgs("scripts/reset.ts"), options)
 */
export const tsArgs = (file: string) => ["--conditions=@mia-sdk/source", "--import", "tsx", file]

/**
 * A spawned process, its output so far (stdout and stderr together), and how it ended.
 * @example
 * const demo = spawnProcess(process.execPath, tsArgs("server/main.ts"), { env })
 * await demo.waitFor(/is running/)
 */
export interface Spawned {
  readonly child: ChildProcess
  output(): string
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>
}

/**
 * Spawns a process with pipes; `group` puts it in a process group of its own, as a terminal does
 * with a foreground job, so `kill(-pid)` reaches the whole tree like Ctrl+C.
 * @example
 * const run = spawnProcess("pnpm", ["--filter", "@mia-sdk/demo", "serve"], { env, cwd, group: true })
 */
export const spawnProcess = (
  command: string,
  args: ReadonlyArray<string>,
  options: { env: NodeJS.ProcessEnv; cwd?: string; group?: boolean }
): Spawned => {
  const child = spawn(command, args, {
    cwd: options.cwd ?? APP_DIR,
    env: options.env,
    detached: options.group ?? false,
    stdio: ["ignore", "pipe", "pipe"]
  })
  let text = ""
  const listeners = new Set<() => void>()
  const collect = (chunk: Buffer) => {
    text += chunk.toString("utf8")
    for (const listener of listeners) listener()
  }
  child.stdout?.on("data", collect)
  child.stderr?.on("data", collect)
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on("close", (code, signal) => resolve({ code, signal }))
  )
  return {
    child,
    output: () => text,
    exited,
    waitFor: (pattern, timeoutMs = 60_000) =>
      new Promise((resolve, reject) => {
        const check = () => {
          const match = text.match(pattern)
          if (match === null) return
          cleanup()
          resolve(match)
        }
        const timer = setTimeout(() => {
          cleanup()
          reject(new Error(`no ${pattern} within ${timeoutMs} ms; output:\n${text}`))
        }, timeoutMs)
        const cleanup = () => {
          clearTimeout(timer)
          listeners.delete(check)
        }
        void exited.then(() => {
          if (listeners.has(check)) {
            cleanup()
            reject(new Error(`exited before ${pattern}; output:\n${text}`))
          }
        })
        listeners.add(check)
        check()
      })
  }
}

/**
 * The pnpm the README's commands use (`npx -y pnpm@<version>`, the root `packageManager`), as a
 * path: the test signals pnpm's process group as a terminal would, without npm's own layer.
 * @example
 * const pnpm = pinnedPnpm()
 */
export const pinnedPnpm = (): string => {
  const root = JSON.parse(readFileSync(join(APP_DIR, "..", "..", "package.json"), "utf8")) as {
    packageManager: string
  }
  return execFileSync("npx", ["-y", "-p", root.packageManager, "-c", "command -v pnpm"], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "ignore"]
  }).trim()
}

import { type ChildProcess, spawn } from "node:child_process"
import { once } from "node:events"
import { fileURLToPath } from "node:url"
import type { CheckoutSession } from "@mia-sdk/core/wire"
import { createMiaSandbox, type MiaSandbox, type SandboxServer } from "@mia-sdk/sandbox"
import type { FleetDatabase } from "./database.js"

const packageDir = fileURLToPath(new URL("../..", import.meta.url))
const SCRIPT = "test/fleet/merchant-server.ts"
export const ADMIN_TOKEN = "fleet-admin-token"
/** Nothing listens there: a callback sent to it is refused, i.e. lost. */
const NOWHERE = "http://127.0.0.1:9"
// tsx compiles the server's sources at start-up: seconds on a loaded two-core CI machine.
const START_TIMEOUT_MS = 90_000
const STOP_TIMEOUT_MS = 20_000

/** A running merchant server process. */
export interface Instance {
  readonly name: string
  readonly url: string
  readonly port: number
  /** A request to its checkout router, mounted at `/api/mia`. */
  api(path: string, init?: RequestInit): Promise<Response>
  /** Creates an order through the test-only route. */
  createOrder(orderId: string, amount: number): Promise<void>
  /** Runs one reconciliation round as if at `at` (epoch ms); its report summary. */
  reconcile(at: number): Promise<RoundReport>
}

export interface RoundReport {
  readonly server: string
  readonly checked: number
  readonly applied: number
  readonly bankCalls: number
  readonly deferred: number
  readonly orders: ReadonlyArray<{
    readonly orderId: string
    readonly status: string
    readonly bankCalls: number
  }>
  readonly failed: ReadonlyArray<string>
}

/** Where the bank sends its callbacks: one server, each server in turn, or nowhere (lost). */
export type CallbackRoute = string | "round-robin" | "nowhere"

interface Running {
  readonly child: ChildProcess
  readonly output: Array<string>
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>
}

const postJson = (url: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body)
  })

const ok = async (response: Response, what: string): Promise<Response> => {
  if (!response.ok) throw new Error(`${what}: HTTP ${response.status} ${await response.text()}`)
  return response
}

/**
 * N merchant server processes on one database, and the sandbox bank (in this process) whose
 * callbacks go where the test routes them. Servers keep their port across restarts, so a
 * callback the bank re-sends to a killed server reaches it once it is back.
 */
export const startFleet = async (options: {
  readonly database: FleetDatabase
  readonly names: ReadonlyArray<string>
  readonly reconciler?: boolean
}) => {
  let route: CallbackRoute = "nowhere"
  let turn = 0
  const instances = new Map<string, Instance>()
  const running = new Map<string, Running>()

  const target = (): string => {
    if (route === "nowhere") return NOWHERE
    if (route !== "round-robin") return instance(route).url
    const urls = options.names.map((name) => instance(name).url)
    return urls[turn++ % urls.length] as string
  }
  const sandbox: MiaSandbox = createMiaSandbox({
    // Short re-sends (about a minute in all) so a killed server's share comes back to it.
    callbackRetryDelays: [100, 200, 400, 800, 1600, 3200, 6400, 12_800, 25_600],
    callbackTimeout: 30_000,
    // The target is chosen when the payment is made; re-sends go to the same server.
    forwardCallbacksTo: (url) => `${target()}${new URL(url).pathname}`
  })
  const bankServer: SandboxServer = await sandbox.listen({ port: 0, host: "127.0.0.1" })

  const instance = (name: string): Instance => {
    const found = instances.get(name)
    if (found === undefined) throw new Error(`no server ${name} in the fleet`)
    return found
  }

  const spawnServer = async (name: string, port: number): Promise<Instance> => {
    const { clientId, clientSecret, signatureKey } = sandbox.credentials
    const databaseUrl = new URL(options.database.url)
    // Lets the test tell this server's sessions apart in pg_stat_activity.
    databaseUrl.searchParams.set("application_name", `fleet-${name}`)
    const child = spawn(process.execPath, ["--conditions=@mia-sdk/source", "--import", "tsx", SCRIPT], {
      cwd: packageDir,
      env: {
        ...process.env,
        DATABASE_URL: databaseUrl.toString(),
        MIA_BANK_URL: bankServer.url,
        MIA_CLIENT_ID: clientId,
        MIA_CLIENT_SECRET: clientSecret,
        MIA_SIGNATURE_KEY: signatureKey,
        PORT: String(port),
        FLEET_NAME: name,
        FLEET_ADMIN_TOKEN: ADMIN_TOKEN,
        MIA_RECONCILER: options.reconciler === true ? "on" : "off"
      },
      stdio: ["ignore", "pipe", "pipe"]
    })
    const output: Array<string> = []
    const exited = once(child, "exit").then(
      ([code, signal]) => ({ code: code as number | null, signal: signal as NodeJS.Signals | null }),
      (error: unknown) => ({ code: null, signal: null, error })
    )
    running.set(name, { child, output, exited })
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`${name} did not start: ${output.join("")}`)),
        START_TIMEOUT_MS
      )
      let listening = false
      const collect = (chunk: Buffer) => {
        output.push(chunk.toString())
        if (output.length > 400) output.splice(0, output.length - 400)
        const found = listening
          ? undefined
          : /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output.join(""))?.[1]
        if (found !== undefined) {
          listening = true
          clearTimeout(timer)
          resolve(found)
        }
      }
      child.stdout?.on("data", collect)
      child.stderr?.on("data", collect)
      void exited.then(({ code, signal }) => {
        clearTimeout(timer)
        reject(new Error(`${name} exited (${code ?? signal}) before listening: ${output.join("")}`))
      })
    })
    const started: Instance = {
      name,
      url,
      port: Number(new URL(url).port),
      api: (path, init) => fetch(`${url}/api/mia${path}`, init),
      async createOrder(orderId, amount) {
        await ok(await postJson(`${url}/test/orders`, { orderId, amount }), `${name} createOrder`)
      },
      async reconcile(at) {
        const response = await ok(await postJson(`${url}/test/reconcile`, { at }), `${name} reconcile`)
        return (await response.json()) as RoundReport
      }
    }
    instances.set(name, started)
    return started
  }

  /** Stops a server; SIGTERM must end it cleanly (exit 0) within the timeout. */
  const stop = async (name: string, signal: "SIGTERM" | "SIGKILL") => {
    const server = running.get(name)
    if (server === undefined) throw new Error(`${name} is not running`)
    server.child.kill(signal)
    const timeout = new Promise<"timeout">((resolve) =>
      setTimeout(resolve, STOP_TIMEOUT_MS, "timeout").unref()
    )
    const exit = await Promise.race([server.exited, timeout])
    running.delete(name)
    if (exit === "timeout") {
      server.child.kill("SIGKILL")
      throw new Error(`${name} ignored ${signal} for ${STOP_TIMEOUT_MS} ms: ${server.output.join("")}`)
    }
    if (signal === "SIGTERM" && exit.code !== 0) {
      throw new Error(
        `${name} did not shut down cleanly (${exit.code ?? exit.signal}): ${server.output.join("")}`
      )
    }
    return exit
  }

  // A test runner that dies must not leave servers behind.
  const killAll = () => {
    for (const server of running.values()) server.child.kill("SIGKILL")
  }
  process.once("exit", killAll)
  const started = await Promise.allSettled(options.names.map((name) => spawnServer(name, 0)))
  const failed = started.find((result) => result.status === "rejected")
  if (failed !== undefined) {
    killAll()
    await sandbox.close()
    throw failed.reason
  }

  return {
    sandbox,
    instances: () => options.names.map(instance),
    instance,
    routeCallbacks(next: CallbackRoute) {
      if (next !== "round-robin" && next !== "nowhere") instance(next)
      route = next
    },
    /** SIGTERM (clean shutdown, checked) or SIGKILL (a crash): resolves with how it exited. */
    stop,
    /** Starts a stopped server again on its port. */
    restart: (name: string) => spawnServer(name, instance(name).port),
    /** What a server printed, for failure messages. */
    output: (name: string) => running.get(name)?.output.join("") ?? "",
    /** Creates an order on `on` and checks it out there; the session of its QR. */
    async checkout(on: Instance, orderId: string, amount: number): Promise<CheckoutSession> {
      await on.createOrder(orderId, amount)
      const response = await ok(await on.api(`/orders/${orderId}/checkout`, { method: "POST" }), "checkout")
      return (await response.json()) as CheckoutSession
    },
    /** Stops every server (cleanly, or the error says which did not) and the bank. */
    async close() {
      const stopped = await Promise.allSettled([...running.keys()].map((name) => stop(name, "SIGTERM")))
      process.off("exit", killAll)
      await sandbox.close()
      const failure = stopped.find((result) => result.status === "rejected")
      if (failure !== undefined) throw failure.reason
    }
  }
}

export type Fleet = Awaited<ReturnType<typeof startFleet>>

/** Runs `work` over `items` with at most `limit` at a time, keeping the order of results. */
export const mapLimit = async <T, R>(
  items: ReadonlyArray<T>,
  limit: number,
  work: (item: T, index: number) => Promise<R>
): Promise<Array<R>> => {
  const results: Array<R> = new Array(items.length)
  let next = 0
  const lane = async () => {
    while (next < items.length) {
      const index = next++
      results[index] = await work(items[index] as T, index)
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane))
  return results
}

/** `promise`, or a failure naming `what` after `ms`. */
export const within = <T>(ms: number, what: string, promise: Promise<T>): Promise<T> =>
  new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what}: nothing within ${ms} ms`)), ms)
    promise.then(
      (value) => {
        clearTimeout(timer)
        resolve(value)
      },
      (error: unknown) => {
        clearTimeout(timer)
        reject(error)
      }
    )
  })

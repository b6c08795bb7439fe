import { setTimeout as delay } from "node:timers/promises"
import { createMiaPosClient, type MiaPosPromiseClient } from "@mia-sdk/core"
import type { PosSandbox } from "@mia-sdk/sandbox"
import {
  createPosCashier,
  createSqlPosCashierState,
  createSqlPosSessionStore,
  type PosCashier,
  type SqlClient
} from "../../src/index.js"

export const TERMINAL = { terminalId: "10001", merchantIdno: "1003600012345" } as const
export const SELLER = { username: "seller", password: "sandbox" } as const
export const REFRESH = "/pos/api/v1/seller/refresh"
export const LOGIN = "/pos/api/v1/seller/login"
export const SHIFT_CHECK = "/pos/api/v1/shift/check"
export const SHIFT_OPEN = "/pos/api/v1/shift/open"

/**
 * The simulator as the bank of several servers, counting requests by path. `holdFirst(path)`
 * holds the answer to the next request of `path` until a second one is sent, or until `waiting()`
 * says a server waits for a lock: two servers' steps then overlap unless a lock orders them.
 * Without `waiting` (one process, where a lock is invisible from outside) nothing is held.
 */
export const sharedBank = (pos: PosSandbox, waiting?: () => Promise<boolean>) => {
  const seen: string[] = []
  let hold: { path: string; sent: number; release: () => void; released: Promise<void> } | undefined

  const watchLocks = async (current: NonNullable<typeof hold>, isWaiting: () => Promise<boolean>) => {
    let done = false
    void current.released.then(() => {
      done = true
    })
    while (!done) {
      if (await isWaiting().catch(() => false)) return current.release()
      await delay(5)
    }
  }

  const fetch: typeof globalThis.fetch = async (input, init) => {
    const request = new Request(input, init)
    const path = new URL(request.url).pathname
    seen.push(path)
    const held = hold?.path === path ? hold : undefined
    const first = held !== undefined && ++held.sent === 1
    if (held !== undefined && !first) held.release()
    const response = (await pos.handle(request)) ?? new Response("not a MiaPos path", { status: 404 })
    if (first) await held.released
    return response
  }

  return {
    fetch,
    count: (path: string) => seen.filter((seenPath) => seenPath === path).length,
    holdFirst: (path: string) => {
      if (waiting === undefined) return
      let release: () => void = () => undefined
      const released = new Promise<void>((resolve) => {
        release = resolve
      })
      hold = { path, sent: 0, release, released }
      void watchLocks(hold, waiting)
    }
  }
}

export interface TillServer {
  readonly client: MiaPosPromiseClient
  readonly cashier: PosCashier
}

/** One merchant server of the till: its own MiaPos client and cashier over `db`. */
export const tillServer = (
  db: SqlClient,
  tillId: string,
  bank: ReturnType<typeof sharedBank>,
  installationId: string
): TillServer => {
  const client = createMiaPosClient({
    baseUrl: "https://miapos.sandbox",
    // Every server of a till is the same device to the bank.
    device: { device: "Web till", platformType: "web", installationId, posAppVersion: 1 },
    maxRetries: 0,
    fetch: bank.fetch,
    sessionStore: createSqlPosSessionStore({ db, tillId })
  })
  const cashier = createPosCashier({
    client,
    terminal: TERMINAL,
    onWarning: () => undefined,
    state: createSqlPosCashierState({ db, tillId })
  })
  return { client, cashier }
}

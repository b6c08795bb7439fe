import { createMemoryPosSessionStore, MiaPosSessionError, type PosSessionStore } from "@mia-sdk/core"
import { afterEach, beforeEach, describe, expect, it } from "vitest"
import { createSandboxClock } from "../../src/clock.js"
import { activate, activateAndLogIn, posClient } from "./helpers/activate.js"
import { SELLER } from "./helpers/device.js"
import { type PosSandboxServer, startPosSandboxServer } from "./helpers/pos-sandbox-server.js"

const REFRESH = "/pos/api/v1/seller/refresh"
const LOGIN = "/pos/api/v1/seller/login"

/**
 * One session two processes share, like a database row with its lock: a memory store and a
 * queue. `onContended` hears of work that has to wait for other work.
 */
const sharedStore = (onContended: () => void = () => undefined): PosSessionStore => {
  const inner = createMemoryPosSessionStore()
  let tail: Promise<unknown> = Promise.resolve()
  let running = 0
  return {
    load: () => inner.load(),
    save: (session) => inner.save(session),
    exclusive: (work) => {
      if (running > 0) onContended()
      running += 1
      const run = tail.then(work, work).finally(() => {
        running -= 1
      })
      tail = run.catch(() => undefined)
      return run
    }
  }
}

const pathOf = (input: string | URL | Request): string =>
  new URL(typeof input === "string" ? input : input instanceof URL ? input.href : input.url).pathname

let server: PosSandboxServer
const clock = createSandboxClock(Date.parse("2026-03-02T08:00:00Z"))
const clients: Array<{ close(): Promise<void> }> = []

beforeEach(async () => {
  clock.set(Date.parse("2026-03-02T08:00:00Z"))
  server = await startPosSandboxServer({ clock, accessTokenLifetimeSeconds: 300 })
})
afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.close()))
  await server.close()
})

/** Two clients, as on two servers, over one shared store and no seller credentials. */
const twoClients = (store: PosSessionStore = sharedStore()) => {
  const pair = [
    posClient(server, { sessionStore: store }),
    posClient(server, { sessionStore: store })
  ] as const
  clients.push(...pair)
  return { store, a: pair[0], b: pair[1] }
}

describe("a session store several processes share (with exclusive)", () => {
  it("a refresh-token rotation by one client is adopted by the other: no second refresh, no login", async () => {
    const { store, a, b } = twoClients()
    await activateAndLogIn(server, a)
    await b.shift.open()
    clock.advance(301_000)

    // The bank refuses the access token: A refreshes, and the refresh token B holds is now spent.
    expect(await a.shift.check()).toMatchObject({ isOpen: true })
    expect(server.count(REFRESH)).toBe(1)
    expect(await b.shift.check()).toMatchObject({ isOpen: true })
    expect(await b.session.get()).toMatchObject({ loggedIn: true })
    expect(server.count(REFRESH)).toBe(1)
    expect(server.count(LOGIN)).toBe(1)
    expect((await store.load())?.tokens?.accessTokenExpiresAt).toBeGreaterThan(Date.now())
  })

  it("both clients find the access token refused at once: one refresh between them", async () => {
    // The bank's answer to the first refresh waits until the other client either asks for the
    // lock (it must wait, then adopt) or sends a refresh of its own (nothing stopped it).
    let release: () => void = () => undefined
    const answered = new Promise<void>((resolve) => {
      release = resolve
    })
    let refreshes = 0
    const fetch: typeof globalThis.fetch = async (input, init) => {
      const refresh = pathOf(input) === REFRESH
      if (refresh && ++refreshes >= 2) release()
      const response = await globalThis.fetch(input, init)
      if (refresh) await answered
      return response
    }
    let armed = false
    const store = sharedStore(() => armed && release())
    const [a, b] = [
      posClient(server, { sessionStore: store, fetch }),
      posClient(server, { sessionStore: store, fetch })
    ]
    clients.push(a, b)
    await activateAndLogIn(server, a)
    await b.shift.open()
    clock.advance(301_000)
    armed = true
    const checks = await Promise.all([a.shift.check(), b.shift.check()])
    expect(checks.map((shift) => shift.isOpen)).toEqual([true, true])
    expect(server.count(REFRESH)).toBe(1)
    expect(server.count(LOGIN)).toBe(1)
  })

  it("each client sees what the other changed: activation, login, shift, logout", async () => {
    const { a, b } = twoClients()
    expect(await b.session.get()).toMatchObject({ terminalActivationId: undefined, loggedIn: false })
    const terminalActivationId = await activate(server, a)
    expect(await b.session.get()).toMatchObject({ terminalActivationId, loggedIn: false })
    await b.seller.login(SELLER)
    expect(await a.session.get()).toMatchObject({ loggedIn: true })
    const opened = await a.shift.open()
    expect((await b.session.get()).shiftId).toBe(opened.shiftId)
    await b.seller.logout()
    expect(await a.session.get()).toMatchObject({ terminalActivationId, loggedIn: false })
    const error = await a.shift.check().catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(MiaPosSessionError)
    expect(error).toMatchObject({ reason: "login_required" })
  })

  it("a client's change never writes another's older tokens back", async () => {
    const { store, a, b } = twoClients()
    await activateAndLogIn(server, a)
    await b.shift.check()
    await a.seller.refresh()
    const rotated = (await store.load())?.tokens?.refreshToken
    await b.shift.open()
    expect((await store.load())?.tokens?.refreshToken).toBe(rotated)
    // A new process on the store refreshes with the live refresh token, not a spent one.
    const restarted = posClient(server, { sessionStore: store })
    clients.push(restarted)
    await restarted.seller.refresh()
    expect(server.count(LOGIN)).toBe(1)
  })

  it("a lock that cannot be taken fails the call with store_failed", async () => {
    const inner = sharedStore()
    const store: PosSessionStore = { ...inner, exclusive: () => Promise.reject(new Error("database down")) }
    const { a } = twoClients(store)
    const error = await a.activation
      .init({ terminalId: "10001", merchantIdno: "1003600012345" })
      .catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(MiaPosSessionError)
    expect(error).toMatchObject({ reason: "store_failed", retryable: true })
    expect((error as Error).message).toMatch(/lock the session.*database down/)
  })
})

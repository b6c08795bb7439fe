import { mkdtemp, readFile, rm } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterEach, beforeEach, describe, expect, it } from "vitest"
import { createSandboxClock } from "../../src/clock.js"
import {
  createMemoryPosSessionStore,
  MiaPosSessionError,
  type PosSession,
  type PosSessionStore
} from "@mia-sdk/core"
import { createFilePosSessionStore } from "@mia-sdk/core/node"
import { activate, activateAndLogIn, posClient } from "./helpers/activate.js"
import { SELLER } from "./helpers/device.js"
import { type PosSandboxServer, startPosSandboxServer } from "./helpers/pos-sandbox-server.js"

const REFRESH = "/pos/api/v1/seller/refresh"
const LOGIN = "/pos/api/v1/seller/login"

let server: PosSandboxServer
const clock = createSandboxClock(Date.parse("2026-03-02T08:00:00Z"))

beforeEach(async () => {
  clock.set(Date.parse("2026-03-02T08:00:00Z"))
  server = await startPosSandboxServer({
    clock,
    accessTokenLifetimeSeconds: 300,
    refreshTokenLifetimeSeconds: 3600
  })
})
afterEach(() => server.close())

/** Rewinds the stored access-token expiry, as if the process had been asleep past it. */
const expireStoredToken = async (store: PosSessionStore) => {
  const session = (await store.load())!
  await store.save({ ...session, tokens: { ...session.tokens!, accessTokenExpiresAt: Date.now() - 1 } })
}

describe("token refresh", () => {
  it("refreshes an expired access token once for 50 concurrent calls", async () => {
    const store = createMemoryPosSessionStore()
    const first = posClient(server, { sessionStore: store })
    await activateAndLogIn(server, first)
    await first.shift.open()
    await first.close()
    await expireStoredToken(store)

    const pos = posClient(server, { sessionStore: store })
    const before = server.count(REFRESH)
    const results = await Promise.all(Array.from({ length: 50 }, () => pos.shift.check()))
    expect(results.every((shift) => shift.isOpen === true)).toBe(true)
    expect(server.count(REFRESH) - before).toBe(1)
    expect(server.count(LOGIN)).toBe(1)
    const saved = (await store.load())!
    expect(saved.tokens!.accessTokenExpiresAt).toBeGreaterThan(Date.now())
    await pos.close()
  })

  it("answers 50 concurrent 401s (token expired at the bank) with one refresh and one retry each", async () => {
    const pos = posClient(server)
    await activateAndLogIn(server, pos)
    await pos.shift.open()
    clock.advance(301_000)
    const checksBefore = server.count("/pos/api/v1/shift/check")
    const results = await Promise.all(Array.from({ length: 50 }, () => pos.shift.check()))
    expect(results.every((shift) => shift.isOpen === true)).toBe(true)
    expect(server.count(REFRESH)).toBe(1)
    expect(server.count("/pos/api/v1/shift/check") - checksBefore).toBe(100)
    await pos.close()
  })

  it("logs in again with the configured seller when the refresh token is refused", async () => {
    const store = createMemoryPosSessionStore()
    const pos = posClient(server, { sessionStore: store, seller: SELLER })
    await activateAndLogIn(server, pos)
    const firstTokens = (await store.load())!.tokens!
    clock.advance(3_601_000)
    await expireStoredToken(store)
    const replacement = posClient(server, { sessionStore: store, seller: SELLER })
    expect(await replacement.shift.check()).toMatchObject({ isOpen: false })
    expect(server.count(REFRESH)).toBe(1)
    expect(server.count(LOGIN)).toBe(2)
    expect((await store.load())!.tokens!.refreshToken).not.toBe(firstTokens.refreshToken)
    await Promise.all([pos.close(), replacement.close()])
  })

  it("without seller credentials a refused refresh is a typed error that says to log in", async () => {
    const store = createMemoryPosSessionStore()
    const pos = posClient(server, { sessionStore: store })
    await activateAndLogIn(server, pos)
    clock.advance(3_601_000)
    const error = await pos.seller.refresh().catch((caught) => caught)
    expect(error).toBeInstanceOf(MiaPosSessionError)
    expect(error).toMatchObject({ reason: "login_required", retryable: false })
    expect(error.message).toMatch(/refresh token was refused.*seller\.login/)
    expect((await store.load())!.tokens).toBeUndefined()
    expect((await store.load())!.terminalActivationId).toBeDefined()

    await pos.seller.login(SELLER)
    expect(await pos.shift.check()).toMatchObject({ isOpen: false })
    await pos.close()
  })

  it("never logged in and no credentials: login_required before any request is sent", async () => {
    const pos = posClient(server)
    await activate(server, pos)
    const before = server.seen.length
    const error = await pos.qr.listActive().catch((caught) => caught)
    expect(error).toMatchObject({ _tag: "MiaPosSessionError", reason: "login_required" })
    expect(server.seen.length).toBe(before)
    await pos.close()
  })

  it("not activated: seller login fails with not_activated and sends nothing", async () => {
    const pos = posClient(server)
    const error = await pos.seller.login(SELLER).catch((caught) => caught)
    expect(error).toMatchObject({ _tag: "MiaPosSessionError", reason: "not_activated" })
    expect(error.message).toContain("activation.init")
    expect(server.seen).toHaveLength(0)
    await pos.close()
  })
})

describe("store writes", () => {
  it("polling shift.check writes the store only when the shift changes", async () => {
    const inner = createMemoryPosSessionStore()
    let saves = 0
    const store: PosSessionStore = {
      load: () => inner.load(),
      save: (session) => {
        saves += 1
        return inner.save(session)
      }
    }
    const pos = posClient(server, { sessionStore: store })
    await activateAndLogIn(server, pos)
    const { shiftId } = await pos.shift.open()
    const afterOpen = saves
    for (let poll = 0; poll < 5; poll++) expect((await pos.shift.check()).shiftId).toBe(shiftId)
    expect(saves).toBe(afterOpen)
    await pos.shift.close()
    expect(saves).toBe(afterOpen + 1)
    expect((await inner.load())?.shiftId).toBeUndefined()
    await pos.close()
  })

  it("a store that cannot save fails the call with store_failed, but the session goes on in memory", async () => {
    const inner = createMemoryPosSessionStore()
    let broken = false
    const store: PosSessionStore = {
      load: () => inner.load(),
      save: (session) => (broken ? Promise.reject(new Error("disk full")) : inner.save(session))
    }
    const pos = posClient(server, { sessionStore: store })
    await activate(server, pos)
    broken = true
    const error = await pos.seller.login(SELLER).catch((caught) => caught)
    expect(error).toBeInstanceOf(MiaPosSessionError)
    expect(error).toMatchObject({ reason: "store_failed", retryable: true })
    expect(error.message).toContain("disk full")
    expect(await pos.shift.check()).toMatchObject({ isOpen: false })
    expect(server.count(LOGIN)).toBe(1)
    await pos.close()
  })
})

describe("restart from the file store", () => {
  let folder: string
  beforeEach(async () => {
    folder = await mkdtemp(join(tmpdir(), "miapos-session-"))
  })
  afterEach(() => rm(folder, { recursive: true, force: true }))

  it("a new client instance with the same file continues without activation or login", async () => {
    const path = join(folder, "nested", "session.json")
    const first = posClient(server, { sessionStore: createFilePosSessionStore(path) })
    const terminalActivationId = await activateAndLogIn(server, first)
    const opened = await first.shift.open()
    await first.close()

    const saved = JSON.parse(await readFile(path, "utf8")) as PosSession
    expect(saved).toMatchObject({ terminalActivationId, shiftId: opened.shiftId })
    expect(saved.tokens?.accessToken).toBeTruthy()

    const requestsBefore = server.seen.length
    // A new process: a new store object on the same file, and no seller credentials.
    const restarted = posClient(server, { sessionStore: createFilePosSessionStore({ path }) })
    expect(await restarted.session.get()).toMatchObject({
      terminalActivationId,
      loggedIn: true,
      shiftId: opened.shiftId
    })
    expect(await restarted.shift.check()).toMatchObject({ isOpen: true, shiftId: opened.shiftId })
    const report = await restarted.reports.xReport({ format: "json" })
    expect(report.data.terminalId).toBe("10001")
    const sentAfterRestart = server.seen.slice(requestsBefore).map((request) => request.path)
    expect(sentAfterRestart).not.toContain(LOGIN)
    expect(sentAfterRestart).not.toContain(REFRESH)
    expect(sentAfterRestart.some((path) => path.includes("terminal-activation"))).toBe(false)
    await restarted.close()
  })

  it("a refresh made by the restarted client is written back to the file", async () => {
    const path = join(folder, "session.json")
    const first = posClient(server, { sessionStore: createFilePosSessionStore(path) })
    await activateAndLogIn(server, first)
    await first.close()
    const before = JSON.parse(await readFile(path, "utf8")) as PosSession

    const restarted = posClient(server, { sessionStore: createFilePosSessionStore(path) })
    await restarted.seller.refresh()
    const after = JSON.parse(await readFile(path, "utf8")) as PosSession
    expect(after.tokens?.refreshToken).not.toBe(before.tokens?.refreshToken)
    expect(after.terminalActivationId).toBe(before.terminalActivationId)
    await restarted.close()
  })
})

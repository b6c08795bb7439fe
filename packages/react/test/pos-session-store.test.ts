// @vitest-environment node
import { beforeEach, describe, expect, it } from "vitest"
import { createMiaClient, createPosSessionStore, type PosSessionStore } from "../src/index.js"
import { createFakePosServer, type FakePosServer } from "./support/fake-pos-server.js"

let server: FakePosServer
let store: PosSessionStore

beforeEach(() => {
  server = createFakePosServer()
  store = createPosSessionStore({ client: createMiaClient({ apiBase: server.apiBase, fetch: server.fetch }) })
})

describe("createPosSessionStore", () => {
  it("loads the session once on start", async () => {
    expect(store.getSnapshot()).toMatchObject({ phase: "loading", session: undefined })
    store.start()
    store.start()
    expect(store.getSnapshot().pending).toBe("refresh")
    await store.refresh()
    expect(store.getSnapshot()).toMatchObject({
      phase: "ready",
      pending: undefined,
      session: { activated: false, loggedIn: false, shift: null }
    })
    expect(server.requests.map((r) => `${r.method} ${r.path}`)).toEqual(["GET /session"])
  })

  it("walks activation, login, shift open and close", async () => {
    await store.refresh()
    expect((await store.startActivation({ terminalId: "10001" }))?.activation).toEqual({
      maskedPhoneNumber: "+373*****01",
      waitTimeToResend: 60
    })
    expect(server.posts("/activation")[0]?.body).toEqual({ terminalId: "10001" })
    expect(await store.resendOtp()).toBeDefined()

    expect(await store.confirmActivation("654321")).toBeUndefined()
    expect(store.getSnapshot()).toMatchObject({
      phase: "ready",
      error: { status: 400, code: "otp_invalid", message: "The code is wrong: 2 attempts left" }
    })
    await store.confirmActivation(" 123456 ")
    expect(server.posts("/activation/confirm").map((r) => r.body)).toEqual([
      { otp: "654321" },
      { otp: "123456" }
    ])
    expect(store.getSnapshot()).toMatchObject({ session: { activated: true }, error: undefined })

    expect(await store.login({ username: "seller", password: "wrong" })).toBeUndefined()
    expect(store.getSnapshot().error).toMatchObject({ status: 401, code: "login_failed" })
    await store.login({ username: "seller", password: "sandbox" })
    expect(store.getSnapshot().session).toMatchObject({ loggedIn: true, seller: { name: "Sandbox Seller" } })

    await store.openShift()
    expect(store.getSnapshot().session?.shift).toMatchObject({ open: true, shiftId: "5001" })
    await store.closeShift()
    expect(store.getSnapshot().session).toMatchObject({ shift: { open: false }, lastClosedShiftId: "5001" })
    await store.logout()
    expect(store.getSnapshot().session).toMatchObject({ loggedIn: false, shift: null })
  })

  it("checks the OTP's shape before sending it", async () => {
    expect(await store.confirmActivation("12")).toBeUndefined()
    expect(await store.confirmActivation("12 34 56")).toBeUndefined()
    expect(store.getSnapshot().error).toMatchObject({ code: "validation", retryable: false })
    expect(store.getSnapshot().error?.message).toContain("Enter the code from the SMS")
    expect(server.requests).toEqual([])
  })

  it("a double click joins the running action, another action is ignored (no double close)", async () => {
    await store.refresh()
    await store.login({ password: "sandbox" })
    await store.openShift()
    const first = store.closeShift()
    const second = store.closeShift()
    const other = store.openShift()
    expect(store.getSnapshot().pending).toBe("closeShift")
    expect(await other).toBeUndefined()
    expect((await first)?.lastClosedShiftId).toBe("5001")
    expect(await second).toBe(await first)
    expect(server.posts("/shift/close")).toHaveLength(1)
    expect(server.posts("/shift/open")).toHaveLength(1)
  })

  it("a session that can't be loaded is an error until refresh succeeds", async () => {
    server.fail(503)
    await store.refresh()
    expect(store.getSnapshot()).toMatchObject({ phase: "error", error: { status: 503, retryable: true } })
    await store.refresh()
    expect(store.getSnapshot()).toMatchObject({ phase: "ready", error: undefined })
  })
})

import { describe, expect, it } from "vitest"
import { createDriver } from "./support/pos-driver.js"

describe("shifts", () => {
  it("checks, opens, refuses a second open, closes, and refuses closing twice", async () => {
    const driver = createDriver({ accessTokenLifetimeSeconds: 12 * 3600 })
    const { accessToken: token } = await driver.login(await driver.activate())
    expect((await driver.call("GET", "/pos/api/v1/shift/check", { token })).body).toEqual({
      result: "success",
      isOpen: false
    })
    const open = await driver.call("POST", "/pos/api/v1/shift/open", { token })
    expect(open.body).toEqual({
      result: "success",
      shiftId: "1",
      openDateTime: "2026-03-02T10:00:00",
      operator: "Sandbox Seller"
    })
    expect((await driver.call("GET", "/pos/api/v1/shift/check", { token })).body).toMatchObject({
      result: "success",
      isOpen: true,
      shiftId: "1"
    })
    const second = await driver.call("POST", "/pos/api/v1/shift/open", { token })
    expect(second.status).toBe(200)
    expect(second.body).toMatchObject({ result: "shift_already_open", shiftId: "1" })
    driver.clock.advance(8 * 3600_000)
    const close = await driver.call("POST", "/pos/api/v1/shift/close", { token })
    expect(close.body).toEqual({ result: "success", shiftId: "1", closeDateTime: "2026-03-02T18:00:00" })
    const again = await driver.call("POST", "/pos/api/v1/shift/close", { token })
    expect(again.body.result).toBe("no_open_shift")
    expect(driver.sandbox.state.shifts.get("1")?.closedAt).toBe(driver.clock.now())
    const reopened = await driver.call("POST", "/pos/api/v1/shift/open", { token })
    expect(reopened.body.shiftId).toBe("2")
  })

  it("keeps one open shift per terminal, not per seller", async () => {
    const driver = createDriver({
      sellers: [
        { username: "a", password: "a" },
        { username: "b", password: "b" }
      ]
    })
    const id = await driver.activate()
    const first = await driver.login(id, "a", "a")
    const second = await driver.login(id, "b", "b")
    expect(
      (await driver.call("POST", "/pos/api/v1/shift/open", { token: first.accessToken })).body.result
    ).toBe("success")
    expect(
      (await driver.call("POST", "/pos/api/v1/shift/open", { token: second.accessToken })).body.result
    ).toBe("shift_already_open")
    const other = await driver.login(await driver.activate("10002"), "b", "b")
    expect(
      (await driver.call("POST", "/pos/api/v1/shift/open", { token: other.accessToken })).body.result
    ).toBe("success")
  })
})

import { describe, expect, it } from "vitest"
import { createDriver, DEVICE_HEADERS, IDNO, TERMINAL } from "./support/pos-driver.js"

const INIT = "/pos/api/v1/terminal-activation/init"
const RESEND = "/pos/api/v1/terminal-activation/resend"
const CONFIRM = "/pos/api/v1/terminal-activation/confirm"

const init = (
  driver: ReturnType<typeof createDriver>,
  body: unknown = { terminalId: TERMINAL, merchantIdno: IDNO }
) => driver.call("POST", INIT, { body, headers: DEVICE_HEADERS })

const otherCode = (code: string): string => String((Number(code) + 1) % 1_000_000).padStart(6, "0")

describe("terminal activation init", () => {
  it("sends a 6-digit code to the terminal owner's phone and masks the number", async () => {
    const driver = createDriver()
    const { status, body } = await init(driver)
    expect(status).toBe(200)
    expect(body.result).toBe("success")
    expect(body.terminalActivationId).toMatch(/^[0-9a-f-]{36}$/)
    expect(body.maskedPhoneNumber).toBe("+373*****001")
    expect(body.waitTimeToResend).toBe(60)
    const message = driver.sandbox.inbox.latest({ terminalActivationId: body.terminalActivationId })
    expect(message?.otpCode).toMatch(/^\d{6}$/)
    expect(message?.phoneNumber).toBe("+37369000001")
    expect(message?.text).toContain(message?.otpCode)
    expect(driver.sandbox.state.activations.get(body.terminalActivationId)?.status).toBe("pending")
  })

  it("answers not_found for an unknown terminal or a merchant that does not own it", async () => {
    const driver = createDriver()
    expect((await init(driver, { terminalId: "99999", merchantIdno: IDNO })).body.result).toBe("not_found")
    const wrongOwner = await init(driver, { terminalId: TERMINAL, merchantIdno: "1000000000000" })
    expect(wrongOwner.status).toBe(200)
    expect(wrongOwner.body.result).toBe("not_found")
    expect(driver.sandbox.inbox.messages()).toHaveLength(0)
  })

  it("requires the device headers seed 000 marks as required", async () => {
    const driver = createDriver()
    const { status, body } = await driver.call("POST", INIT, {
      body: { terminalId: TERMINAL, merchantIdno: IDNO },
      headers: { "x-device": "Pixel 8" }
    })
    expect(status).toBe(400)
    expect(body.errorCode).toBe("bad_request")
    expect(body.errorMessage).toContain("X-PLATFORM-TYPE")
    expect(body.errorMessage).toContain("X-INSTALLATION-ID")
    const badPlatform = await driver.call("POST", INIT, {
      body: { terminalId: TERMINAL, merchantIdno: IDNO },
      headers: { ...DEVICE_HEADERS, "x-platform-type": "symbian" }
    })
    expect(badPlatform.status).toBe(400)
    expect(badPlatform.body.errorMessage).toContain("external_system")
  })

  it("rejects a body without terminalId with a message naming the field", async () => {
    const driver = createDriver()
    const { status, body } = await init(driver, { merchantIdno: IDNO })
    expect(status).toBe(400)
    expect(body.result).toBe("bad_request")
    expect(body.errorMessage).toContain('"terminalId"')
  })
})

describe("terminal activation confirm", () => {
  it("activates with the code from the inbox", async () => {
    const driver = createDriver()
    const { body } = await init(driver)
    const otpCode = driver.sandbox.inbox.latestCode({ terminalActivationId: body.terminalActivationId })
    const confirm = await driver.call("POST", CONFIRM, {
      body: { terminalActivationId: body.terminalActivationId, otpCode }
    })
    expect(confirm.body).toEqual({ result: "success", leftAttempts: 3 })
    expect(driver.sandbox.state.activations.get(body.terminalActivationId)?.status).toBe("confirmed")
    // A retried confirm with the same code stays a success; another code does not.
    const again = await driver.call("POST", CONFIRM, {
      body: { terminalActivationId: body.terminalActivationId, otpCode }
    })
    expect(again.body.result).toBe("success")
    const other = await driver.call("POST", CONFIRM, {
      body: { terminalActivationId: body.terminalActivationId, otpCode: otherCode(otpCode!) }
    })
    expect(other.body.result).toBe("already_confirmed")
  })

  it("counts wrong codes down, then answers otp_limit_exceeded and locks the terminal for a while", async () => {
    const driver = createDriver({ otp: { attempts: 3, lockSeconds: 600 } })
    const { body } = await init(driver)
    const id = body.terminalActivationId
    const right = driver.sandbox.inbox.latestCode({ terminalActivationId: id })!
    const wrong = otherCode(right)
    const first = await driver.call("POST", CONFIRM, { body: { terminalActivationId: id, otpCode: wrong } })
    expect(first.body).toMatchObject({ result: "invalid_otp", leftAttempts: 2 })
    const second = await driver.call("POST", CONFIRM, { body: { terminalActivationId: id, otpCode: wrong } })
    expect(second.body).toMatchObject({ result: "invalid_otp", leftAttempts: 1 })
    const third = await driver.call("POST", CONFIRM, { body: { terminalActivationId: id, otpCode: wrong } })
    expect(third.status).toBe(200)
    expect(third.body).toMatchObject({ result: "otp_limit_exceeded", leftAttempts: 0 })
    // Even the right code is refused now.
    const late = await driver.call("POST", CONFIRM, { body: { terminalActivationId: id, otpCode: right } })
    expect(late.body.result).toBe("otp_limit_exceeded")
    const blocked = await init(driver)
    expect(blocked.body).toMatchObject({ result: "otp_limit_exceeded", waitTimeToResend: 600 })
    driver.clock.advance(599_000)
    expect((await init(driver)).body.waitTimeToResend).toBe(1)
    driver.clock.advance(1_000)
    expect((await init(driver)).body.result).toBe("success")
  })

  it("refuses an expired code without using an attempt", async () => {
    const driver = createDriver({ otp: { ttlSeconds: 120 } })
    const { body } = await init(driver)
    const otpCode = driver.sandbox.inbox.latestCode({ terminalActivationId: body.terminalActivationId })
    driver.clock.advance(120_000)
    const confirm = await driver.call("POST", CONFIRM, {
      body: { terminalActivationId: body.terminalActivationId, otpCode }
    })
    expect(confirm.body).toMatchObject({ result: "otp_expired", leftAttempts: 3 })
  })

  it("wants the code as a 6-digit string, so leading zeros survive", async () => {
    const driver = createDriver()
    const { body } = await init(driver)
    const numeric = await driver.call("POST", CONFIRM, {
      body: { terminalActivationId: body.terminalActivationId, otpCode: 123456 }
    })
    expect(numeric.status).toBe(400)
    expect(numeric.body.errorMessage).toContain("leading zeros")
    expect(driver.sandbox.state.activations.get(body.terminalActivationId)?.leftAttempts).toBe(3)
  })

  it("answers not_found for an unknown activation", async () => {
    const driver = createDriver()
    const confirm = await driver.call("POST", CONFIRM, {
      body: { terminalActivationId: "e559d17a-a29b-49c0-878b-af3de2495d39", otpCode: "123456" }
    })
    expect(confirm.body.result).toBe("not_found")
  })
})

describe("OTP resend", () => {
  it("makes the client wait, then sends a new code that replaces the old one", async () => {
    const codes = ["111111", "222222"]
    const driver = createDriver({
      otp: { resendWaitSeconds: 60, resends: 2, generateCode: () => codes.shift()! }
    })
    const { body } = await init(driver)
    const id = body.terminalActivationId
    const firstCode = driver.sandbox.inbox.latestCode({ terminalActivationId: id })!
    const early = await driver.call("POST", RESEND, { body: { terminalActivationId: id } })
    expect(early.body).toMatchObject({ result: "resend_too_soon", waitTimeToResend: 60, leftAttempts: 2 })
    driver.clock.advance(45_000)
    expect(
      (await driver.call("POST", RESEND, { body: { terminalActivationId: id } })).body.waitTimeToResend
    ).toBe(15)
    driver.clock.advance(15_000)
    const resent = await driver.call("POST", RESEND, { body: { terminalActivationId: id } })
    expect(resent.body).toEqual({ result: "success", leftAttempts: 1, waitTimeToResend: 60 })
    expect(driver.sandbox.inbox.messages({ terminalActivationId: id })).toHaveLength(2)
    const secondCode = driver.sandbox.inbox.latestCode({ terminalActivationId: id })!
    expect([firstCode, secondCode]).toEqual(["111111", "222222"])
    const stale = await driver.call("POST", CONFIRM, {
      body: { terminalActivationId: id, otpCode: firstCode }
    })
    expect(stale.body).toMatchObject({ result: "invalid_otp", leftAttempts: 2 })
    const confirm = await driver.call("POST", CONFIRM, {
      body: { terminalActivationId: id, otpCode: secondCode }
    })
    expect(confirm.body.result).toBe("success")
  })

  it("answers otp_limit_exceeded once the resends are used up", async () => {
    const driver = createDriver({ otp: { resendWaitSeconds: 0, resends: 1 } })
    const { body } = await init(driver)
    const id = body.terminalActivationId
    expect((await driver.call("POST", RESEND, { body: { terminalActivationId: id } })).body.result).toBe(
      "success"
    )
    const exhausted = await driver.call("POST", RESEND, { body: { terminalActivationId: id } })
    expect(exhausted.body).toMatchObject({ result: "otp_limit_exceeded", leftAttempts: 0 })
  })

  it("answers not_found and already_confirmed where they apply", async () => {
    const driver = createDriver()
    const unknown = await driver.call("POST", RESEND, {
      body: { terminalActivationId: "e559d17a-a29b-49c0-878b-af3de2495d39" }
    })
    expect(unknown.body.result).toBe("not_found")
    const id = await driver.activate()
    expect((await driver.call("POST", RESEND, { body: { terminalActivationId: id } })).body.result).toBe(
      "already_confirmed"
    )
  })
})

describe("terminal info by activation id", () => {
  it("prints terminalId as a number, as the seed's example does", async () => {
    const driver = createDriver()
    const id = await driver.activate()
    const { body } = await driver.call("GET", `/pos/api/v1/terminal-activation/${id}`)
    expect(body).toEqual({
      result: "success",
      terminalId: 10001,
      merchantIdno: IDNO,
      merchantName: "Sandbox Merchant SRL",
      storeAddress: "str. Mihai Viteazu 15, Chisinau"
    })
  })

  it("keeps a non-numeric terminal id a string and answers not_found for an unknown id", async () => {
    const driver = createDriver({ terminals: [{ terminalId: "T123", merchantIdno: "42" }] })
    const id = await driver.activate("T123", "42")
    expect((await driver.call("GET", `/pos/api/v1/terminal-activation/${id}`)).body.terminalId).toBe("T123")
    expect((await driver.call("GET", "/pos/api/v1/terminal-activation/nope")).body.result).toBe("not_found")
  })
})

describe("OTP inbox endpoint (sandbox only)", () => {
  it("lists the messages newest first, filtered by activation", async () => {
    const driver = createDriver()
    const first = await init(driver)
    driver.clock.advance(1000)
    const second = await init(driver)
    const all = await driver.call("GET", "/pos/api/sandbox/otp-inbox")
    expect(
      all.body.messages.map((message: { terminalActivationId: string }) => message.terminalActivationId)
    ).toEqual([second.body.terminalActivationId, first.body.terminalActivationId])
    const one = await driver.call(
      "GET",
      `/pos/api/sandbox/otp-inbox?terminalActivationId=${first.body.terminalActivationId}`
    )
    expect(one.body.messages).toHaveLength(1)
    expect(one.body.messages[0]).toMatchObject({
      terminalId: TERMINAL,
      otpCode: driver.sandbox.inbox.latestCode({ terminalActivationId: first.body.terminalActivationId }),
      sentAt: "2026-03-02T10:00:00"
    })
  })
})

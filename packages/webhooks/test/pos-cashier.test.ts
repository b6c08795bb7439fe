import { createMiaPosClient, isMiaPosResultError, type MiaPosPromiseClient } from "@mia-sdk/core"
import { createPosSandbox, type PosSandbox } from "@mia-sdk/sandbox"
import { afterEach, beforeEach, describe, expect, it } from "vitest"
import {
  createMemoryPosCashierState,
  createPosCashier,
  MiaCashierError,
  type MiaCashierErrorCode,
  type PosCashierStateStore
} from "../src/index.js"

const TERMINAL = { terminalId: "10001", merchantIdno: "1003600012345" } as const
const SELLER = { username: "seller", password: "sandbox" } as const

/** A MiaPos client that talks to the simulator in this process: no sockets. */
const clientOver = (pos: PosSandbox): MiaPosPromiseClient =>
  createMiaPosClient({
    baseUrl: "https://miapos.sandbox",
    device: {
      device: "Web till",
      platformType: "web",
      installationId: crypto.randomUUID(),
      posAppVersion: 1
    },
    maxRetries: 0,
    fetch: async (input, init) =>
      (await pos.handle(new Request(input, init))) ?? new Response("not a MiaPos path", { status: 404 })
  })

const refusal = async (work: Promise<unknown>): Promise<MiaCashierError> => {
  const error = await work.then(
    () => undefined,
    (caught: unknown) => caught
  )
  expect(error).toBeInstanceOf(MiaCashierError)
  return error as MiaCashierError
}

const expectRefusal = async (work: Promise<unknown>, code: MiaCashierErrorCode, field?: string) => {
  const error = await refusal(work)
  expect({ code: error.code, field: error.field }).toEqual({ code, field })
}

describe("createPosCashier over the MiaPos simulator", () => {
  let pos: PosSandbox
  let client: MiaPosPromiseClient
  const warnings: string[] = []

  beforeEach(() => {
    pos = createPosSandbox()
    client = clientOver(pos)
    warnings.length = 0
  })
  afterEach(async () => {
    await client.close()
  })

  const cashierOf = (state?: PosCashierStateStore) =>
    createPosCashier({
      client,
      terminal: TERMINAL,
      onWarning: (message) => warnings.push(message),
      ...(state === undefined ? {} : { state })
    })

  const activate = async (cashier = cashierOf()) => {
    await cashier.startActivation()
    await cashier.confirmActivation(pos.inbox.latestCode({ terminalId: TERMINAL.terminalId }))
    return cashier
  }

  it("runs a cashier's day: activation, login, shift, charges, reports", async () => {
    const cashier = cashierOf()
    expect(await cashier.session()).toEqual({ activated: false, loggedIn: false, shift: null })
    await expectRefusal(cashier.createCharge(10), "login_required")

    const started = await cashier.startActivation()
    expect(started).toMatchObject({ activated: false, activation: { waitTimeToResend: 60 } })
    expect(started.activation?.maskedPhoneNumber).toMatch(/\*/)
    const otp = pos.inbox.latestCode({ terminalId: TERMINAL.terminalId })!
    // The bank's refusal of a wrong code is the client's error, recognised by core's guard.
    const wrong = await cashier.confirmActivation(otp === "000000" ? "111111" : "000000").catch((e) => e)
    expect(isMiaPosResultError(wrong)).toBe(true)
    expect(await cashier.confirmActivation(` ${otp} `)).toEqual({
      activated: true,
      loggedIn: false,
      shift: null
    })

    const badLogin = await cashier.login({ username: "seller", password: "nope" }).catch((e) => e)
    expect(isMiaPosResultError(badLogin) && badLogin.result).toBe("invalid_credentials")
    expect(await cashier.login(SELLER)).toMatchObject({
      activated: true,
      loggedIn: true,
      seller: { name: "Sandbox Seller", merchantName: "Sandbox Merchant SRL" },
      shift: { open: false }
    })
    expect(warnings).toEqual([])

    const noShift = await cashier.createCharge(10).catch((e) => e)
    expect(isMiaPosResultError(noShift) && noShift.result).toBe("no_open_shift")
    const opened = await cashier.openShift()
    expect(opened.shift).toMatchObject({ open: true, shiftId: expect.any(String) })
    const shiftId = opened.shift!.shiftId!

    const charge = await cashier.createCharge(149.9)
    expect(charge).toMatchObject({ amount: 149.9, currency: "MDL", state: "active" })
    expect(charge.url).toMatch(/^https:\/\//)
    expect(Date.parse(charge.expiresAt!)).toBeGreaterThan(Date.now())
    expect(pos.pay(charge.chargeId)).toMatchObject({ result: "success", amount: 149.9 })
    expect(await cashier.getCharge(charge.chargeId)).toMatchObject({ state: "paid", amount: 149.9 })

    const cancelled = await cashier.createCharge(20.5)
    expect(await cashier.cancelCharge(cancelled.chargeId)).toMatchObject({ state: "cancelled", amount: 20.5 })

    const x = await cashier.report("x")
    expect(x).toMatchObject({
      format: "json",
      shiftId,
      view: { kind: "x", paymentCount: 1, paymentSum: 149.9 }
    })

    expect(await cashier.closeShift()).toMatchObject({ shift: { open: false }, lastClosedShiftId: shiftId })
    const z = await cashier.report("z", { full: "true" })
    expect(z).toMatchObject({
      format: "json",
      filename: `z-report-${shiftId}.json`,
      view: { kind: "z", shiftId }
    })
    expect(z.format === "json" && z.view.transactions).toEqual([expect.objectContaining({ amount: 149.9 })])
    const pdf = await cashier.report("z", { format: "pdf", shiftId })
    expect(pdf).toMatchObject({
      format: "pdf",
      mediaType: "application/pdf",
      filename: `z-report-${shiftId}.pdf`
    })
    expect(pdf.format !== "json" && new TextDecoder().decode(pdf.bytes.subarray(0, 5))).toBe("%PDF-")
    const txt = await cashier.report("z", { format: "txt" })
    expect(txt).toMatchObject({ format: "txt", mediaType: "text/plain; charset=utf-8" })
    expect(txt.format !== "json" && new TextDecoder().decode(txt.bytes)).toContain("149")

    expect(await cashier.logout()).toMatchObject({ activated: true, loggedIn: false, shift: null })
  })

  it("refuses steps out of order and bad input in its own terms, with the field to fix", async () => {
    const cashier = cashierOf()
    await expectRefusal(cashier.resendActivation(), "no_activation")
    await expectRefusal(cashier.report("x"), "no_shift")
    await expectRefusal(cashier.report("y"), "unknown_report")
    await expectRefusal(cashier.startActivation({ terminalId: "10002", merchantIdno: "1" }), "terminal_fixed")
    await expectRefusal(createPosCashier({ client }).startActivation(), "validation", "terminalId")
    await expectRefusal(cashier.confirmActivation("1"), "validation", "otp")
    await expectRefusal(cashier.login({ username: "seller" }), "validation", "password")
    await expectRefusal(cashier.getCharge("bad id"), "validation", "chargeId")
    await expectRefusal(cashier.report("z", { format: "docx" }), "validation", "format")
    await expectRefusal(cashier.report("z", { full: "maybe" }), "validation", "full")
    await expectRefusal(cashier.report("z", { shiftId: "5 1" }), "validation", "shiftId")

    await activate(cashier)
    await expectRefusal(cashier.createCharge(10), "login_required")
    await cashier.login(SELLER)
    await cashier.openShift()
    await cashier.startActivation()
    pos.clock.advance(61_000)
    expect((await cashier.resendActivation()).activation).toMatchObject({ leftAttempts: expect.any(Number) })
  })

  it("checks amounts with the SDK's one amount rule before anything reaches the bank", async () => {
    const cashier = await activate()
    await cashier.login(SELLER)
    await cashier.openShift()
    for (const amount of [0.1 + 0.2, 99_999.995, "12", -5, 0, 100_000.01, Number.NaN, undefined]) {
      const error = await refusal(cashier.createCharge(amount))
      expect({ code: error.code, field: error.field }).toEqual({ code: "validation", field: "amount" })
      expect(error.message).toMatch(/^amount /)
    }
    expect(pos.state.qrs.size).toBe(0)
    expect(await cashier.createCharge(100_000)).toMatchObject({ amount: 100_000 })
    expect(await cashier.createCharge(0.3)).toMatchObject({ amount: 0.3 })
  })

  it("tells a charge the bank never heard of from one it forgot", async () => {
    const cashier = await activate()
    await cashier.login(SELLER)
    await cashier.openShift()
    await expectRefusal(cashier.getCharge("00000000-0000-4000-8000-000000000000"), "charge_not_found")
  })

  it("shares one till's state between cashiers on several servers", async () => {
    const state = createMemoryPosCashierState()
    const [first, second] = [cashierOf(state), cashierOf(state)]
    await first.startActivation()
    expect(await second.session()).toMatchObject({ activated: false, activation: { waitTimeToResend: 60 } })
    await second.confirmActivation(pos.inbox.latestCode({ terminalId: TERMINAL.terminalId }))
    expect((await first.session()).activation).toBeUndefined()

    await first.login(SELLER)
    const { shift } = await second.openShift()
    const charge = await first.createCharge(42)
    expect(await second.getCharge(charge.chargeId)).toMatchObject({ amount: 42, url: charge.url })
    await first.closeShift()
    expect(await second.report("z")).toMatchObject({ shiftId: shift?.shiftId })
  })

  it("opens and closes the shift one at a time", async () => {
    const cashier = await activate()
    await cashier.login(SELLER)
    const outcomes = await Promise.allSettled([
      cashier.openShift(),
      cashier.closeShift(),
      cashier.openShift()
    ])
    expect(outcomes.map((outcome) => outcome.status)).toEqual(["fulfilled", "fulfilled", "fulfilled"])
    expect((await cashier.session()).shift).toMatchObject({ open: true })
  })

  it("retries a lost compare-and-set, and gives up with a retryable conflict", async () => {
    const inner = createMemoryPosCashierState()
    let lose = 0
    const racy: PosCashierStateStore = {
      ...inner,
      compareAndSet: async (version, next) => {
        if (lose > 0) {
          lose -= 1
          // Another server writes first.
          const { version: now, state } = await inner.load()
          await inner.compareAndSet(now, { ...state })
        }
        return inner.compareAndSet(version, next)
      }
    }
    const cashier = cashierOf(racy)
    lose = 2
    expect(await cashier.startActivation()).toMatchObject({ activation: { waitTimeToResend: 60 } })
    lose = 100
    const conflict = await refusal(cashier.confirmActivation(pos.inbox.latestCode({ terminalId: "10001" })))
    expect({ code: conflict.code, retryable: conflict.retryable }).toEqual({
      code: "conflict",
      retryable: true
    })
  })

  it("needs a MiaPos client and says how to make one", () => {
    expect(() => Reflect.apply(createPosCashier, undefined, [{}])).toThrow(
      /createPosCashier\(\{ client: createMiaPosClient/
    )
  })
})

describe("createMemoryPosCashierState", () => {
  it("writes only over the version it read", async () => {
    const state = createMemoryPosCashierState()
    const read = await state.load()
    expect(read).toEqual({ version: 0, state: {} })
    expect(await state.compareAndSet(read.version, { lastClosedShiftId: "1" })).toBe(true)
    expect(await state.compareAndSet(read.version, { lastClosedShiftId: "2" })).toBe(false)
    expect(await state.load()).toEqual({ version: 1, state: { lastClosedShiftId: "1" } })
  })

  it("forgets the oldest charges past its limit", async () => {
    const state = createMemoryPosCashierState({ maxCharges: 2 })
    for (const id of ["a", "b", "c"]) await state.rememberCharge(id, { url: `https://qr/${id}`, amount: 1 })
    expect(await state.findCharge("a")).toBeUndefined()
    expect(await state.findCharge("c")).toEqual({ url: "https://qr/c", amount: 1 })
    expect(() => createMemoryPosCashierState({ maxCharges: 0 })).toThrow(/maxCharges/)
  })

  it("runs work of one key one at a time, and other keys alongside", async () => {
    const state = createMemoryPosCashierState()
    const log: string[] = []
    let release: () => void = () => undefined
    const gate = new Promise<void>((resolve) => {
      release = resolve
    })
    const first = state.exclusive("shift", async () => {
      log.push("first:start")
      await gate
      log.push("first:end")
    })
    const second = state.exclusive("shift", async () => {
      log.push("second")
    })
    await state.exclusive("other", async () => {
      log.push("other")
    })
    release()
    await Promise.all([first, second])
    expect(log).toEqual(["first:start", "other", "first:end", "second"])
  })
})

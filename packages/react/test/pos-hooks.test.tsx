import { act, cleanup, render, screen } from "@testing-library/react"
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest"
import { MiaProvider, MiaQrCode, useCharge, usePosReports, usePosSession, usePosShift } from "../src/index.js"
import { useFakeClock } from "./support/clock.js"
import { createFakePosServer, type FakePosServer } from "./support/fake-pos-server.js"
import { advance } from "./support/render.js"

let server: FakePosServer

const Session = () => {
  const { phase, session, pending, error, startActivation, confirmActivation, login } = usePosSession()
  return (
    <section>
      <p data-testid="session">
        {phase}|{session?.activated ? "activated" : session?.activation ? "otp" : "new"}|
        {session?.loggedIn ? (session.seller?.name ?? "?") : "anonymous"}|{pending ?? "-"}
      </p>
      {error && <p role="alert">{error.message}</p>}
      <button type="button" onClick={() => startActivation()}>
        Activate
      </button>
      <button type="button" onClick={() => confirmActivation("123456")}>
        Confirm
      </button>
      <button type="button" onClick={() => login({ username: "seller", password: "sandbox" })}>
        Log in
      </button>
    </section>
  )
}

const Shift = () => {
  const { shift, lastClosedShiftId, open, close } = usePosShift()
  return (
    <section>
      <p data-testid="shift">
        {shift === undefined
          ? "loading"
          : shift === null
            ? "none"
            : shift.open
              ? `open ${shift.shiftId}`
              : "closed"}
        |{lastClosedShiftId ?? "-"}
      </p>
      <button type="button" onClick={() => open()}>
        Open shift
      </button>
      <button type="button" onClick={() => close()}>
        Close shift
      </button>
    </section>
  )
}

const Till = ({ amount }: { amount: number }) => {
  const { phase, qrUrl, secondsLeft, error, create, cancel, reset } = useCharge()
  return (
    <section>
      <p data-testid="till">
        {phase}|{secondsLeft ?? "-"}
      </p>
      {qrUrl && <MiaQrCode value={qrUrl} label={`Pay ${amount} MDL`} />}
      {error && <output>{error.message}</output>}
      <button type="button" onClick={() => create(amount)}>
        Charge
      </button>
      <button type="button" onClick={() => cancel()}>
        Cancel
      </button>
      <button type="button" onClick={reset}>
        Next
      </button>
    </section>
  )
}

const Reports = () => {
  const { report, pending, load, pdfUrl } = usePosReports()
  return (
    <section>
      <p data-testid="report">
        {pending ?? "-"}|{report ? `${report.kind} ${report.shiftId} ${report.totalSum}` : "none"}
      </p>
      <button type="button" onClick={() => load("z", "5001")}>
        Z-report
      </button>
      <a href={pdfUrl("z", "5001")}>Z PDF</a>
    </section>
  )
}

const Cashier = ({ amount = 149.9 }: { amount?: number }) => (
  <MiaProvider apiBase={server.apiBase} fetch={server.fetch} EventSource={null}>
    <Session />
    <Shift />
    <Till amount={amount} />
    <Reports />
  </MiaProvider>
)

const text = (id: string) => screen.getByTestId(id).textContent
const click = async (name: string) => {
  act(() => screen.getByRole("button", { name }).click())
  await advance(0)
}

beforeEach(() => {
  useFakeClock()
  server = createFakePosServer()
})
afterEach(() => {
  cleanup()
  vi.useRealTimers()
})

describe("POS hooks", () => {
  it("each throws, saying how to fix it, outside <MiaProvider>", () => {
    vi.spyOn(console, "error").mockImplementation(() => undefined)
    expect(() => render(<Session />)).toThrow(/usePosSession\(\) must be used inside <MiaProvider>/)
    expect(() => render(<Shift />)).toThrow(/usePosShift\(\) must be used inside <MiaProvider>/)
    expect(() => render(<Till amount={1} />)).toThrow(/useCharge\(\) must be used inside <MiaProvider>/)
    expect(() => render(<Reports />)).toThrow(/usePosReports\(\) must be used inside <MiaProvider>/)
  })

  it("runs a cashier's day: activate, log in, open shift, charge, close shift, Z-report", async () => {
    render(<Cashier />)
    expect(text("session")).toBe("loading|new|anonymous|refresh")
    expect(text("shift")).toBe("loading|-")
    await advance(0)
    expect(text("session")).toBe("ready|new|anonymous|-")
    expect(server.requests.filter((r) => r.path === "/session")).toHaveLength(1)

    await click("Activate")
    expect(text("session")).toBe("ready|otp|anonymous|-")
    await click("Confirm")
    expect(text("session")).toBe("ready|activated|anonymous|-")
    await click("Log in")
    expect(text("session")).toBe("ready|activated|Sandbox Seller|-")
    expect(text("shift")).toBe("closed|-")
    await click("Open shift")
    expect(text("shift")).toBe("open 5001|-")

    await click("Charge")
    expect(text("till")).toBe("awaiting_payment|300")
    expect(screen.getByRole("img", { name: "Pay 149.9 MDL" })).toBeTruthy()
    await advance(1000)
    expect(text("till")).toBe("awaiting_payment|299")
    server.setState("qr-1", "paid")
    await advance(1000)
    expect(text("till")).toBe("paid|-")
    expect(screen.queryByRole("img")).toBeNull()
    expect(vi.getTimerCount()).toBe(0)
    await click("Next")
    expect(text("till")).toBe("idle|-")

    await click("Close shift")
    expect(text("shift")).toBe("closed|5001")
    await click("Z-report")
    expect(text("report")).toBe("-|z 5001 300.5")
    expect(screen.getByRole("link", { name: "Z PDF" }).getAttribute("href")).toBe(
      "/api/pos/reports/z?format=pdf&shiftId=5001"
    )
  })

  it("shows why a charge was refused and the cashier can cancel a QR", async () => {
    render(<Cashier />)
    await advance(0)
    await click("Charge")
    expect(text("till")).toBe("error|-")
    expect(screen.getByRole("status").textContent).toBe("Open a shift before charging")

    await click("Log in")
    await click("Open shift")
    await click("Charge")
    expect(text("till")).toBe("awaiting_payment|300")
    await click("Cancel")
    expect(text("till")).toBe("cancelled|-")
    expect(vi.getTimerCount()).toBe(0)
  })

  it("refuses a bad amount before asking the server", async () => {
    render(<Cashier amount={12.345} />)
    await advance(0)
    await click("Charge")
    expect(screen.getByRole("status").textContent).toBe(
      "amount must have at most 2 decimals (whole bani), got 12.345."
    )
    expect(server.posts("/charges")).toEqual([])
  })

  it("unmounting the till during a charge leaves no timer behind", async () => {
    const view = render(<Cashier />)
    await advance(0)
    await click("Log in")
    await click("Open shift")
    await click("Charge")
    expect(vi.getTimerCount()).toBe(2)
    view.unmount()
    expect(vi.getTimerCount()).toBe(0)
  })
})

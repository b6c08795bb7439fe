import { act, cleanup, render, screen } from "@testing-library/react"
import { StrictMode, useState } from "react"
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest"
import { MiaQrCode, useCheckout } from "../src/index.js"
import { useFakeClock } from "./support/clock.js"
import { createFakeServer, type FakeServer } from "./support/fake-server.js"
import { advance, renderWithServer } from "./support/render.js"

let server: FakeServer

const Checkout = ({ orderId }: { orderId: string | undefined }) => {
  const { phase, qrUrl, secondsLeft, transport, error, retry } = useCheckout(orderId)
  return (
    <div>
      <p data-testid="phase">{phase}</p>
      <p data-testid="transport">{transport ?? "none"}</p>
      {qrUrl && <MiaQrCode value={qrUrl} label="Pay order" />}
      {secondsLeft !== undefined && <p data-testid="left">{secondsLeft}</p>}
      {error && <p role="alert">{error.message}</p>}
      {(phase === "expired" || phase === "error") && (
        <button type="button" onClick={retry}>
          New QR
        </button>
      )}
    </div>
  )
}

const text = (id: string) => screen.getByTestId(id).textContent

beforeEach(() => {
  useFakeClock()
  server = createFakeServer()
  server.addOrder("1001")
})
afterEach(() => {
  cleanup()
  vi.useRealTimers()
})

describe("useCheckout", () => {
  it("throws, saying how to fix it, outside <MiaProvider>", () => {
    vi.spyOn(console, "error").mockImplementation(() => undefined)
    expect(() => render(<Checkout orderId="1001" />)).toThrow(
      'useCheckout() must be used inside <MiaProvider>. Wrap the component tree that uses it, e.g. <MiaProvider apiBase="/api/mia">'
    )
  })

  it("shows the QR with a live countdown and turns paid on the server's event", async () => {
    renderWithServer(server, <Checkout orderId="1001" />)
    expect(text("phase")).toBe("creating")
    await advance(0)
    expect(text("phase")).toBe("awaiting_payment")
    expect(text("transport")).toBe("sse")
    expect(screen.getByRole("img", { name: "Pay order" })).toBeTruthy()
    expect(text("left")).toBe("900")
    await advance(3000)
    expect(text("left")).toBe("897")

    act(() => server.setStatus("1001", "processing"))
    expect(text("phase")).toBe("paid")
    expect(screen.queryByRole("img")).toBeNull()
    expect(vi.getTimerCount()).toBe(0)
  })

  it("expires, then the retry button brings a fresh QR", async () => {
    renderWithServer(server, <Checkout orderId="1001" />)
    await advance(900_000)
    expect(text("phase")).toBe("expired")
    expect(text("left")).toBe("0")
    act(() => screen.getByRole("button", { name: "New QR" }).click())
    await advance(0)
    expect(text("phase")).toBe("awaiting_payment")
    expect(text("left")).toBe("900")
    expect(server.requests.filter((r) => r.method === "POST")).toHaveLength(2)
  })

  it("falls back to polling when the provider has no EventSource", async () => {
    renderWithServer(server, <Checkout orderId="1001" />, { EventSource: null })
    await advance(0)
    expect(text("transport")).toBe("polling")
    server.setStatus("1001", "completed")
    await advance(1000)
    expect(text("phase")).toBe("paid")
    expect(server.gets("1001")).toHaveLength(1)
  })

  it("shows the server's problem and recovers on retry", async () => {
    server.fail({ status: 503, retryAfter: 2 })
    renderWithServer(server, <Checkout orderId="1001" />)
    await advance(0)
    expect(text("phase")).toBe("error")
    expect(screen.getByRole("alert").textContent).toBe("Try later")
    act(() => screen.getByRole("button", { name: "New QR" }).click())
    await advance(0)
    expect(text("phase")).toBe("awaiting_payment")
    expect(screen.queryByRole("alert")).toBeNull()
  })

  it("unmounting leaves no timer and no open connection", async () => {
    const view = renderWithServer(server, <Checkout orderId="1001" />)
    await advance(0)
    // The countdown and the slow safety poll that runs beside the live stream.
    expect(vi.getTimerCount()).toBe(2)
    expect(server.sources[0]?.closed).toBe(false)
    view.unmount()
    expect(vi.getTimerCount()).toBe(0)
    expect(server.sources[0]?.closed).toBe(true)
  })

  it("unmounting while polling leaves nothing running either", async () => {
    const view = renderWithServer(server, <Checkout orderId="1001" />, { EventSource: null })
    await advance(2500)
    expect(server.gets("1001").length).toBeGreaterThan(0)
    view.unmount()
    expect(vi.getTimerCount()).toBe(0)
    const polls = server.gets("1001").length
    await vi.advanceTimersByTimeAsync(60_000)
    expect(server.gets("1001")).toHaveLength(polls)
  })

  it("waits in idle without an orderId and starts when one arrives", async () => {
    let setId: (id: string) => void = () => undefined
    const Later = () => {
      const [orderId, set] = useState<string>()
      setId = set
      return <Checkout orderId={orderId} />
    }
    renderWithServer(server, <Later />)
    await advance(0)
    expect(text("phase")).toBe("idle")
    expect(server.requests).toEqual([])
    act(() => setId("1001"))
    await advance(0)
    expect(text("phase")).toBe("awaiting_payment")
  })

  it("a new orderId closes the old order's stream and opens the new one", async () => {
    server.addOrder("1002")
    let setId: (id: string) => void = () => undefined
    const Switch = () => {
      const [orderId, set] = useState("1001")
      setId = set
      return <Checkout orderId={orderId} />
    }
    renderWithServer(server, <Switch />)
    await advance(0)
    act(() => setId("1002"))
    expect(server.sources[0]?.closed).toBe(true)
    await advance(0)
    expect(server.openSources().map((s) => s.orderId)).toEqual(["1002"])
    expect(text("phase")).toBe("awaiting_payment")
  })

  it("in StrictMode ends with exactly one stream and one QR", async () => {
    renderWithServer(
      server,
      <StrictMode>
        <Checkout orderId="1001" />
      </StrictMode>
    )
    await advance(0)
    expect(text("phase")).toBe("awaiting_payment")
    expect(server.openSources()).toHaveLength(1)
    expect(server.orders.get("1001")?.qr?.qrId).toBe("qr-1")
    expect(vi.getTimerCount()).toBe(2)
  })
})

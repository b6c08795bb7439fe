import { act, cleanup, render, screen } from "@testing-library/react"
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest"
import { usePaymentStatus } from "../src/index.js"
import { useFakeClock } from "./support/clock.js"
import { createFakeServer, type FakeServer } from "./support/fake-server.js"
import { advance, renderWithServer } from "./support/render.js"

let server: FakeServer

const Badge = ({ orderId }: { orderId: string }) => {
  const { phase, status, transport, error } = usePaymentStatus(orderId)
  return (
    <p data-testid="badge">
      {phase}|{status ?? "-"}|{transport ?? "none"}|{error?.code ?? "-"}
    </p>
  )
}

const badge = () => screen.getByTestId("badge").textContent

beforeEach(() => {
  useFakeClock()
  server = createFakeServer()
  server.addOrder("1001")
})
afterEach(() => {
  cleanup()
  vi.useRealTimers()
})

describe("usePaymentStatus", () => {
  it("throws, saying how to fix it, outside <MiaProvider>", () => {
    vi.spyOn(console, "error").mockImplementation(() => undefined)
    expect(() => render(<Badge orderId="1001" />)).toThrow(
      /usePaymentStatus\(\) must be used inside <MiaProvider>/
    )
  })

  it("follows the status live and stops at a final one", async () => {
    renderWithServer(server, <Badge orderId="1001" />)
    expect(badge()).toBe("loading|-|sse|-")
    await advance(0)
    expect(badge()).toBe("awaiting_payment|pending|sse|-")
    act(() => server.setStatus("1001", "refunded"))
    expect(badge()).toBe("refunded|refunded|none|-")
    expect(server.openSources()).toEqual([])
    expect(vi.getTimerCount()).toBe(0)
  })

  it("polls with the provider's settings when streams are off, and cleans up on unmount", async () => {
    const view = renderWithServer(server, <Badge orderId="1001" />, {
      EventSource: null,
      polling: { initialMs: 500 }
    })
    await advance(1)
    expect(badge()).toBe("awaiting_payment|pending|polling|-")
    await advance(500)
    expect(server.gets("1001")).toHaveLength(2)
    view.unmount()
    expect(vi.getTimerCount()).toBe(0)
  })

  it("shows a missing order as an error", async () => {
    renderWithServer(server, <Badge orderId="nope" />, { EventSource: null })
    await advance(1)
    expect(badge()).toBe("error|-|none|not_found")
  })
})

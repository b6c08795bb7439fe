import { act, cleanup, render, screen } from "@testing-library/react"
import { afterEach, describe, expect, it } from "vitest"
import { MiaProvider } from "../src/index.js"
import { useRtpPayment } from "../src/rtp.js"

// The hook is the store's skin: this checks the wiring (provider, request, re-render) against a
// server answering like the checkout routes; the store's behaviour is tested against the real ones.
const PayByPhone = ({ orderId }: { orderId: string }) => {
  const { phase, rtp, request } = useRtpPayment(orderId)
  return (
    <div>
      <p data-testid="phase">{phase}</p>
      <p data-testid="alias">{rtp?.alias ?? ""}</p>
      <button type="button" onClick={() => void request("37369112221")}>
        Send
      </button>
    </div>
  )
}

afterEach(cleanup)

describe("useRtpPayment", () => {
  it("sends the number to POST /orders/:orderId/rtp and shows the request", async () => {
    const sent: Array<{ method: string; url: string; body: unknown }> = []
    const order = {
      orderId: "1001",
      status: "pending",
      amount: 10,
      currency: "MDL",
      paidAmount: 0,
      refundedAmount: 0,
      duplicatePayment: false,
      updatedAt: new Date().toISOString()
    }
    const fakeFetch: typeof fetch = async (input, init) => {
      sent.push({
        method: init?.method ?? "GET",
        url: String(input),
        body: init?.body ? JSON.parse(String(init.body)) : undefined
      })
      const body = String(input).endsWith("/rtp")
        ? {
            orderId: "1001",
            rtpId: "r-1",
            alias: "373*****221",
            expiresAt: new Date(Date.now() + 60_000).toISOString(),
            amount: 10,
            currency: "MDL",
            status: "pending",
            orderStatus: "pending",
            reused: false
          }
        : order
      return new Response(JSON.stringify(body), {
        status: 200,
        headers: { "content-type": "application/json" }
      })
    }
    render(
      <MiaProvider apiBase="/api/mia" fetch={fakeFetch} EventSource={null}>
        <PayByPhone orderId="1001" />
      </MiaProvider>
    )
    await act(async () => {
      screen.getByRole("button").click()
    })
    expect(screen.getByTestId("phase").textContent).toBe("awaiting_payment")
    expect(screen.getByTestId("alias").textContent).toBe("373*****221")
    expect(sent).toContainEqual({
      method: "POST",
      url: "/api/mia/orders/1001/rtp",
      body: { alias: "37369112221" }
    })
  })
})

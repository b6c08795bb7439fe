import { cleanup, render, renderHook } from "@testing-library/react"
import { useState } from "react"
import { act } from "react"
import { afterEach, describe, expect, it, vi } from "vitest"
import { MiaProvider, useCheckout, useMiaClient } from "../src/index.js"
import { settle, useFakeClock } from "./support/clock.js"
import { createFakeServer } from "./support/fake-server.js"

afterEach(() => {
  cleanup()
  vi.useRealTimers()
})

describe("MiaProvider", () => {
  it("useMiaClient outside a provider says how to fix it", () => {
    vi.spyOn(console, "error").mockImplementation(() => undefined)
    expect(() => renderHook(() => useMiaClient())).toThrow(
      /useMiaClient\(\) must be used inside <MiaProvider>/
    )
  })

  it("gives hooks a client for its apiBase and transport", () => {
    const server = createFakeServer()
    const { result } = renderHook(() => useMiaClient(), {
      wrapper: ({ children }) => (
        <MiaProvider apiBase="/api/mia" fetch={server.fetch} EventSource={null} credentials="include">
          {children}
        </MiaProvider>
      )
    })
    expect(result.current.options).toMatchObject({
      apiBase: "/api/mia",
      EventSource: null,
      credentials: "include"
    })
  })

  it("re-reads inline headers on every request without restarting the hooks", async () => {
    useFakeClock()
    const server = createFakeServer()
    server.addOrder("1001")
    let bump: () => void = () => undefined
    const App = () => {
      const [token, setToken] = useState(1)
      bump = () => setToken((t) => t + 1)
      return (
        <MiaProvider
          apiBase="/api/mia"
          fetch={server.fetch}
          EventSource={null}
          headers={{ "x-csrf": `t${token}` }}
          polling={{ initialMs: 100 }}
        >
          <Status />
        </MiaProvider>
      )
    }
    const Status = () => <p>{useCheckout("1001").phase}</p>
    render(<App />)
    await act(settle)
    act(() => bump())
    await act(() => vi.advanceTimersByTimeAsync(100))
    expect(server.requests.map((r) => `${r.method} ${r.headers["x-csrf"]}`)).toEqual(["POST t1", "GET t2"])
  })
})

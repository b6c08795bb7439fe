import { act, type RenderResult, render } from "@testing-library/react"
import type { ReactNode } from "react"
import { vi } from "vitest"
import { MiaProvider, type MiaProviderProps } from "../../src/index.js"
import type { FakeServer } from "./fake-server.js"

/** Renders `ui` inside a provider wired to the fake server. */
export const renderWithServer = (
  server: FakeServer,
  ui: ReactNode,
  options: Partial<MiaProviderProps> = {}
): RenderResult =>
  render(
    <MiaProvider apiBase={server.apiBase} fetch={server.fetch} EventSource={server.EventSource} {...options}>
      {ui}
    </MiaProvider>
  )

/** Moves fake time inside act(), so React renders every change. */
export const advance = async (ms: number): Promise<void> => {
  await act(async () => {
    await vi.advanceTimersByTimeAsync(ms)
  })
}

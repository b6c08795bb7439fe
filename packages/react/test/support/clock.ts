import { vi } from "vitest"

/** Fake timers and Date (not microtasks: promises and fake streams keep flowing). */
export const useFakeClock = (start = "2026-11-21T12:00:00.000Z") => {
  vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "setInterval", "clearInterval", "Date"] })
  vi.setSystemTime(new Date(start))
}

/** Lets pending promises and microtasks settle without moving the clock. */
export const settle = () => vi.advanceTimersByTimeAsync(0)

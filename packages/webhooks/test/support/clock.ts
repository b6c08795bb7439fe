/** A manual clock for stores: frozen until advanced, so timestamps in tests are exact. */
export const manualClock = (start = Date.parse("2026-11-21T10:00:00.000Z")) => {
  let current = start
  return {
    now: () => current,
    advance: (milliseconds: number) => {
      current += milliseconds
    }
  }
}

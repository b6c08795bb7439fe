/**
 * The sandbox's notion of "now". Every expiry, token lifetime and timestamp in the simulator
 * reads this clock, so tests move time forward instead of waiting.
 *
 * @example
 * const clock = createSandboxClock(Date.parse("2026-01-01T00:00:00Z"))
 * clock.advance(61 * 60_000) // a one-hour Dynamic QR is now expired
 */
export interface SandboxClock {
  /** Milliseconds since the epoch. */
  now(): number
  /** Moves a manual clock forward; on a system clock it adds a lasting offset. */
  advance(milliseconds: number): void
  /** Jumps to an instant (milliseconds since the epoch). */
  set(epochMilliseconds: number): void
}

/**
 * A clock that follows the system time, shifted by whatever `advance`/`set` added. With a
 * `start` instant it is frozen there until moved (a manual clock).
 *
 * @example
 * const live = createSandboxClock()            // follows Date.now()
 * const frozen = createSandboxClock(0)         // stays at the epoch until advanced
 */
export const createSandboxClock = (start?: number): SandboxClock => {
  if (start === undefined) {
    let offset = 0
    return {
      now: () => Date.now() + offset,
      advance: (milliseconds) => {
        offset += milliseconds
      },
      set: (epochMilliseconds) => {
        offset = epochMilliseconds - Date.now()
      }
    }
  }
  let current = start
  return {
    now: () => current,
    advance: (milliseconds) => {
      current += milliseconds
    },
    set: (epochMilliseconds) => {
      current = epochMilliseconds
    }
  }
}

import type { SandboxClock } from "../../clock.js"
import { fail, type Outcome, succeed } from "../outcome.js"
import { DAY, parseDateTime } from "../time.js"
import { badParameter, type JsonObject, unknownField, wholeNumberIn } from "./control-fields.js"

/** What the clock endpoints answer: the sandbox's "now", readable and computable. */
export interface ClockReading {
  /** ISO 8601 in UTC, e.g. `2026-03-01T10:00:00.000Z`. */
  readonly now: string
  /** The same instant in milliseconds since the epoch. */
  readonly epochMs: number
}

/** A century: far enough for any expiry test, near enough that every instant stays a valid date. */
const MAX_ADVANCE_MS = 36_525 * DAY

/** `GET /v2/sandbox/clock`. */
export const readClock = (clock: SandboxClock): ClockReading => {
  const epochMs = clock.now()
  return { now: new Date(epochMs).toISOString(), epochMs }
}

/** `POST /v2/sandbox/clock/advance` `{ "ms": 60000 }`: the same `clock.advance` JavaScript tests call. */
export const advanceClock = (clock: SandboxClock, body: JsonObject): Outcome<ClockReading> => {
  const unknown = unknownField(Object.keys(body), ["ms"])
  if (unknown) return fail(unknown)
  const ms = wholeNumberIn(body.ms, 0, MAX_ADVANCE_MS)
  if (ms === undefined) {
    return fail(badParameter("ms", "a whole number of milliseconds from 0 to 3155760000000, e.g. 60000"))
  }
  clock.advance(ms)
  return succeed(readClock(clock))
}

/** `POST /v2/sandbox/clock/set` `{ "now": "2026-03-01T10:00:00Z" }`: jumps to an instant, back or forth. */
export const setClock = (clock: SandboxClock, body: JsonObject): Outcome<ClockReading> => {
  const unknown = unknownField(Object.keys(body), ["now"])
  if (unknown) return fail(unknown)
  const epochMs = parseDateTime(body.now)
  if (epochMs === undefined) {
    return fail(badParameter("now", "an ISO 8601 date-time such as 2026-03-01T10:00:00Z"))
  }
  clock.set(epochMs)
  return succeed(readClock(clock))
}

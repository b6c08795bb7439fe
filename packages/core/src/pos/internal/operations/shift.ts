import * as Effect from "effect/Effect"
import { resultDecoder } from "../../../internal/mia-envelope.js"
import type { PosShiftApi } from "../../service.js"
import { toShift } from "../to-model.js"
import { ShiftWire } from "../wire/shift.js"
import { type PosContext, span } from "./context.js"

const decodeShift = resultDecoder(ShiftWire)

/**
 * The `shift` group: check, open and close, keeping the current shift id in the session.
 *
 * @example
 * const shift = makeShiftApi(context)
 */
export const makeShiftApi = ({ send, session, config }: PosContext): PosShiftApi => {
  const request = (operation: "shiftCheck" | "shiftOpen" | "shiftClose") =>
    send({ operation, auth: "bearer" }).pipe(
      Effect.flatMap((answer) =>
        Effect.map(decodeShift(operation, answer), (wire) => toShift(wire, answer, config.timeZone))
      )
    )

  return {
    check: () =>
      request("shiftCheck").pipe(
        Effect.tap((shift) =>
          shift.isOpen === undefined
            ? Effect.void
            : session.update("shiftCheck", (current) => {
                const shiftId = shift.isOpen ? (shift.shiftId ?? current.shiftId) : undefined
                return shiftId === current.shiftId ? current : { ...current, shiftId }
              })
        ),
        span("shiftCheck")
      ),

    open: () =>
      request("shiftOpen").pipe(
        Effect.tap((shift) =>
          shift.shiftId === undefined
            ? Effect.void
            : session.update("shiftOpen", (current) =>
                current.shiftId === shift.shiftId ? current : { ...current, shiftId: shift.shiftId }
              )
        ),
        span("shiftOpen")
      ),

    close: () =>
      Effect.gen(function* () {
        const previous = (yield* session.current("shiftClose")).shiftId
        const shift = yield* request("shiftClose")
        yield* session.update("shiftClose", (current) =>
          current.shiftId === undefined ? current : { ...current, shiftId: undefined }
        )
        // Without an id in the answer, the shift the session held is the one just closed.
        return shift.shiftId !== undefined || previous === undefined ? shift : { ...shift, shiftId: previous }
      }).pipe(span("shiftClose"))
  }
}

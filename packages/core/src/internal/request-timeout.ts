import * as FiberRef from "effect/FiberRef"
import * as Option from "effect/Option"

/**
 * A per-call override of the client's request timeout. The Promise facade sets it from
 * `{ timeoutMs }`; Effect users can set it with `Effect.locally(currentRequestTimeoutMs, Option.some(5000))`.
 *
 * @example
 * const fast = Effect.locally(effect, currentRequestTimeoutMs, Option.some(5_000))
 */
export const currentRequestTimeoutMs: FiberRef.FiberRef<Option.Option<number>> = FiberRef.unsafeMake(
  Option.none<number>()
)

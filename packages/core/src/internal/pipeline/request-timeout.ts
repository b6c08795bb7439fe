import * as Context from "effect/Context"
import * as Option from "effect/Option"

/**
 * A per-call timeout override in milliseconds (per HTTP attempt); `Option.none()` keeps the
 * client's `timeoutMs`. The Promise clients set it from `{ timeoutMs }`; Effect users provide it.
 *
 * @example
 * import { Effect, Option } from "effect"
 * import { currentRequestTimeoutMs } from "@mia-sdk/core"
 *
 * const quick = <A, E, R>(effect: Effect.Effect<A, E, R>) =>
 *   Effect.provideService(effect, currentRequestTimeoutMs, Option.some(2_000))
 */
export const currentRequestTimeoutMs = Context.Reference<Option.Option<number>>(
  "@mia-sdk/core/currentRequestTimeoutMs",
  { defaultValue: () => Option.none() }
)

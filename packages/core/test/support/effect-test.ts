import * as Effect from "effect/Effect"
import type * as Scope from "effect/Scope"
import { TestClock } from "effect/testing"
import { it } from "vitest"

/**
 * An Effect test on the test clock (like `@effect/vitest`'s `it.effect`): sleeps, retry delays
 * and Effect timeouts wait until `TestClock.adjust` moves time on. The effect may use a `Scope`;
 * it is closed when the test ends.
 */
export const itEffect = <A, E>(
  name: string,
  effect: Effect.Effect<A, E, Scope.Scope>,
  timeout?: number
): void => {
  it(name, () => Effect.runPromise(Effect.provide(Effect.scoped(effect), TestClock.layer())), timeout)
}

/** An Effect test on the real clock (like `it.live`), scoped the same way. */
export const itLive = <A, E>(
  name: string,
  effect: Effect.Effect<A, E, Scope.Scope>,
  timeout?: number
): void => {
  it(name, () => Effect.runPromise(Effect.scoped(effect)), timeout)
}

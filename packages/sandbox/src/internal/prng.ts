import { Effect, Random } from "effect"

/** A source of numbers in [0, 1) that is the same sequence for the same seed. */
export interface SeededRandom {
  next(): number
}

/**
 * Effect's seeded `Random` service, read synchronously. Fault decisions draw from it in request
 * order, so a run with the same seed and the same request sequence injects the same faults.
 */
export const seededRandom = (seed: number): SeededRandom => {
  const random = Random.make(seed)
  return { next: () => Effect.runSync(random.next) }
}

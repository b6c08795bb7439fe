/** A source of numbers in [0, 1) that is the same sequence for the same seed. */
export interface SeededRandom {
  next(): number
}

/**
 * A seeded pseudo-random sequence (mulberry32). Fault decisions draw from it in request
 * order, so a run with the same seed and the same request sequence injects the same faults.
 */
export const seededRandom = (seed: number): SeededRandom => {
  // mulberry32: small, fast and good enough to make fault injection reproducible from a seed.
  let state = seed >>> 0
  return {
    next: () => {
      state = (state + 0x6d2b79f5) >>> 0
      let t = state
      t = Math.imul(t ^ (t >>> 15), t | 1)
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
      return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
    }
  }
}

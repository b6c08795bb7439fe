/**
 * Runs work for the same key one at a time (per process): two refunds of one order must not both
 * pass the "refundable remainder" check before either is recorded.
 */
export const createKeyedLock = () => {
  const tails = new Map<string, Promise<unknown>>()
  return <T>(key: string, work: () => Promise<T>): Promise<T> => {
    const previous = tails.get(key) ?? Promise.resolve()
    const run = previous.then(work, work)
    const tail = run.catch(() => undefined)
    tails.set(key, tail)
    void tail.then(() => {
      if (tails.get(key) === tail) tails.delete(key)
    })
    return run
  }
}

/**
 * Shares one in-flight promise per key: concurrent checkouts of one order get the same QR
 * instead of creating two.
 */
export const createSingleFlight = () => {
  const inFlight = new Map<string, Promise<unknown>>()
  return <T>(key: string, work: () => Promise<T>): Promise<T> => {
    const existing = inFlight.get(key)
    if (existing !== undefined) return existing as Promise<T>
    const run = work().finally(() => inFlight.delete(key))
    inFlight.set(key, run)
    return run
  }
}

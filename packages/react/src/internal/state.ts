/**
 * A snapshot holder that notifies on every replacement.
 * @example
 * const state = createState({ count: 0 })
 * state.subscribe(() => console.log(state.get().count))
 * state.set({ count: 1 })
 */
export const createState = <S extends object>(initial: S) => {
  let state = initial
  const listeners = new Set<() => void>()
  return {
    get: () => state,
    set(patch: Partial<S>) {
      state = { ...state, ...patch }
      for (const listener of listeners) listener()
    },
    subscribe(listener: () => void) {
      listeners.add(listener)
      return () => {
        listeners.delete(listener)
      }
    }
  }
}

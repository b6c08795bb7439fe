import { useEffect, useMemo, useSyncExternalStore } from "react"
import type { ReadableStore } from "../store/external-store.js"

interface Startable<S> extends ReadableStore<S> {
  start(): void
  stop(): void
}

/**
 * Creates a store per key, runs it while mounted (and `enabled`) and re-renders on its changes.
 * The server snapshot is the initial one, so hooks render during SSR without side effects.
 * @example
 * const [snapshot, store] = useStore(() => createCheckoutStore({ client, orderId }), [client, orderId])
 */
export const useStore = <T extends Startable<object>>(
  create: () => T,
  keys: ReadonlyArray<unknown>,
  enabled = true
): [ReturnType<T["getSnapshot"]>, T] => {
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new store is wanted exactly when a key changes
  const store = useMemo(create, keys)
  useEffect(() => {
    if (!enabled) return
    store.start()
    return store.stop
  }, [store, enabled])
  const snapshot = useSyncExternalStore(store.subscribe, store.getSnapshot, store.getSnapshot)
  return [snapshot as ReturnType<T["getSnapshot"]>, store]
}

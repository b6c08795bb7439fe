/**
 * What every SDK store offers: a snapshot that changes by replacement, and change notifications.
 * It is exactly the contract of React's `useSyncExternalStore`, and works without React too.
 * @example
 * const unsubscribe = store.subscribe(() => render(store.getSnapshot()))
 */
export interface ReadableStore<S> {
  getSnapshot(): S
  subscribe(listener: () => void): () => void
}

/**
 * How live updates arrive: `sse` (server-sent events) or `polling` (the fallback).
 * @example
 * const badge = transport === "sse" ? "live" : "checking every few seconds"
 */
export type Transport = "sse" | "polling"

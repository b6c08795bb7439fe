import { MiaHttpError } from "../http-error.js"

/**
 * Counts open event streams so one order (a page left open in many tabs, a script) or the whole
 * instance can't hold unbounded connections and listeners. `take(orderId)` throws a 503
 * `MiaHttpError` (`too_many_streams`, `Retry-After: 30`) when full, else returns the release.
 *
 * @example
 * import { createStreamLimits } from "@mia-sdk/webhooks/web"
 *
 * const streams = createStreamLimits({ perOrder: 10, total: 1000 })
 * const release = streams.take("1001")
 * request.signal.addEventListener("abort", release)
 */
export const createStreamLimits = (limits: { readonly perOrder: number; readonly total: number }) => {
  const open = new Map<string, number>()
  let total = 0
  return {
    /** Takes a slot for `orderId` (503 when full: the hooks poll instead); returns its release. */
    take(orderId: string): () => void {
      const forOrder = open.get(orderId) ?? 0
      if (forOrder >= limits.perOrder || total >= limits.total) {
        throw new MiaHttpError(
          503,
          "too_many_streams",
          "Too many live streams",
          "Too many live streams are open; poll GET /orders/:orderId instead, or try again later.",
          { headers: { "Retry-After": "30" } }
        )
      }
      open.set(orderId, forOrder + 1)
      total++
      let released = false
      return () => {
        if (released) return
        released = true
        total--
        const left = (open.get(orderId) ?? 1) - 1
        if (left > 0) open.set(orderId, left)
        else open.delete(orderId)
      }
    }
  }
}

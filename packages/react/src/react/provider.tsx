import { createContext, type ReactNode, useContext, useMemo, useRef } from "react"
import { createMiaClient, type MiaClient, type MiaClientOptions } from "../client/create-client.js"

const MiaContext = createContext<MiaClient | undefined>(undefined)

/**
 * Props of {@link MiaProvider}: the {@link MiaClientOptions} (at least `apiBase`) and children.
 * @example
 * const props: MiaProviderProps = { apiBase: "/api/mia", children: null }
 */
export interface MiaProviderProps extends MiaClientOptions {
  readonly children?: ReactNode
}

/**
 * Tells the hooks where your server's `miaCheckout` / `miaPos` routers are mounted. Pass `fetch`
 * or `EventSource` to replace the browser's (tests, SSR); `EventSource={null}` forces polling.
 * @example
 * import { MiaProvider } from "@mia-sdk/react"
 * <MiaProvider apiBase="/api/mia">
 *   <CheckoutPage orderId="1001" />
 * </MiaProvider>
 */
export const MiaProvider = ({ children, ...options }: MiaProviderProps) => {
  const { apiBase, fetch, EventSource, credentials, polling, sseTimeoutMs } = options
  // Headers are read per request, so an inline `headers={{...}}` doesn't restart every hook.
  const headers = useRef(options.headers)
  headers.current = options.headers
  // biome-ignore lint/correctness/useExhaustiveDependencies: compare polling by value, not identity
  const client = useMemo(
    () =>
      createMiaClient({
        apiBase,
        fetch,
        EventSource,
        credentials,
        polling,
        sseTimeoutMs,
        headers: () => {
          const value = headers.current
          return (typeof value === "function" ? value() : value) ?? {}
        }
      }),
    [
      apiBase,
      fetch,
      EventSource,
      credentials,
      sseTimeoutMs,
      polling?.initialMs,
      polling?.maxMs,
      polling?.factor,
      polling?.safetyMs
    ]
  )
  return <MiaContext.Provider value={client}>{children}</MiaContext.Provider>
}

/**
 * The {@link MiaClient} of the nearest `<MiaProvider>`, for calls the hooks don't cover.
 * Throws, saying how to fix it, outside a provider.
 * @example
 * const client = useMiaClient()
 * await client.request("POST", "/orders/1001/refunds", { reason: "Returned" })
 */
export const useMiaClient = (hook = "useMiaClient"): MiaClient => {
  const client = useContext(MiaContext)
  if (!client) {
    throw new Error(
      `${hook}() must be used inside <MiaProvider>. Wrap the component tree that uses it, e.g. ` +
        `<MiaProvider apiBase="/api/mia">…</MiaProvider>, with apiBase set to where your miaCheckout/miaPos router is mounted.`
    )
  }
  return client
}

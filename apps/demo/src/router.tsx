import { type AnchorHTMLAttributes, type MouseEvent, useSyncExternalStore } from "react"

// A few pages do not justify a routing library: the History API and one external store do.
const listeners = new Set<() => void>()

const subscribe = (listener: () => void) => {
  listeners.add(listener)
  window.addEventListener("popstate", listener)
  return () => {
    listeners.delete(listener)
    window.removeEventListener("popstate", listener)
  }
}

const snapshot = () => window.location.pathname + window.location.search

/**
 * Moves to another page of the demo without a reload.
 * @example
 * navigate(`/checkout/${orderId}`)
 */
export const navigate = (to: string) => {
  window.history.pushState(null, "", to)
  for (const listener of listeners) listener()
  window.scrollTo(0, 0)
}

/**
 * The current path and query parameters; re-renders on navigation.
 * @example
 * const { path, query } = useLocation()
 */
export const useLocation = () => {
  const href = useSyncExternalStore(subscribe, snapshot)
  const url = new URL(href, window.location.origin)
  return { path: url.pathname, query: url.searchParams }
}

/**
 * An anchor that navigates in place (a normal link with modifier keys or `target`).
 * @example
 * <Link href="/admin">Admin</Link>
 */
export const Link = ({
  href,
  onClick,
  ...rest
}: AnchorHTMLAttributes<HTMLAnchorElement> & { href: string }) => {
  const handle = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event)
    if (event.defaultPrevented || rest.target || event.metaKey || event.ctrlKey || event.shiftKey) return
    event.preventDefault()
    navigate(href)
  }
  return <a href={href} onClick={handle} {...rest} />
}

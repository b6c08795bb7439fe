import { ADMIN_TOKEN_HEADER } from "../shared/types.js"

// sessionStorage: the token lives as long as the tab, is never sent to another site, and is not
// left behind on a shared machine the way localStorage would leave it.
const KEY = "mia-demo-admin-token"

const storage = (): Storage | undefined => {
  try {
    return window.sessionStorage
  } catch {
    // Storage can be switched off; the admin then types the token again after a reload.
    return undefined
  }
}

/**
 * The admin token typed on the admin page, if any.
 * @example
 * if (readAdminToken() === undefined) showTokenField()
 */
export const readAdminToken = (): string | undefined => storage()?.getItem(KEY) ?? undefined

/**
 * Keeps the admin token for this tab; an empty one forgets it.
 * @example
 * saveAdminToken(input.value)
 */
export const saveAdminToken = (token: string): void => {
  const trimmed = token.trim()
  if (trimmed === "") storage()?.removeItem(KEY)
  else storage()?.setItem(KEY, trimmed)
}

/**
 * The header that carries the admin token to the demo's server, or none without a token.
 * @example
 * fetch("/api/admin/orders", { headers: adminHeaders() })
 */
export const adminHeaders = (): Record<string, string> => {
  const token = readAdminToken()
  return token === undefined ? {} : { [ADMIN_TOKEN_HEADER]: token }
}

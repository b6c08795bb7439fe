/**
 * Where each MiaPos operation lives. Several paths are not public: those are our
 * best reconstruction, marked `inferred`, and every entry can be overridden per client.
 */

/**
 * The name of every MiaPos terminal API operation the client can call.
 *
 * @example
 * const operation: PosOperation = "qrCreate"
 */
export type PosOperation =
  | "activationInit"
  | "activationResendOtp"
  | "activationConfirm"
  | "terminalInfo"
  | "sellerLogin"
  | "sellerRefresh"
  | "sellerLogout"
  | "sellerInfo"
  | "shiftCheck"
  | "shiftOpen"
  | "shiftClose"
  | "qrListActive"
  | "qrCreate"
  | "qrGet"
  | "qrCancel"
  | "qrExtensionCreate"
  | "qrExtensionCheck"
  | "qrExtensionCancel"
  | "qrV1Create"
  | "qrV1Check"
  | "qrV1Cancel"
  | "zReportV1"
  | "zReport"
  | "xReport"
  | "receipt"
  | "transactionList"
  | "transactionDetails"
  | "transactionReturn"
  | "settingsGet"
  | "settingsSet"

/**
 * HTTP methods the MiaPos API uses.
 *
 * @example
 * const method: PosHttpMethod = "DELETE"
 */
export type PosHttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE"

/**
 * One route: the method and a path template whose `{name}` placeholders are filled from the
 * call (for example `{qrId}`). `source` says whether the path is published (`confirmed`) or
 * reconstructed (`inferred`); overrides you pass are `custom`.
 *
 * @example
 * const route: PosRoute = { method: "GET", path: "/pos/api/v2/qr/{qrId}", source: "inferred" }
 */
export interface PosRoute {
  readonly method: PosHttpMethod
  readonly path: string
  readonly source: "confirmed" | "inferred" | "custom"
}

/**
 * The full route table: one route per operation.
 *
 * @example
 * const table: PosRouteTable = defaultPosRoutes
 * table.qrCreate.path // "/pos/api/v2/qr"
 */
export type PosRouteTable = { readonly [K in PosOperation]: PosRoute }

/**
 * A route override: the path alone (the method stays) or a method and path.
 *
 * @example
 * const overrides: PosRouteOverrides = {
 *   activationResendOtp: "/pos/api/v1/terminal-activation/resend-otp",
 *   settingsSet: { method: "PUT", path: "/pos/api/v1/settings" }
 * }
 */
export type PosRouteOverrides = {
  readonly [K in PosOperation]?: string | { readonly method?: PosHttpMethod; readonly path: string }
}

const confirmed = (method: PosHttpMethod, path: string): PosRoute => ({ method, path, source: "confirmed" })
const inferred = (method: PosHttpMethod, path: string): PosRoute => ({ method, path, source: "inferred" })

/**
 * The built-in route table. `confirmed` paths are printed in the MiaPos OpenAPI text (seed 000)
 * or seen in the one public client; `inferred` ones are reconstructed from naming patterns and
 * may differ on your bank's deployment: override them with the `routes` client option.
 *
 * @example
 * import { defaultPosRoutes } from "@mia-sdk/core"
 *
 * const inferredOnes = Object.entries(defaultPosRoutes).filter(([, route]) => route.source === "inferred")
 */
export const defaultPosRoutes: PosRouteTable = {
  activationInit: confirmed("POST", "/pos/api/v1/terminal-activation/init"),
  activationResendOtp: inferred("POST", "/pos/api/v1/terminal-activation/resend"),
  activationConfirm: confirmed("POST", "/pos/api/v1/terminal-activation/confirm"),
  terminalInfo: inferred("GET", "/pos/api/v1/terminal-activation/{posActivationId}"),
  sellerLogin: confirmed("POST", "/pos/api/v1/seller/login"),
  sellerRefresh: confirmed("POST", "/pos/api/v1/seller/refresh"),
  sellerLogout: confirmed("POST", "/pos/api/v1/seller/logout"),
  sellerInfo: inferred("GET", "/pos/api/v1/seller/info"),
  shiftCheck: confirmed("GET", "/pos/api/v1/shift/check"),
  shiftOpen: confirmed("POST", "/pos/api/v1/shift/open"),
  shiftClose: confirmed("POST", "/pos/api/v1/shift/close"),
  qrListActive: confirmed("GET", "/pos/api/v2/qr/active"),
  qrCreate: confirmed("POST", "/pos/api/v2/qr"),
  qrGet: inferred("GET", "/pos/api/v2/qr/{qrId}"),
  qrCancel: confirmed("DELETE", "/pos/api/v2/qr/{qrId}"),
  qrExtensionCreate: confirmed("POST", "/pos/api/v2/qr/{qrId}/extension"),
  qrExtensionCheck: confirmed("GET", "/pos/api/v2/qr/extension/{extensionId}/check"),
  qrExtensionCancel: confirmed("DELETE", "/pos/api/v2/qr/extension/{extensionId}"),
  qrV1Create: inferred("POST", "/pos/api/v1/qr"),
  qrV1Check: inferred("GET", "/pos/api/v1/qr/{qrId}/check"),
  qrV1Cancel: inferred("DELETE", "/pos/api/v1/qr/{qrId}"),
  zReportV1: inferred("GET", "/pos/api/v1/shift/{shiftId}/z-report"),
  zReport: confirmed("GET", "/pos/api/v2/shift/{shiftId}/z-report"),
  xReport: inferred("GET", "/pos/api/v2/shift/{shiftId}/x-report"),
  receipt: inferred("GET", "/pos/api/v2/tx/{txId}/receipt"),
  transactionList: inferred("GET", "/pos/api/v1/shift/{shiftId}/tx"),
  transactionDetails: inferred("GET", "/pos/api/v1/tx/{txId}"),
  transactionReturn: inferred("POST", "/pos/api/v1/tx/return"),
  settingsGet: inferred("GET", "/pos/api/v1/settings"),
  settingsSet: inferred("POST", "/pos/api/v1/settings")
}

const METHODS: ReadonlySet<string> = new Set(["GET", "POST", "PUT", "PATCH", "DELETE"])

/**
 * Why a route override was rejected: the operation and what to fix.
 *
 * @example
 * const problem: PosRouteProblem = { operation: "qrGet", message: "path must start with /" }
 */
export interface PosRouteProblem {
  readonly operation: string
  readonly message: string
}

/**
 * Merges overrides into the default table. Returns the problems instead when an override names
 * an unknown operation, has a path that does not start with `/` (or holds a query), or an unknown method.
 *
 * @example
 * const table = resolvePosRoutes({ qrGet: "/custom/qr/{qrId}" })
 * if (Array.isArray(table)) throw new Error(table[0].message)
 */
export const resolvePosRoutes = (
  overrides: PosRouteOverrides | undefined
): PosRouteTable | ReadonlyArray<PosRouteProblem> => {
  if (overrides === undefined) return defaultPosRoutes
  const table: Record<string, PosRoute> = { ...defaultPosRoutes }
  const problems: Array<PosRouteProblem> = []
  for (const [operation, override] of Object.entries(overrides)) {
    if (override === undefined) continue
    const base = table[operation]
    if (base === undefined) {
      problems.push({
        operation,
        message: `unknown operation; use one of ${Object.keys(defaultPosRoutes).join(", ")}`
      })
      continue
    }
    const path = typeof override === "string" ? override : override.path
    const method = typeof override === "string" ? base.method : (override.method ?? base.method)
    if (typeof path !== "string" || !path.startsWith("/") || /[?#\s]/.test(path)) {
      problems.push({
        operation,
        message: `path must start with "/" and hold no query, fragment or spaces (ids not used in the path are sent as query parameters), got ${JSON.stringify(path)}`
      })
      continue
    }
    if (!METHODS.has(method)) {
      problems.push({
        operation,
        message: `method must be one of GET, POST, PUT, PATCH, DELETE, got ${String(method)}`
      })
      continue
    }
    table[operation] = { method, path, source: "custom" }
  }
  return problems.length > 0 ? problems : (table as PosRouteTable)
}

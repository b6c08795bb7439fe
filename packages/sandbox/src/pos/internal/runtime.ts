import type { PosOtpMailbox } from "../otp-inbox.js"
import type { PosSessionRecord } from "../records.js"
import type { PosSandboxRoute } from "../sandbox-route.js"
import type { PosStore } from "../state.js"
import type { PosConfig, ResolvedSeller, ResolvedTerminal } from "./config.js"

/** What every route handler works with. */
export interface PosRuntime {
  readonly config: PosConfig
  readonly store: PosStore
  readonly inbox: PosOtpMailbox
  readonly terminals: ReadonlyMap<string, ResolvedTerminal>
  readonly sellers: ReadonlyMap<number, ResolvedSeller>
  /** The clock's now, in the API's offset-less local format. */
  local(epochMilliseconds: number): string
}

/** One incoming request, parsed once by the router. */
export interface PosRequestContext {
  readonly request: Request
  readonly url: URL
  readonly params: Readonly<Record<string, string>>
  /** The parsed JSON body, or `undefined` when there was none. */
  readonly body: unknown
  readonly now: number
  /** Set by a handler so the request is recorded as that terminal's last request. */
  terminalId: string | undefined
}

/** The seller behind a valid bearer token. */
export interface PosSellerContext {
  readonly session: PosSessionRecord
  readonly terminal: ResolvedTerminal
  readonly seller: ResolvedSeller
}

type Reply = Response | Promise<Response>

type RouteInfo = Omit<PosSandboxRoute, "auth">

/** A route anyone may call (activation, login, sandbox helpers). */
export interface PublicRoute extends RouteInfo {
  readonly auth: false
  handle(context: PosRequestContext): Reply
}

/** A route that needs a seller's access token. */
export interface SellerRoute extends RouteInfo {
  readonly auth: true
  handle(context: PosRequestContext, seller: PosSellerContext): Reply
}

export type PosRoute = PublicRoute | SellerRoute

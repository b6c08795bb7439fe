import * as Effect from "effect/Effect"
import * as Redacted from "effect/Redacted"
import { resultDecoder } from "../../../internal/mia-envelope.js"
import { toRedacted } from "../../../internal/secret.js"
import { checkString, issue, orFail } from "../../../internal/validation.js"
import type { PosSellerCredentials } from "../../inputs.js"
import type { PosSellerLoggedIn } from "../../model/seller.js"
import type { PosSellerApi, PosSessionApi } from "../../service.js"
import type { PosTokens } from "../../session/session.js"
import type { SellerLogin } from "../session-manager.js"
import { toSellerInfo } from "../to-model.js"
import { AuthResponseWire, SellerInfoWire } from "../wire/seller.js"
import { type PosContext, span } from "./context.js"

const decodeAuth = resultDecoder(AuthResponseWire, { sensitive: true })
const decodeSellerInfo = resultDecoder(SellerInfoWire)

const loggedIn = (tokens: PosTokens): PosSellerLoggedIn => ({
  accessTokenExpiresAt: new Date(tokens.accessTokenExpiresAt)
})

const toLogin = (credentials: PosSellerCredentials | undefined): SellerLogin | ReturnType<typeof issue> => {
  if (typeof credentials !== "object" || credentials === null) {
    return issue("credentials", "required", "credentials must be { username, password }.")
  }
  const problem = checkString("username", credentials.username, { required: true, max: 200 })
  if (problem) return problem
  const password = Redacted.isRedacted(credentials.password)
    ? Redacted.value(credentials.password as Redacted.Redacted<unknown>)
    : credentials.password
  if (typeof password !== "string" || password === "")
    return issue("password", "required", "password is required.")
  return { username: credentials.username, password: toRedacted(credentials.password) }
}

/**
 * The login and refresh requests themselves; the session manager decides when to send them.
 *
 * @example
 * const { login, refresh } = makeAuthRequests({ send })
 */
export const makeAuthRequests = ({ send }: Pick<PosContext, "send">) => ({
  login: (terminalActivationId: string, seller: SellerLogin) =>
    send({
      operation: "sellerLogin",
      auth: "none",
      sensitive: true,
      body: { terminalActivationId, username: seller.username, password: Redacted.value(seller.password) }
    }).pipe(
      Effect.flatMap((answer) => decodeAuth("sellerLogin", answer)),
      Effect.map((wire) => wire.authTokens),
      span("sellerLogin")
    ),
  refresh: (terminalActivationId: string, refreshToken: string) =>
    send({
      operation: "sellerRefresh",
      auth: "none",
      sensitive: true,
      body: { refreshToken, terminalActivationId }
    }).pipe(
      Effect.flatMap((answer) => decodeAuth("sellerRefresh", answer)),
      Effect.map((wire) => wire.authTokens),
      span("sellerRefresh")
    )
})

/**
 * The `seller` group: login, refresh, logout and session info.
 *
 * @example
 * const seller = makeSellerApi(context)
 */
export const makeSellerApi = ({ send, session, config }: PosContext): PosSellerApi => ({
  login: (credentials) => {
    const seller =
      credentials !== undefined
        ? toLogin(credentials)
        : (config.seller ??
          issue(
            "credentials",
            "required",
            "pass { username, password }, or give the client a `seller` option."
          ))
    return orFail("sellerLogin", seller).pipe(
      Effect.flatMap((login) => session.login("sellerLogin", login as SellerLogin)),
      Effect.map(loggedIn)
    )
  },

  refresh: () => Effect.map(session.forceRefresh, loggedIn),

  logout: () =>
    Effect.gen(function* () {
      const current = yield* session.current("sellerLogout")
      if (current.tokens === undefined) return
      const { refreshToken } = current.tokens
      yield* send({ operation: "sellerLogout", auth: "optional", sensitive: true, body: { refreshToken } })
      yield* session.update("sellerLogout", (state) => ({ ...state, tokens: undefined }))
    }).pipe(span("sellerLogout")),

  info: () =>
    send({ operation: "sellerInfo", auth: "bearer" }).pipe(
      Effect.flatMap((answer) => decodeSellerInfo("sellerInfo", answer)),
      Effect.map(toSellerInfo),
      span("sellerInfo")
    )
})

/**
 * The `session` group: what the session store holds, without tokens.
 *
 * @example
 * const session = makeSessionApi(context)
 */
export const makeSessionApi = ({ session }: PosContext): PosSessionApi => ({
  get: () =>
    Effect.map(session.current("sessionGet"), (current) => ({
      terminalActivationId: current.terminalActivationId,
      loggedIn: current.tokens !== undefined,
      accessTokenExpiresAt:
        current.tokens === undefined ? undefined : new Date(current.tokens.accessTokenExpiresAt),
      shiftId: current.shiftId
    }))
})

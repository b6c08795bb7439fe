import * as Effect from "effect/Effect"
import * as Redacted from "effect/Redacted"
import type { MiaError } from "../errors/index.js"
import type { MiaAccessToken } from "../internal/auth/bearer-token-auth.js"
import { type ClientHost, type RequestOptions, runCall } from "../internal/promise-facade.js"

/**
 * The methods every MIA Promise client (QR, RTP) writes by hand rather than derives: the token as
 * plain data, the local callback check (no runtime needed) and closing.
 */
export const miaPromiseBasics = <R, V>(
  host: ClientHost<R>,
  service: {
    readonly getAccessToken: Effect.Effect<MiaAccessToken, MiaError>
    readonly verifyCallback: (body: unknown) => Effect.Effect<V>
  }
) => ({
  getAccessToken: (requestOptions?: RequestOptions) =>
    runCall(
      host,
      "getAccessToken",
      Effect.map(service.getAccessToken, (token) => ({
        ...token,
        accessToken: Redacted.value(token.accessToken)
      })),
      requestOptions
    ),
  verifyCallback: (body: unknown) => Effect.runPromise(service.verifyCallback(body)),
  close: host.close,
  [Symbol.asyncDispose]: host.close
})

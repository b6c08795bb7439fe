import * as Effect from "effect/Effect"
import type * as Scope from "effect/Scope"
import type { MiaError } from "../errors/index.js"
import type { Auth } from "../internal/auth/auth.js"
import { type BearerTokenAuth, makeBearerTokenAuth } from "../internal/auth/bearer-token-auth.js"
import type { Transport } from "../internal/http/http-types.js"
import { unwrapMiaEnvelope } from "../internal/pipeline/envelope.js"
import { makePipeline, type Pipeline } from "../internal/pipeline/pipeline.js"
import type { ResolvedMiaOptions } from "./resolve-options.js"
import { issueTokenOperation } from "./token-operation.js"

/**
 * The pipeline every MIA API (QR, RTP) runs on: the MIA envelope and the bearer token of
 * `/v2/auth/token`, whose requests live in the surrounding `Scope`.
 */
export const makeMiaPipeline = (
  config: ResolvedMiaOptions,
  transport: Transport,
  spanPrefix: string
): Effect.Effect<
  { readonly pipeline: Pipeline<MiaError>; readonly bearer: BearerTokenAuth },
  never,
  Scope.Scope
> => {
  const auth: Record<string, Auth<MiaError>> = {}
  const pipeline = makePipeline<MiaError>({
    spanPrefix,
    transport,
    timeoutMs: config.timeoutMs,
    retry: config.retry,
    envelope: unwrapMiaEnvelope,
    auth,
    logger: config.logger,
    tracer: config.tracer
  })
  return Effect.map(makeBearerTokenAuth(pipeline.run(issueTokenOperation(config), [])), (bearer) => {
    auth.bearer = bearer.auth
    return { pipeline, bearer }
  })
}

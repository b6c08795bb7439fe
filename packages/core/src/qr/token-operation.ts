import * as Redacted from "effect/Redacted"
import { defineOperation } from "../internal/pipeline/operation.js"
import { schemaDecoder } from "../internal/pipeline/result-decoder.js"
import type { ResolvedMiaOptions } from "./resolve-options.js"
import { MiaTokenResultSchema } from "./schemas/token.js"

/**
 * `POST /v2/auth/token`: the access token every client on the MIA host (QR, RTP) uses. Safe to
 * repeat; its answer is a secret, so it never reaches logs or error bodies.
 */
export const issueTokenOperation = (config: Pick<ResolvedMiaOptions, "clientId" | "clientSecret">) =>
  defineOperation({
    name: "issueToken",
    method: "POST",
    path: "/v2/auth/token",
    auth: "none",
    idempotent: true,
    sensitive: true,
    prepare: () => ({
      body: { clientId: Redacted.value(config.clientId), clientSecret: Redacted.value(config.clientSecret) }
    }),
    decode: schemaDecoder(MiaTokenResultSchema, { sensitive: true })
  })

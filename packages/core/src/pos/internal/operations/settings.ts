import * as Effect from "effect/Effect"
import { MiaResponseError } from "../../../errors/mia-response-error.js"
import { resultDecoder } from "../../../internal/mia-envelope.js"
import { orFail } from "../../../internal/validation.js"
import type { PosSettingsApi } from "../../service.js"
import { prepareSettings } from "../prepare.js"
import { toQrSettings } from "../to-model.js"
import { ResultOnlyWire } from "../wire/seller.js"
import { SettingsWire } from "../wire/settings.js"
import { type PosContext, span } from "./context.js"

const decodeSettings = resultDecoder(SettingsWire)
const decodeResult = resultDecoder(ResultOnlyWire)

/**
 * The `settings` group: read and write the terminal's QR settings.
 *
 * @example
 * const settings = makeSettingsApi(context)
 */
export const makeSettingsApi = ({ send, config }: PosContext): PosSettingsApi => ({
  get: () =>
    send({ operation: "settingsGet", auth: "bearer" }).pipe(
      Effect.flatMap((answer) => decodeSettings("settingsGet", answer)),
      Effect.flatMap((wire) =>
        wire.qrSettings === undefined
          ? Effect.fail(
              new MiaResponseError({
                operation: "settingsGet",
                status: 200,
                reason: "unexpected_result",
                bodySnippet: JSON.stringify(wire).slice(0, 500),
                message: "settingsGet: the answer has no qrSettings."
              })
            )
          : Effect.succeed(toQrSettings(wire.qrSettings, config.timeZone))
      ),
      span("settingsGet")
    ),

  set: (input) =>
    orFail("settingsSet", prepareSettings(input)).pipe(
      Effect.flatMap((body) => send({ operation: "settingsSet", auth: "bearer", body })),
      Effect.flatMap((answer) => decodeResult("settingsSet", answer)),
      Effect.asVoid,
      span("settingsSet")
    )
})

import { objectBody, optionalBoolean, requiredEnum } from "../internal/fields.js"
import { AMOUNT_TYPES, QR_TYPES } from "../internal/qr-model.js"
import { badRequest, outcome, success } from "../internal/responses.js"
import type { PosRoute, PosRuntime } from "../internal/runtime.js"

/** Get and set a terminal's QR settings, honouring `prohibitSettingsChange`. */
export const settingsRoutes = (runtime: PosRuntime): PosRoute[] => [
  {
    method: "GET",
    path: "/pos/api/v1/settings",
    operation: "settingsGet",
    source: "inferred",
    auth: true,
    handle: (_context, { terminal }) => {
      const settings = runtime.store.settings.get(terminal.terminalId)!
      return success({
        qrSettings: {
          qrType: settings.qrType,
          qrAmountType: settings.qrAmountType,
          qrTtl: settings.qrTtl,
          prohibitSettingsChange: settings.prohibitSettingsChange,
          whenUpdated: runtime.local(settings.whenUpdated)
        }
      })
    }
  },
  {
    method: "POST",
    path: "/pos/api/v1/settings",
    operation: "settingsSet",
    source: "inferred",
    auth: true,
    handle: (context, { terminal }) => {
      const body = objectBody(context.body, "with qrType and qrAmountType")
      const qrType = requiredEnum(body, "qrType", QR_TYPES)
      const qrAmountType = requiredEnum(body, "qrAmountType", AMOUNT_TYPES)
      // Seed 000 documents 300 s as the default when qrTtl is left out.
      const qrTtl = body.qrTtl ?? 300
      if (typeof qrTtl !== "number" || !Number.isSafeInteger(qrTtl) || qrTtl < 30) {
        throw badRequest('Field "qrTtl" must be a whole number of seconds, at least 30.')
      }
      const prohibitSettingsChange = optionalBoolean(body, "prohibitSettingsChange") ?? false
      if (
        body.whenUpdated !== undefined &&
        body.whenUpdated !== null &&
        typeof body.whenUpdated !== "string"
      ) {
        throw badRequest('Field "whenUpdated" must be a date-time string or null.')
      }
      const current = runtime.store.settings.get(terminal.terminalId)!
      if (current.prohibitSettingsChange) {
        return outcome(
          "settings_change_prohibited",
          "The merchant locked this terminal's settings (prohibitSettingsChange); change them in the back office."
        )
      }
      runtime.store.settings.set(terminal.terminalId, {
        qrType,
        qrAmountType,
        qrTtl,
        prohibitSettingsChange,
        whenUpdated: context.now
      })
      return success()
    }
  }
]

import * as Effect from "effect/Effect"
import { MiaResponseError } from "../../../errors/mia-response-error.js"
import { resultDecoder } from "../../../internal/mia-envelope.js"
import { checkId, isIssue, issue, normalizeEnum, orFail } from "../../../internal/validation.js"
import type { PosQrApi, PosQrV1Api } from "../../service.js"
import { prepareCreateQr, prepareExtension, prepareQrV1Create, QR_TYPES } from "../prepare.js"
import {
  pickCreatedExtension,
  toExtension,
  toExtensionStatus,
  toQr,
  toQrLookup,
  toQrV1,
  toQrV1Status
} from "../to-model.js"
import {
  QrActiveListWire,
  QrCreateWire,
  QrExtensionCheckWire,
  QrExtensionCreateWire,
  QrGetWire,
  QrV1CheckWire,
  QrV1CreateWire
} from "../wire/qr.js"
import { ResultOnlyWire } from "../wire/seller.js"
import { type PosContext, span } from "./context.js"

const decodeActive = resultDecoder(QrActiveListWire)
const decodeCreate = resultDecoder(QrCreateWire)
const decodeGet = resultDecoder(QrGetWire)
const decodeExtensionCreate = resultDecoder(QrExtensionCreateWire)
const decodeExtensionCheck = resultDecoder(QrExtensionCheckWire)
const decodeResult = resultDecoder(ResultOnlyWire)
const decodeV1Create = resultDecoder(QrV1CreateWire)
const decodeV1Check = resultDecoder(QrV1CheckWire)

const imageQuery = (includeImage: unknown) =>
  includeImage === true ? { isImageRequired: "true" } : undefined

const checkIncludeImage = (value: unknown) =>
  value === undefined || typeof value === "boolean"
    ? undefined
    : issue("includeImage", "type_boolean", "includeImage must be true or false.")

const prepareActiveFilter = (filter: unknown) => {
  if (filter === undefined) return {}
  if (typeof filter !== "object" || filter === null)
    return issue("filter", "required", "filter must be an object.")
  const { type, includeImage } = filter as { type?: unknown; includeImage?: unknown }
  const problem = checkIncludeImage(includeImage)
  if (problem) return problem
  const qrType = type === undefined ? undefined : normalizeEnum("type", type, QR_TYPES)
  if (isIssue(qrType)) return qrType
  return { type: qrType, ...imageQuery(includeImage) }
}

/**
 * The `qr` group (API v2): create, look up, list and cancel QRs and their extensions.
 *
 * @example
 * const qr = makeQrApi(context)
 */
export const makeQrApi = ({ send, config: { timeZone } }: PosContext): PosQrApi => ({
  listActive: (filter) =>
    orFail("qrListActive", prepareActiveFilter(filter)).pipe(
      Effect.flatMap((query) => send({ operation: "qrListActive", auth: "bearer", query })),
      Effect.flatMap((answer) => decodeActive("qrListActive", answer)),
      Effect.map((wire) => (wire.codes ?? []).map(toQr)),
      span("qrListActive")
    ),

  create: (input) =>
    orFail("qrCreate", prepareCreateQr(input)).pipe(
      Effect.flatMap((body) => send({ operation: "qrCreate", auth: "bearer", body })),
      Effect.flatMap((answer) => decodeCreate("qrCreate", answer)),
      Effect.map((wire) => toQr(wire.qrInfo)),
      span("qrCreate", { "miapos.qr_type": input?.qrType, "miapos.amount_type": input?.amountType })
    ),

  get: (qrId, options) =>
    orFail("qrGet", checkId("qrId", qrId) ?? checkIncludeImage(options?.includeImage)).pipe(
      Effect.flatMap(() =>
        send({
          operation: "qrGet",
          auth: "bearer",
          params: { qrId },
          query: imageQuery(options?.includeImage)
        })
      ),
      Effect.flatMap((answer) => decodeGet("qrGet", answer)),
      Effect.map(toQrLookup),
      span("qrGet", { "miapos.qr_id": qrId })
    ),

  cancel: (qrId) =>
    orFail("qrCancel", checkId("qrId", qrId)).pipe(
      Effect.flatMap(() => send({ operation: "qrCancel", auth: "bearer", params: { qrId } })),
      Effect.flatMap((answer) => decodeResult("qrCancel", answer)),
      Effect.asVoid,
      span("qrCancel", { "miapos.qr_id": qrId })
    ),

  createExtension: (qrId, input) =>
    orFail("qrExtensionCreate", checkId("qrId", qrId) ?? prepareExtension(input)).pipe(
      Effect.flatMap((body) =>
        send({ operation: "qrExtensionCreate", auth: "bearer", params: { qrId }, body })
      ),
      Effect.flatMap((answer) => decodeExtensionCreate("qrExtensionCreate", answer)),
      Effect.flatMap((wire) => {
        const extension = pickCreatedExtension(wire)
        return extension === undefined
          ? Effect.fail(
              new MiaResponseError({
                operation: "qrExtensionCreate",
                status: 200,
                reason: "unexpected_result",
                bodySnippet: JSON.stringify(wire).slice(0, 500),
                message: "qrExtensionCreate: the answer has neither extensionIfo nor extensionInfo."
              })
            )
          : Effect.succeed(toExtension(extension))
      }),
      span("qrExtensionCreate", { "miapos.qr_id": qrId })
    ),

  checkExtension: (extensionId) =>
    orFail("qrExtensionCheck", checkId("extensionId", extensionId)).pipe(
      Effect.flatMap(() => send({ operation: "qrExtensionCheck", auth: "bearer", params: { extensionId } })),
      Effect.flatMap((answer) => decodeExtensionCheck("qrExtensionCheck", answer)),
      Effect.map((wire) => toExtensionStatus(wire, timeZone)),
      span("qrExtensionCheck", { "miapos.extension_id": extensionId })
    ),

  cancelExtension: (extensionId) =>
    orFail("qrExtensionCancel", checkId("extensionId", extensionId)).pipe(
      Effect.flatMap(() => send({ operation: "qrExtensionCancel", auth: "bearer", params: { extensionId } })),
      Effect.flatMap((answer) => decodeResult("qrExtensionCancel", answer)),
      Effect.asVoid,
      span("qrExtensionCancel", { "miapos.extension_id": extensionId })
    )
})

/**
 * The deprecated `qrV1` group: dynamic QRs of the v1 API.
 *
 * @example
 * const qrV1 = makeQrV1Api(context)
 */
export const makeQrV1Api = ({ send, config }: PosContext): PosQrV1Api => ({
  create: (input) =>
    orFail("qrV1Create", prepareQrV1Create(input)).pipe(
      Effect.flatMap((body) => send({ operation: "qrV1Create", auth: "bearer", body })),
      Effect.flatMap((answer) => decodeV1Create("qrV1Create", answer)),
      Effect.map(toQrV1),
      span("qrV1Create")
    ),

  check: (qrId) =>
    orFail("qrV1Check", checkId("qrId", qrId)).pipe(
      Effect.flatMap(() => send({ operation: "qrV1Check", auth: "bearer", params: { qrId } })),
      Effect.flatMap((answer) => decodeV1Check("qrV1Check", answer)),
      Effect.map((wire) => toQrV1Status(wire, config.timeZone)),
      span("qrV1Check", { "miapos.qr_id": qrId })
    ),

  cancel: (qrId) =>
    orFail("qrV1Cancel", checkId("qrId", qrId)).pipe(
      Effect.flatMap(() => send({ operation: "qrV1Cancel", auth: "bearer", params: { qrId } })),
      Effect.flatMap((answer) => decodeResult("qrV1Cancel", answer)),
      Effect.asVoid,
      span("qrV1Cancel", { "miapos.qr_id": qrId })
    )
})

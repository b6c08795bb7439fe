import * as Effect from "effect/Effect"
import { resultDecoder } from "../../../internal/mia-envelope.js"
import { checkObject, checkString, issue, orFail } from "../../../internal/validation.js"
import type { PosActivationApi } from "../../service.js"
import { checkOtpCode, prepareActivationInit } from "../prepare.js"
import { toActivationConfirmed, toActivationStarted, toOtpResent, toTerminalInfo } from "../to-model.js"
import {
  ActivationConfirmWire,
  ActivationInitWire,
  ActivationResendWire,
  TerminalInfoWire
} from "../wire/activation.js"
import { type PosContext, span } from "./context.js"

const decodeInit = resultDecoder(ActivationInitWire)
const decodeResend = resultDecoder(ActivationResendWire)
const decodeConfirm = resultDecoder(ActivationConfirmWire)
const decodeTerminalInfo = resultDecoder(TerminalInfoWire)

const checkActivationRef = (input: unknown) =>
  input === undefined
    ? undefined
    : typeof input !== "object" || input === null
      ? issue("input", "required", "input must be an object such as { terminalActivationId }.")
      : checkString(
          "terminalActivationId",
          (input as { terminalActivationId?: unknown }).terminalActivationId,
          {
            max: 100
          }
        )

/**
 * The `activation` group: OTP binding of this device to a terminal; stores the activation id.
 *
 * @example
 * const activation = makeActivationApi(context)
 */
export const makeActivationApi = ({ send, session }: PosContext): PosActivationApi => ({
  init: (input) =>
    orFail("activationInit", prepareActivationInit(input)).pipe(
      Effect.flatMap((body) => send({ operation: "activationInit", auth: "none", body })),
      Effect.flatMap((answer) => decodeInit("activationInit", answer)),
      Effect.tap((wire) =>
        // A new binding: tokens and shift of an earlier activation no longer apply.
        session.update("activationInit", (current) =>
          current.terminalActivationId === wire.terminalActivationId
            ? current
            : { terminalActivationId: wire.terminalActivationId }
        )
      ),
      Effect.map(toActivationStarted),
      span("activationInit", { "miapos.terminal_id": input?.terminalId })
    ),

  resendOtp: (input) =>
    orFail("activationResendOtp", checkActivationRef(input) ?? input).pipe(
      Effect.flatMap(() => session.activationId("activationResendOtp", input?.terminalActivationId)),
      Effect.flatMap((terminalActivationId) =>
        send({ operation: "activationResendOtp", auth: "none", body: { terminalActivationId } })
      ),
      Effect.flatMap((answer) => decodeResend("activationResendOtp", answer)),
      Effect.map(toOtpResent),
      span("activationResendOtp")
    ),

  confirm: (input) =>
    orFail(
      "activationConfirm",
      checkObject("input", input) ?? checkActivationRef(input) ?? checkOtpCode(input.otpCode) ?? input
    ).pipe(
      Effect.flatMap(() => session.activationId("activationConfirm", input.terminalActivationId)),
      Effect.flatMap((terminalActivationId) =>
        send({
          operation: "activationConfirm",
          auth: "none",
          body: { terminalActivationId, otpCode: input.otpCode.trim() }
        }).pipe(
          Effect.flatMap((answer) => decodeConfirm("activationConfirm", answer)),
          Effect.tap(() =>
            session.update("activationConfirm", (current) =>
              current.terminalActivationId === terminalActivationId ? current : { terminalActivationId }
            )
          ),
          Effect.map((wire) => toActivationConfirmed(terminalActivationId, wire))
        )
      ),
      span("activationConfirm")
    ),

  terminalInfo: (input) =>
    orFail("terminalInfo", checkActivationRef(input) ?? input).pipe(
      Effect.flatMap(() => session.activationId("terminalInfo", input?.terminalActivationId)),
      Effect.flatMap((posActivationId) =>
        send({ operation: "terminalInfo", auth: "none", params: { posActivationId } })
      ),
      Effect.flatMap((answer) => decodeTerminalInfo("terminalInfo", answer)),
      Effect.map(toTerminalInfo),
      span("terminalInfo")
    )
})

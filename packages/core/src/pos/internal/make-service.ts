import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Stream from "effect/Stream"
import { MiaResponseError } from "../../errors/mia-response-error.js"
import type { MiaValidationError } from "../../errors/mia-validation-error.js"
import type { PosSessionAuth } from "../../internal/auth/pos-session-auth.js"
import type { PosSessionState } from "../../internal/auth/pos-session-state.js"
import type { OperationDescriptor } from "../../internal/pipeline/operation.js"
import { operationMethod, type Pipeline } from "../../internal/pipeline/pipeline.js"
import { isIssue, issue, orFail, validationError } from "../../internal/validation.js"
import type { MiaPosError } from "../errors/index.js"
import type { MiaPosSessionError } from "../errors/pos-session-error.js"
import type { PosActivationRef, PosListTransactionsInput, PosShiftReportInput } from "../inputs.js"
import type { PosReportFormat } from "../model/report.js"
import type { PosSellerLoggedIn } from "../model/seller.js"
import type { PosShift } from "../model/shift.js"
import type { MiaPosClientService, PosReportsApi } from "../service.js"
import type { PosSession, PosTokens } from "../session/session.js"
import type { PosOperations } from "./operations.js"
import { checkActivationRef, prepareFormat, prepareSellerLogin } from "./prepare.js"
import { type ReportParts, toReport } from "./report-content.js"
import type { ResolvedPosOptions } from "./resolve-options.js"
import { toActivationConfirmed } from "./to-model.js"

/** What the service is assembled from: the operation table, its pipeline and the seller session. */
export interface PosServiceParts {
  readonly pipeline: Pipeline<MiaPosError>
  readonly operations: PosOperations
  readonly session: PosSessionState
  readonly seller: PosSessionAuth
  readonly config: Pick<ResolvedPosOptions, "baseUrl" | "routes" | "seller">
}

const loggedIn = (tokens: PosTokens): PosSellerLoggedIn => ({
  accessTokenExpiresAt: new Date(tokens.accessTokenExpiresAt)
})

/** A new binding: tokens and shift of an earlier activation no longer apply. */
const bound = (terminalActivationId: string) => (current: PosSession) =>
  current.terminalActivationId === terminalActivationId ? current : { terminalActivationId }

const shiftIdOf = (input: unknown): string | undefined =>
  typeof input === "object" && input !== null ? (input as { readonly shiftId?: string }).shiftId : undefined

/** The format a report was asked in; only read after the operation accepted the input. */
const formatOf = (input: { readonly format?: unknown } | undefined): PosReportFormat => {
  const format = prepareFormat(input?.format)
  return isIssue(format) ? "pdf" : format
}

/** A transaction page that starts again at its own cursor: paging would never end. */
export const stuckCursor = (cursor: string) =>
  new MiaResponseError({
    operation: "transactionList",
    status: 200,
    reason: "unexpected_result",
    bodySnippet: "",
    message: `transactionList: the page after txId ${cursor} starts again at ${cursor}; paging stopped.`
  })

/**
 * The MiaPos service over its descriptors. Most methods run one descriptor; the rest add what
 * the terminal's session needs: the activation id and current shift as defaults, and the
 * session kept up to date after activation, login, logout and shift changes.
 */
export const makePosService = ({ pipeline, operations: ops, session, seller, config }: PosServiceParts) => {
  const run = pipeline.run
  const method = <Args extends ReadonlyArray<unknown>, A>(
    operation: OperationDescriptor<Args, A>,
    arity: Args["length"]
  ) => operationMethod(pipeline, operation, arity)

  const activationFor = (
    operation: string,
    input: PosActivationRef | undefined
  ): Effect.Effect<string, MiaValidationError | MiaPosSessionError> => {
    const problem = checkActivationRef(input)
    return problem
      ? Effect.fail(validationError(operation, problem))
      : session.activationId(operation, input?.terminalActivationId)
  }

  /** `explicit`, else the session's shift; the operation's own check names a missing one. */
  const shiftFor = (operation: string, explicit: string | undefined) =>
    explicit !== undefined
      ? Effect.succeed(explicit)
      : Effect.map(session.current(operation), (current) => current.shiftId)

  const recordShift = (operation: string, change: (shiftId: string | undefined) => string | undefined) =>
    session.update(operation, (current) => {
      const shiftId = change(current.shiftId)
      return shiftId === current.shiftId ? current : { ...current, shiftId }
    })

  const report =
    <Data>(operation: string, input: { readonly format?: unknown } | undefined) =>
    (parts: ReportParts<Data>) =>
      Effect.fromResult(toReport(operation, formatOf(input), parts))

  const reports: PosReportsApi = {
    // The value always has the format asked for; the generic signatures tell callers so.
    zReport: ((input) =>
      Effect.flatMap(run(ops.zReport, [input]), report("zReport", input))) as PosReportsApi["zReport"],
    xReport: ((input: PosShiftReportInput | undefined) =>
      Effect.flatMap(shiftFor("xReport", shiftIdOf(input)), (shiftId) =>
        Effect.flatMap(run(ops.xReport, [shiftId, input]), report("xReport", input))
      )) as PosReportsApi["xReport"],
    receipt: ((input) =>
      Effect.flatMap(run(ops.receipt, [input]), report("receipt", input))) as PosReportsApi["receipt"],
    zReportLegacy: method(ops.zReportV1, 1)
  }

  return {
    baseUrl: config.baseUrl,
    routes: config.routes,
    activation: {
      init: (input) =>
        Effect.tap(run(ops.activationInit, [input]), (started) =>
          session.update("activationInit", bound(started.terminalActivationId))
        ),
      resendOtp: (input) =>
        Effect.flatMap(activationFor("activationResendOtp", input), (id) =>
          run(ops.activationResendOtp, [id])
        ),
      confirm: (input) =>
        Effect.flatMap(activationFor("activationConfirm", input), (id) =>
          run(ops.activationConfirm, [id, input]).pipe(
            Effect.tap(() => session.update("activationConfirm", bound(id))),
            Effect.map((wire) => toActivationConfirmed(id, wire))
          )
        ),
      terminalInfo: (input) =>
        Effect.flatMap(activationFor("terminalInfo", input), (id) => run(ops.terminalInfo, [id]))
    },
    seller: {
      login: (credentials) =>
        Effect.flatMap(
          orFail(
            "sellerLogin",
            credentials !== undefined
              ? prepareSellerLogin(credentials)
              : (config.seller ??
                  issue(
                    "credentials",
                    "required",
                    "pass { username, password }, or give the client a `seller` option."
                  ))
          ),
          (login) => Effect.map(seller.login("sellerLogin", login), loggedIn)
        ),
      refresh: () => Effect.map(seller.forceRefresh, loggedIn),
      logout: () =>
        Effect.flatMap(session.current("sellerLogout"), (current) =>
          current.tokens === undefined
            ? Effect.void
            : Effect.andThen(
                run(ops.sellerLogout, [current.tokens.refreshToken]),
                Effect.asVoid(session.update("sellerLogout", (state) => ({ ...state, tokens: undefined })))
              )
        ),
      info: method(ops.sellerInfo, 0)
    },
    session: {
      get: () =>
        Effect.map(session.current("sessionGet"), (current) => ({
          terminalActivationId: current.terminalActivationId,
          loggedIn: current.tokens !== undefined,
          accessTokenExpiresAt:
            current.tokens === undefined ? undefined : new Date(current.tokens.accessTokenExpiresAt),
          shiftId: current.shiftId
        }))
    },
    shift: {
      check: () =>
        Effect.tap(run(ops.shiftCheck, []), (shift: PosShift) =>
          shift.isOpen === undefined
            ? Effect.void
            : recordShift("shiftCheck", (shiftId) => (shift.isOpen ? (shift.shiftId ?? shiftId) : undefined))
        ),
      open: () =>
        Effect.tap(run(ops.shiftOpen, []), (shift: PosShift) =>
          shift.shiftId === undefined ? Effect.void : recordShift("shiftOpen", () => shift.shiftId)
        ),
      close: () =>
        Effect.gen(function* () {
          const previous = (yield* session.current("shiftClose")).shiftId
          const shift = yield* run(ops.shiftClose, [])
          yield* recordShift("shiftClose", () => undefined)
          // Without an id in the answer, the shift the session held is the one just closed.
          return shift.shiftId !== undefined || previous === undefined
            ? shift
            : { ...shift, shiftId: previous }
        })
    },
    qr: {
      listActive: method(ops.qrListActive, 1),
      create: method(ops.qrCreate, 1),
      get: method(ops.qrGet, 2),
      cancel: method(ops.qrCancel, 1),
      createExtension: method(ops.qrExtensionCreate, 2),
      checkExtension: method(ops.qrExtensionCheck, 1),
      cancelExtension: method(ops.qrExtensionCancel, 1)
    },
    qrV1: {
      create: method(ops.qrV1Create, 1),
      check: method(ops.qrV1Check, 1),
      cancel: method(ops.qrV1Cancel, 1)
    },
    reports,
    transactions: {
      list: (input) =>
        Effect.flatMap(shiftFor("transactionList", shiftIdOf(input)), (shiftId) =>
          run(ops.transactionList, [shiftId, input])
        ),
      all: (input) =>
        Stream.unwrap(
          // The shift is read once, so a shift change while paging does not switch lists.
          Effect.map(shiftFor("transactionList", shiftIdOf(input)), (shiftId) =>
            Stream.paginate(input, (request: PosListTransactionsInput | undefined) =>
              Effect.flatMap(run(ops.transactionList, [shiftId, request]), (page) => {
                const next = page.nextCursor
                // A cursor that does not move would page forever: stop with a clear error instead.
                if (next !== undefined && next === request?.txId) return Effect.fail(stuckCursor(next))
                return Effect.succeed([
                  page.transactions,
                  next === undefined ? Option.none() : Option.some({ txId: next })
                ] as const)
              })
            )
          )
        ),
      get: method(ops.transactionDetails, 1),
      return: method(ops.transactionReturn, 1)
    },
    settings: {
      get: method(ops.settingsGet, 0),
      set: method(ops.settingsSet, 1)
    }
  } satisfies MiaPosClientService
}

import * as Chunk from "effect/Chunk"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Stream from "effect/Stream"
import { MiaResponseError } from "../../../errors/mia-response-error.js"
import { resultDecoder } from "../../../internal/mia-envelope.js"
import { checkId, isIssue, issue, orFail } from "../../../internal/validation.js"
import type { PosListTransactionsInput } from "../../inputs.js"
import type { PosTransactionsApi } from "../../service.js"
import { checkTxId, prepareReturn } from "../prepare.js"
import { toTransactionDetails, toTransactionPage } from "../to-model.js"
import { TxDetailsWire, TxListWire, TxReturnWire } from "../wire/transaction.js"
import { type PosContext, span } from "./context.js"

const decodeList = resultDecoder(TxListWire)
const decodeDetails = resultDecoder(TxDetailsWire)
const decodeReturn = resultDecoder(TxReturnWire)

/**
 * The `transactions` group: keyset pages, a stream of all rows, details and returns.
 *
 * @example
 * const transactions = makeTransactionsApi(context)
 */
export const makeTransactionsApi = ({ send, session, config }: PosContext): PosTransactionsApi => {
  const { timeZone } = config

  const resolve = (input: PosListTransactionsInput | undefined) =>
    Effect.gen(function* () {
      if (input !== undefined && (typeof input !== "object" || input === null)) {
        return yield* orFail(
          "transactionList",
          issue("input", "required", "input must be { shiftId?, txId? }.")
        )
      }
      const cursor = input?.txId === undefined ? undefined : checkTxId("txId", input.txId)
      if (isIssue(cursor)) return yield* orFail("transactionList", cursor)
      if (input?.shiftId !== undefined) {
        yield* orFail("transactionList", checkId("shiftId", input.shiftId))
        return { shiftId: input.shiftId, cursor }
      }
      const current = yield* session.current("transactionList")
      if (current.shiftId === undefined) {
        return yield* orFail(
          "transactionList",
          issue(
            "shiftId",
            "required",
            "no shiftId given and no open shift in the session: pass shiftId, or run shift.check() first."
          )
        )
      }
      return { shiftId: current.shiftId, cursor }
    })

  const page = (shiftId: string, cursor: string | undefined) =>
    send({ operation: "transactionList", auth: "bearer", params: { shiftId }, query: { txId: cursor } }).pipe(
      Effect.flatMap((answer) => decodeList("transactionList", answer)),
      Effect.map((wire) => toTransactionPage(wire, timeZone)),
      span("transactionList", { "miapos.shift_id": shiftId })
    )

  return {
    list: (input) => Effect.flatMap(resolve(input), ({ shiftId, cursor }) => page(shiftId, cursor)),

    all: (input) =>
      Stream.unwrap(
        Effect.map(resolve(input), ({ shiftId, cursor }) =>
          Stream.paginateChunkEffect(cursor, (current) =>
            Effect.flatMap(page(shiftId, current), (result) => {
              const next = result.nextCursor
              // A cursor that does not move would page forever: stop with a clear error instead.
              if (next !== undefined && next === current) {
                return Effect.fail(
                  new MiaResponseError({
                    operation: "transactionList",
                    status: 200,
                    reason: "unexpected_result",
                    bodySnippet: "",
                    message: `transactionList: the page after txId ${current} starts again at ${next}; paging stopped.`
                  })
                )
              }
              return Effect.succeed([
                Chunk.fromIterable(result.transactions),
                next === undefined ? Option.none() : Option.some(next)
              ] as const)
            })
          )
        )
      ),

    get: (txId) =>
      orFail("transactionDetails", checkId("txId", txId)).pipe(
        Effect.flatMap(() => send({ operation: "transactionDetails", auth: "bearer", params: { txId } })),
        Effect.flatMap((answer) => decodeDetails("transactionDetails", answer)),
        Effect.map((wire) => toTransactionDetails(wire.txInfo, timeZone)),
        span("transactionDetails", { "miapos.tx_id": txId })
      ),

    return: (input) =>
      orFail("transactionReturn", prepareReturn(input)).pipe(
        Effect.flatMap((body) =>
          send({
            operation: "transactionReturn",
            auth: "bearer",
            pathOnly: { txId: String(body.txId) },
            body
          })
        ),
        Effect.flatMap((answer) => decodeReturn("transactionReturn", answer)),
        Effect.map((wire) => ({
          requestId: wire.requestId === undefined ? undefined : String(wire.requestId)
        })),
        span("transactionReturn", {
          "miapos.tx_id": input?.txId,
          "miapos.full_refund": input?.amount === undefined
        })
      )
  }
}

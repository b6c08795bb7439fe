import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Stream from "effect/Stream"
import type { MiaError } from "../errors/index.js"
import { DEFAULT_PAGE_SIZE } from "./prepare/list-query.js"

/**
 * Every item of a MIA `count`/`offset` list (QR, payments, RTP), one page per request, from the
 * filter's `offset`. Stops on an empty page too, because a bank that over-reports `totalCount`
 * must not make the stream loop forever.
 */
export const paginate = <
  F extends { readonly offset?: number | undefined; readonly count?: number | undefined },
  A
>(
  filter: F | undefined,
  list: (
    filter: F
  ) => Effect.Effect<{ readonly totalCount: number; readonly items: ReadonlyArray<A> }, MiaError>
): Stream.Stream<A, MiaError> =>
  Stream.paginate(filter?.offset ?? 0, (offset: number) =>
    Effect.map(list({ ...(filter as F), offset, count: filter?.count ?? DEFAULT_PAGE_SIZE }), (page) => {
      const next = offset + page.items.length
      const more = page.items.length > 0 && next < page.totalCount
      return [page.items, more ? Option.some(next) : Option.none()] as const
    })
  )

import { type WireDecoder, wireRecord } from "../../internal/wire-record.js"

/**
 * Decoder of the list endpoints' `result`: `{ totalCount, items }` (spec §2).
 *
 * @example
 * const decodeQrPage = pageDecoder(decodeQrDetails)
 */
export const pageDecoder = <A>(item: WireDecoder<A>): WireDecoder<MiaPage<A>> =>
  wireRecord({
    totalCount: { kind: "number", required: true },
    items: { kind: { array: item }, required: true }
  }) as WireDecoder<MiaPage<A>>

/**
 * One page of a list: `totalCount` is the number of matches before paging.
 *
 * @example
 * const page: MiaPage<MiaQrDetails> = await client.listQrs({ status: "Active", count: 20, offset: 0 })
 */
export interface MiaPage<A> {
  readonly totalCount: number
  readonly items: ReadonlyArray<A>
}

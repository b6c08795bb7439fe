import * as Schema from "effect/Schema"
import { WireNumber } from "../../internal/wire-schema.js"

/** Wire schema of one page of a list: `{ totalCount, items }`. */
export const MiaPageSchema = <S extends Schema.Top>(item: S) =>
  Schema.Struct({ totalCount: WireNumber, items: Schema.Array(item) })

/**
 * One page of a list: the items from `offset`, and how many match in total.
 *
 * @example
 * const page: MiaPage<MiaQrDetails> = await client.listQrs({ status: "Active", count: 50 })
 * console.log(page.totalCount, page.items.length)
 */
export interface MiaPage<A> {
  readonly totalCount: number
  readonly items: ReadonlyArray<A>
}

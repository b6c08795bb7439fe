import type { MiaErrorEntry } from "./error-catalog.js"

/** The result of a bank operation: a value, or the errors the API answers with. */
export type Outcome<A> =
  | { readonly ok: true; readonly value: A }
  | { readonly ok: false; readonly errors: ReadonlyArray<MiaErrorEntry> }

export const succeed = <A>(value: A): Outcome<A> => ({ ok: true, value })

export const fail = (...errors: ReadonlyArray<MiaErrorEntry>): Outcome<never> => ({ ok: false, errors })

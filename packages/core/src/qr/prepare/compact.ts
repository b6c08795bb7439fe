/**
 * Drops `undefined` fields so they are not sent (the bank treats an absent field as "not given").
 *
 * @example
 * compact({ a: 1, b: undefined }) // { a: 1 }
 */
export const compact = <A extends Record<string, unknown>>(record: A): A => {
  const out: Record<string, unknown> = {}
  for (const key in record) if (record[key] !== undefined) out[key] = record[key]
  return out as A
}

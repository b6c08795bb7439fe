/**
 * A known enum value, or any other string the bank may add later. Decoders match known values
 * case-insensitively and return their documented spelling (see `wire-record.ts`).
 *
 * @example
 * type QrType = OpenEnum<"Static" | "Dynamic" | "Hybrid">
 */
export type OpenEnum<A extends string> = A | (string & {})

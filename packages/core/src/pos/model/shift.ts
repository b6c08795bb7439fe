/**
 * The terminal's shift as the API describes it. Seed 000 does not publish the bodies of the
 * shift operations, so the known fields are read leniently and the whole answer is in `raw`.
 * Date-times carry an explicit offset.
 *
 * @example
 * const shift: PosShift = { isOpen: true, shiftId: "42", openDateTime: "2024-04-04T08:00:00+03:00", raw: {} }
 */
export interface PosShift {
  /** `false` when no shift is open; `undefined` when the answer does not say. */
  readonly isOpen?: boolean | undefined
  readonly shiftId?: string | undefined
  readonly openDateTime?: string | undefined
  readonly closeDateTime?: string | undefined
  readonly operator?: string | undefined
  /** The answer as received (without `result`), for fields this SDK does not model yet. */
  readonly raw: Readonly<Record<string, unknown>>
}

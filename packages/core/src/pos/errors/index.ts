import type { MiaError } from "../../errors/index.js"
import { isMiaError } from "../../errors/index.js"
import { MiaPosResultError } from "./pos-result-error.js"
import { MiaPosSessionError } from "./pos-session-error.js"

export { type KnownPosResultCode, MiaPosResultError } from "./pos-result-error.js"
export { MiaPosSessionError, type MiaPosSessionErrorReason } from "./pos-session-error.js"

/**
 * Every error a MiaPos operation can fail with: the shared SDK errors plus the two POS ones.
 *
 * @example
 * const explain = (error: MiaPosError) => (error._tag === "MiaPosResultError" ? error.result : error.message)
 */
export type MiaPosError = MiaError | MiaPosResultError | MiaPosSessionError

/**
 * True for any error a MiaPos operation produces.
 *
 * @example
 * import { isMiaPosError } from "@mia-sdk/core"
 *
 * try {
 *   await pos.shift.open()
 * } catch (error) {
 *   if (isMiaPosError(error) && error.retryable) scheduleRetry()
 *   else throw error
 * }
 */
export const isMiaPosError = (value: unknown): value is MiaPosError =>
  isMiaError(value) || value instanceof MiaPosResultError || value instanceof MiaPosSessionError

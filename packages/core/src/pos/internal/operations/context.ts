import * as Effect from "effect/Effect"
import type { PosSend } from "../pos-transport.js"
import type { ResolvedPosOptions } from "../resolve-options.js"
import type { PosSessionManager } from "../session-manager.js"

/**
 * What every group of operations is built from.
 *
 * @example
 * const context: PosContext = { send, session, config }
 */
export interface PosContext {
  readonly send: PosSend
  readonly session: PosSessionManager
  readonly config: ResolvedPosOptions
}

/**
 * Names the span of an operation `MiaPosClient.<operation>`; attributes hold ids only, never
 * tokens or passwords.
 *
 * @example
 * effect.pipe(span("qrGet", { "miapos.qr_id": qrId }))
 */
export const span =
  (operation: string, attributes?: Record<string, unknown>) =>
  <A, E>(effect: Effect.Effect<A, E>) =>
    // No stack capture: it costs microseconds per call and the operation name says where.
    Effect.withSpan(effect, `MiaPosClient.${operation}`, { attributes, captureStackTrace: false })

import * as Effect from "effect/Effect"
import type * as Tracer from "effect/Tracer"

let builtInTracer: Tracer.Tracer | undefined

/**
 * Whether `tracer` is Effect's built-in one, which records spans but exports them nowhere.
 *
 * @example
 * const traced = yield* Effect.tracerWith((tracer) => Effect.succeed(!isBuiltInTracer(tracer)))
 */
export const isBuiltInTracer = (tracer: Tracer.Tracer): boolean => {
  builtInTracer ??= Effect.runSync(Effect.withTracerEnabled(Effect.tracer, true))
  return tracer === builtInTracer
}

/**
 * Runs `effect` in a span named `name` (stack capture off: it costs ~10 µs per call). When the
 * fiber runs on Effect's built-in tracer, which exports nowhere, the span is skipped: it would
 * be invisible and cost as much as the rest of the pipeline. With any real tracer installed
 * (e.g. `@effect/opentelemetry`), every operation gets its span.
 *
 * @example
 * const traced = withOperationSpan("MiaQrClient.getQr", { "mia.qr_id": qrId })(getQrOnce)
 */
export const withOperationSpan =
  (name: string, attributes?: Record<string, unknown>) =>
  <A, E, R>(effect: Effect.Effect<A, E, R>): Effect.Effect<A, E, R> =>
    Effect.tracerWith((tracer) =>
      isBuiltInTracer(tracer)
        ? effect
        : Effect.withSpan(effect, name, { attributes, captureStackTrace: false })
    )

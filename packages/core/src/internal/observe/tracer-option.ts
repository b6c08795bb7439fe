import * as Cause from "effect/Cause"
import * as Exit from "effect/Exit"
import * as Tracer from "effect/Tracer"

/**
 * The part of an OpenTelemetry `Tracer` (`@opentelemetry/api`) the SDK uses, so you can pass
 * `trace.getTracer("shop")` without the SDK depending on OpenTelemetry.
 *
 * @example
 * import { trace } from "@opentelemetry/api"
 * import { createMiaQrClient } from "@mia-sdk/core"
 *
 * const mia = createMiaQrClient({ clientId: "…", clientSecret: "…", tracer: trace.getTracer("shop") })
 */
export interface OpenTelemetryTracerLike {
  startSpan(
    name: string,
    options?: {
      readonly kind?: number
      readonly attributes?: Record<string, unknown>
      readonly startTime?: number
    }
  ): OpenTelemetrySpanLike
}

/**
 * The part of an OpenTelemetry `Span` the SDK calls.
 *
 * @example
 * const span: OpenTelemetrySpanLike = otelTracer.startSpan("MiaQrClient.getQr")
 */
export interface OpenTelemetrySpanLike {
  setAttribute(key: string, value: unknown): unknown
  setStatus(status: { readonly code: number; readonly message?: string }): unknown
  end(endTime?: number): unknown
}

/**
 * A tracer for the SDK's spans: an OpenTelemetry tracer, or an Effect `Tracer`.
 *
 * @example
 * createMiaQrClient({ clientId, clientSecret, tracer: trace.getTracer("shop") })
 */
export type MiaTracer = OpenTelemetryTracerLike | Tracer.Tracer

// OpenTelemetry's SpanKind numbers and status codes (stable parts of its API).
const OTEL_KIND = { internal: 0, server: 1, client: 2, producer: 3, consumer: 4 } as const
const OTEL_STATUS_OK = 1
const OTEL_STATUS_ERROR = 2

const isEffectTracer = (tracer: MiaTracer): tracer is Tracer.Tracer => "span" in tracer

const nanosToMillis = (nanos: bigint): number => Number(nanos / 1_000n) / 1_000

/** Effect's tracer interface over an OpenTelemetry tracer: every SDK span becomes an OTel span. */
export const toEffectTracer = (tracer: MiaTracer): Tracer.Tracer => {
  if (isEffectTracer(tracer)) return tracer
  return Tracer.make({
    span: (options) => {
      const native = new Tracer.NativeSpan(options)
      const otel = tracer.startSpan(options.name, {
        kind: OTEL_KIND[options.kind],
        startTime: nanosToMillis(options.startTime)
      })
      const attribute = native.attribute.bind(native)
      const end = native.end.bind(native)
      native.attribute = (key, value) => {
        attribute(key, value)
        otel.setAttribute(key, value)
      }
      native.end = (endTime, exit) => {
        end(endTime, exit)
        if (Exit.isSuccess(exit)) otel.setStatus({ code: OTEL_STATUS_OK })
        else
          otel.setStatus({ code: OTEL_STATUS_ERROR, message: Cause.pretty(exit.cause).split("\n")[0] ?? "" })
        otel.end(nanosToMillis(endTime))
      }
      return native
    }
  })
}

import type { HttpMethod } from "../http/http-types.js"
import type { Issue } from "../validation.js"
import type { ResultDecoder } from "./result-decoder.js"

/** What an operation's arguments become once validated: path parameters, query and body. */
export interface PreparedRequest {
  /** Values for the `{name}` placeholders of the path, encoded by the pipeline. */
  readonly params?: Readonly<Record<string, string>> | undefined
  readonly query?: Readonly<Record<string, string | undefined>> | undefined
  readonly body?: unknown
  /** Extra headers for this call only. */
  readonly headers?: Readonly<Record<string, string>> | undefined
}

/** Read by rules that depend on the current time (`expiresAt` in the future, …). */
export interface PrepareContext {
  readonly nowMs: number
}

/**
 * One operation of a bank API, declared once: everything the single pipeline needs to run it.
 * The QR, RTP and MiaPos clients are tables of these; they differ only in their descriptors,
 * their auth and their envelope.
 */
export interface OperationDescriptor<Args extends ReadonlyArray<unknown>, A> {
  /** The SDK operation name (`getQr`), used in errors, log events and the span name. */
  readonly name: string
  /** The span's name when it differs from `name` (MiaPos keys its routes `qrCreate`, its spans `createQr`). */
  readonly spanName?: string | undefined
  readonly method: HttpMethod
  /** Path template, e.g. `/v2/mia/qr/{qrId}`. */
  readonly path: string
  /** Which credential the request carries: a key of the pipeline's auth table, or none. */
  readonly auth: "none" | (string & {})
  /** Safe to send twice (reads, token calls). Money-moving requests are never retried blindly. */
  readonly idempotent: boolean
  /** Validates the arguments before anything is sent; the first broken rule is returned. */
  readonly prepare: (args: Args, context: PrepareContext) => PreparedRequest | Issue
  readonly decode: ResultDecoder<A>
  /** Span attributes, e.g. `{ "mia.qr_id": qrId }`; never secrets or payer data. */
  readonly attributes?: ((args: Args) => Readonly<Record<string, unknown>>) | undefined
  /** The answer holds secrets (tokens): error bodies and log events leave it out. */
  readonly sensitive?: boolean | undefined
}

/** Builds a descriptor with the argument types checked against `prepare`. */
export const defineOperation = <Args extends ReadonlyArray<unknown>, A>(
  descriptor: OperationDescriptor<Args, A>
): OperationDescriptor<Args, A> => descriptor

// Templates split once into literal text (even indexes) and placeholder names (odd indexes).
const templates = new Map<string, ReadonlyArray<string>>()

const partsOf = (template: string): ReadonlyArray<string> => {
  let parts = templates.get(template)
  if (parts === undefined) {
    parts = template.split(/\{(\w+)\}/)
    templates.set(template, parts)
  }
  return parts
}

/** Fills a path template with encoded parameters; a placeholder without a value stays as written. */
export const fillPath = (template: string, params: Readonly<Record<string, string>> | undefined): string => {
  if (params === undefined) return template
  const parts = partsOf(template)
  if (parts.length === 1) return template
  let path = parts[0] ?? ""
  for (let index = 1; index < parts.length; index += 2) {
    const name = parts[index] as string
    const value = params[name]
    path += (value === undefined ? `{${name}}` : encodeURIComponent(value)) + (parts[index + 1] ?? "")
  }
  return path
}

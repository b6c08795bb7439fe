import { MiaHttpError } from "../http-error.js"

const tooLarge = (limit: number) =>
  new MiaHttpError(413, "body_too_large", "Body too large", `The request body exceeds ${limit} bytes.`)

/** The request's bytes, refusing more than `limit` with a 413 without reading the rest. */
export const readBytes = async (request: Request, limit: number): Promise<Uint8Array> => {
  const declared = Number(request.headers.get("content-length") ?? Number.NaN)
  if (declared > limit) throw tooLarge(limit)
  if (request.body === null) return new Uint8Array(0)
  const reader = request.body.getReader()
  const chunks: Array<Uint8Array> = []
  let size = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    size += value.byteLength
    if (size > limit) {
      await reader.cancel().catch(() => undefined)
      throw tooLarge(limit)
    }
    chunks.push(value)
  }
  const bytes = new Uint8Array(size)
  let offset = 0
  for (const chunk of chunks) {
    bytes.set(chunk, offset)
    offset += chunk.byteLength
  }
  return bytes
}

/**
 * A JSON request body as a value (`undefined` when empty), read with a size limit. Its media type
 * was judged by the route guard already.
 */
export const readJson = async (request: Request, limit: number): Promise<unknown> => {
  const bytes = await readBytes(request, limit)
  const text = new TextDecoder().decode(bytes)
  if (text.trim() === "") return undefined
  try {
    return JSON.parse(text)
  } catch {
    throw new MiaHttpError(400, "malformed_json", "Malformed JSON", "The request body is not valid JSON.")
  }
}

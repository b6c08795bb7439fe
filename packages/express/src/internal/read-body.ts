import { MiaHttpError } from "../errors/mia-http-error.js"
import type { MiaRequest } from "../http-types.js"

/**
 * Whether something upstream (an app-wide body parser) already consumed the request stream.
 * body-parser marks what it parsed with `_body`; a parser that skipped a content type it does
 * not handle leaves the stream unread (and Express 4 still sets `req.body = {}`).
 */
const alreadyRead = (req: MiaRequest): boolean =>
  (req as { _body?: unknown })._body === true || req.readableEnded

/** Reads the raw request bytes, refusing more than `limit` bytes with a 413. */
export const readRawBody = (req: MiaRequest, limit: number): Promise<Uint8Array> =>
  new Promise((resolve, reject) => {
    const chunks: Array<Buffer> = []
    let size = 0
    let settled = false
    const finish = (error?: unknown) => {
      if (settled) return
      settled = true
      req.off("data", onData)
      req.off("end", onEnd)
      req.off("error", onError)
      if (error === undefined) resolve(Buffer.concat(chunks))
      else reject(error)
    }
    const onData = (chunk: Buffer | string) => {
      const buffer = typeof chunk === "string" ? Buffer.from(chunk) : chunk
      size += buffer.length
      if (size > limit) {
        // Stop reading but let the rest drain, so the 413 can still be written on this connection.
        req.resume()
        finish(
          new MiaHttpError(
            413,
            "body_too_large",
            "Body too large",
            `The request body exceeds ${limit} bytes.`
          )
        )
        return
      }
      chunks.push(buffer)
    }
    const onEnd = () => finish()
    const onError = (error: unknown) => finish(error)
    req.on("data", onData)
    req.on("end", onEnd)
    req.on("error", onError)
  })

/**
 * The body of a callback as bytes or what an upstream parser left (a Buffer, a string or parsed
 * JSON): the signature check accepts all of them.
 */
export const callbackBody = async (req: MiaRequest, limit: number): Promise<unknown> =>
  alreadyRead(req) ? req.body : readRawBody(req, limit)

const isJsonType = (req: MiaRequest): boolean => {
  const type = req.headers["content-type"]
  return type === undefined || /^application\/([\w.+-]+\+)?json\b/i.test(type)
}

/**
 * A JSON request body as a value (`undefined` when empty). Uses what an app-wide
 * `express.json()` parsed; otherwise reads and parses it here with a size limit.
 */
export const jsonBody = async (req: MiaRequest, limit: number): Promise<unknown> => {
  if (alreadyRead(req)) {
    if (Buffer.isBuffer(req.body) || typeof req.body === "string") return parseJson(String(req.body))
    return req.body
  }
  const bytes = await readRawBody(req, limit)
  if (bytes.length === 0) return undefined
  if (!isJsonType(req)) {
    throw new MiaHttpError(
      415,
      "unsupported_media_type",
      "Unsupported media type",
      "Send the body as application/json."
    )
  }
  return parseJson(Buffer.from(bytes).toString("utf8"))
}

const parseJson = (text: string): unknown => {
  if (text.trim() === "") return undefined
  try {
    return JSON.parse(text)
  } catch {
    throw new MiaHttpError(400, "malformed_json", "Malformed JSON", "The request body is not valid JSON.")
  }
}

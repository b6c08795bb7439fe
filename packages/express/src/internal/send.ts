import type { Problem } from "../errors/problem-details.js"
import type { MiaResponse } from "../http-types.js"

/** Sends a JSON body with a status, without Express helpers (so any Express version works). */
export const sendJson = (res: MiaResponse, status: number, body: unknown): void => {
  const text = JSON.stringify(body)
  res.statusCode = status
  res.setHeader("Content-Type", "application/json; charset=utf-8")
  res.setHeader("Content-Length", Buffer.byteLength(text))
  res.setHeader("Cache-Control", "no-store")
  res.end(text)
}

/** Sends an RFC 9457 problem. */
export const sendProblem = (res: MiaResponse, problem: Problem, instance: string | undefined): void => {
  const body = instance === undefined ? problem.body : { ...problem.body, instance: instance.split("?")[0] }
  const text = JSON.stringify(body)
  res.statusCode = problem.status
  for (const [name, value] of Object.entries(problem.headers)) res.setHeader(name, value)
  res.setHeader("Content-Type", "application/problem+json; charset=utf-8")
  res.setHeader("Content-Length", Buffer.byteLength(text))
  res.setHeader("Cache-Control", "no-store")
  res.end(text)
}

import type { CallbackFaults, FaultControls, FaultHandle, FaultRule, SandboxFault } from "../../faults.js"
import { invalidRequest, type MiaErrorEntry } from "../error-catalog.js"
import { isAbsent, isJsonObject } from "../mia/field-checks.js"
import { fail, type Outcome, succeed } from "../outcome.js"
import { badParameter, type JsonObject, probability, unknownField, wholeNumberIn } from "./control-fields.js"

/** Ten minutes: a longer injected latency over HTTP is far more likely a typo than a test. */
const MAX_LATENCY_MS = 600_000

/** A fault rule as the control endpoints print it: every field present, `null` when unset. */
export interface FaultView {
  readonly id: number
  readonly method: string | null
  /** The path template, or a regular expression's source as `/source/flags` (set in code only). */
  readonly path: string | null
  readonly rate: number
  readonly times: number | null
  readonly fault: SandboxFault
  readonly hits: number
}

/** A rule in force as JSON: a `RegExp` path set in code prints as its `/source/flags` text. */
export const faultView = (handle: FaultHandle): FaultView => ({
  id: handle.id,
  method: handle.rule.method ?? null,
  path: handle.rule.path === undefined ? null : String(handle.rule.path),
  rate: handle.rule.rate ?? 1,
  times: handle.rule.times ?? null,
  fault: handle.rule.fault,
  hits: handle.hits
})

const faultFrom = (raw: unknown): Outcome<SandboxFault> => {
  const shape = 'an object: {"type":"status","status":503}, {"type":"latency","ms":2000} or {"type":"drop"}'
  if (!isJsonObject(raw)) return fail(badParameter("fault", shape))
  switch (raw.type) {
    case "status": {
      const unknown = unknownField(Object.keys(raw), ["type", "status", "retryAfter"], "fault.")
      if (unknown) return fail(unknown)
      const status = wholeNumberIn(raw.status, 400, 599)
      if (status === undefined) return fail(badParameter("fault.status", "an HTTP error status, 400-599"))
      if (isAbsent(raw.retryAfter)) return succeed({ type: "status", status })
      const retryAfter = wholeNumberIn(raw.retryAfter, 0, 86_400)
      if (retryAfter === undefined) return fail(badParameter("fault.retryAfter", "whole seconds, 0-86400"))
      return succeed({ type: "status", status, retryAfter })
    }
    case "latency": {
      const unknown = unknownField(Object.keys(raw), ["type", "ms"], "fault.")
      if (unknown) return fail(unknown)
      const ms = wholeNumberIn(raw.ms, 0, MAX_LATENCY_MS)
      if (ms === undefined) return fail(badParameter("fault.ms", `whole milliseconds, 0-${MAX_LATENCY_MS}`))
      return succeed({ type: "latency", ms })
    }
    case "drop": {
      const unknown = unknownField(Object.keys(raw), ["type"], "fault.")
      if (unknown) return fail(unknown)
      return succeed({ type: "drop" })
    }
    default:
      return fail(badParameter("fault.type", "status, latency or drop"))
  }
}

/** Reads a `FaultRule` from a JSON body; collects every bad field, the way the bank reports them. */
const ruleFrom = (body: JsonObject): Outcome<FaultRule> => {
  const unknown = unknownField(Object.keys(body), ["method", "path", "rate", "times", "fault"])
  if (unknown) return fail(unknown)
  const errors: Array<MiaErrorEntry> = []
  const fault = faultFrom(body.fault)
  if (!fault.ok) errors.push(...fault.errors)
  const { method, path, rate, times } = body
  if (!isAbsent(method) && !(typeof method === "string" && /^[A-Za-z]{1,20}$/.test(method))) {
    errors.push(badParameter("method", "an HTTP method such as GET or POST"))
  }
  if (!isAbsent(path) && !(typeof path === "string" && path.startsWith("/") && path.length <= 500)) {
    errors.push(badParameter("path", "a path template such as /v2/mia/qr/{qrId}, or a prefix such as /pos/*"))
  }
  if (!isAbsent(rate) && probability(rate) === undefined)
    errors.push(badParameter("rate", "a number from 0 to 1"))
  if (!isAbsent(times) && wholeNumberIn(times, 1, 1_000_000) === undefined) {
    errors.push(badParameter("times", "a whole number >= 1 (leave it out for every request)"))
  }
  if (errors.length > 0 || !fault.ok) return fail(...errors)
  return succeed({
    fault: fault.value,
    ...(typeof method === "string" ? { method: method.toUpperCase() } : {}),
    ...(typeof path === "string" ? { path } : {}),
    ...(typeof rate === "number" ? { rate } : {}),
    ...(typeof times === "number" ? { times } : {})
  })
}

/** `GET /v2/sandbox/faults`: the rules in force and the callback faults. */
export const listFaults = (controls: FaultControls) => ({
  items: controls.list().map(faultView),
  callbackFaults: controls.callbackFaults
})

/** `POST /v2/sandbox/faults`: `sandbox.faults.add(rule)`. */
export const addFault = (controls: FaultControls, body: JsonObject): Outcome<FaultView> => {
  const rule = ruleFrom(body)
  if (!rule.ok) return rule
  try {
    return succeed(faultView(controls.add(rule.value)))
  } catch (error) {
    // The in-code checks stay the last word; their message names the field.
    return fail(invalidRequest(error instanceof Error ? error.message : String(error)))
  }
}

/** `DELETE /v2/sandbox/faults/{id}`: `handle.remove()` of one rule. */
export const removeFault = (controls: FaultControls, id: string): Outcome<FaultView> => {
  const handle = controls.list().find((candidate) => String(candidate.id) === id)
  if (handle === undefined) {
    return fail({
      ...invalidRequest(`There is no fault rule ${id}; GET /v2/sandbox/faults lists them`),
      status: 404
    })
  }
  handle.remove()
  return succeed(faultView(handle))
}

/** `DELETE /v2/sandbox/faults`: `sandbox.faults.clear()`, callback faults included. */
export const clearFaults = (controls: FaultControls) => {
  controls.clear()
  return listFaults(controls)
}

/** `POST /v2/sandbox/faults/callbacks`: `sandbox.faults.setCallbackFaults(...)`; `{}` turns them off. */
export const setCallbackFaults = (controls: FaultControls, body: JsonObject): Outcome<CallbackFaults> => {
  const unknown = unknownField(Object.keys(body), ["duplicateRate", "reorderRate", "maxHoldMs"])
  if (unknown) return fail(unknown)
  const errors: Array<MiaErrorEntry> = []
  const faults: { -readonly [K in keyof CallbackFaults]: CallbackFaults[K] } = {}
  for (const name of ["duplicateRate", "reorderRate"] as const) {
    if (isAbsent(body[name])) continue
    const rate = probability(body[name])
    if (rate === undefined) errors.push(badParameter(name, "a number from 0 to 1"))
    else faults[name] = rate
  }
  if (!isAbsent(body.maxHoldMs)) {
    const ms = wholeNumberIn(body.maxHoldMs, 0, 60_000)
    if (ms === undefined) errors.push(badParameter("maxHoldMs", "whole milliseconds, 0-60000"))
    else faults.maxHoldMs = ms
  }
  if (errors.length > 0) return fail(...errors)
  controls.setCallbackFaults(faults)
  return succeed(controls.callbackFaults)
}

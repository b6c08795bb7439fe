import { describe, expect, it } from "vitest"
import { MiaApiError, MiaTransportError } from "../src/errors/index.js"
import {
  isMiaApiError,
  isMiaAuthError,
  isMiaPosResultError,
  isMiaPosSessionError,
  isMiaResponseError,
  isMiaTransportError,
  isMiaValidationError
} from "../src/guards.js"

const guards = {
  MiaApiError: isMiaApiError,
  MiaAuthError: isMiaAuthError,
  MiaTransportError: isMiaTransportError,
  MiaResponseError: isMiaResponseError,
  MiaValidationError: isMiaValidationError,
  MiaPosSessionError: isMiaPosSessionError,
  MiaPosResultError: isMiaPosResultError
} as const

describe("error guards", () => {
  it("isMiaApiError holds for a real MiaApiError and for an error of another copy of the SDK", () => {
    const real = new MiaApiError({
      message: "Not found",
      status: 404,
      errors: [],
      operation: "getQr",
      body: {}
    })
    // What an instance from a second copy of @mia-sdk/core looks like to this one: same tag, other class.
    const foreign = { _tag: "MiaApiError", status: 404, message: "Not found" }
    expect(isMiaApiError(real)).toBe(true)
    expect(isMiaApiError(foreign)).toBe(true)
  })

  it("isMiaApiError refuses other errors and non-errors", () => {
    const transport = new MiaTransportError({ message: "timed out", reason: "timeout", operation: "getQr" })
    for (const value of [
      transport,
      new Error("MiaApiError"),
      { _tag: "MiaAuthError" },
      "MiaApiError",
      null
    ]) {
      expect(isMiaApiError(value)).toBe(false)
    }
  })

  it.each(Object.entries(guards))("%s's guard accepts exactly its own tag", (tag, guard) => {
    for (const other of Object.keys(guards)) expect(guard({ _tag: other })).toBe(other === tag)
    expect(guard(undefined)).toBe(false)
  })
})

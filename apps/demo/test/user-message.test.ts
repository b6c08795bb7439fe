import { MiaRequestError } from "@mia-sdk/react"
import { describe, expect, it } from "vitest"
import { ApiError } from "../src/api.js"
import { asSentence, userMessage } from "../src/user-message.js"

/** What a message for the person at the screen must not look like. */
const expectHuman = (message: string) => {
  expect(message).not.toMatch(/\b[a-z]+[A-Z]\w*:/) // an operation name, "activationConfirm:"
  expect(message).not.toMatch(/\b[a-z0-9]+_[a-z0-9_]+\b/) // an error code, "invalid_otp"
  expect(message).not.toMatch(/MiaPos|API|HTTP|\bresult\b/)
  expect(message).toMatch(/[^.]\.$/) // exactly one final period
  expect(message).not.toMatch(/\.\./)
}

const fromRouter = (status: number, code: string, detail: string) =>
  new MiaRequestError(detail, {
    status,
    code,
    retryable: false,
    problem: { type: `https://mia-sdk.dev/problems/${code}`, title: "Refused", status, detail, code }
  })

describe("userMessage", () => {
  it("says a wrong activation code in plain words, not as the API's log line", () => {
    const error = fromRouter(
      400,
      "pos_invalid_otp",
      'activationConfirm: the MiaPos API answered result "invalid_otp": Wrong code; check the SMS and try again..'
    )
    const message = userMessage(error)
    expect(message).toBe("That code is not right. Check the SMS and type it again.")
    expectHuman(message)
  })

  it("has a human sentence for every code the till, the checkout and the admin answer with", () => {
    const codes = [
      "pos_invalid_otp",
      "pos_otp_expired",
      "pos_otp_limit_exceeded",
      "pos_resend_too_soon",
      "pos_login_failed",
      "pos_invalid_credentials",
      "pos_login_required",
      "pos_not_activated",
      "pos_no_activation",
      "pos_no_open_shift",
      "pos_shift_already_open",
      "pos_qr_not_active",
      "pos_not_found",
      "pos_session_store",
      "order_not_refundable",
      "refund_failed",
      "refund_in_progress",
      "idempotency_key_reused",
      "not_found",
      "forbidden",
      "conflict",
      "storage",
      "admin_token_required",
      "admin_token_invalid",
      "mia_unavailable",
      "mia_unreachable",
      "mia_timeout",
      "mia_auth",
      "mia_api"
    ]
    for (const code of codes) {
      const message = userMessage(fromRouter(409, code, `someOperation: ${code} happened..`))
      expect(message, code).not.toBe("That did not work. Try again.")
      expectHuman(message)
    }
  })

  it("never shows an unknown problem's developer text", () => {
    const message = userMessage(
      fromRouter(
        409,
        "pos_brand_new_result",
        'shiftClose: the MiaPos API answered result "brand_new_result".'
      )
    )
    expect(message).toBe("That did not work. Try again.")
    expect(userMessage(fromRouter(502, "weird", "GET /x: 502"))).toBe(
      "Something went wrong on the server. Try again in a moment."
    )
    expect(userMessage(new Error("TypeError: fetch failed"))).toBe("That did not work. Try again.")
  })

  it("says a lost connection as such, from the hooks and from the demo's own calls", () => {
    const hooks = new MiaRequestError("Failed to fetch", { status: 0, code: "network", retryable: true })
    expect(userMessage(hooks)).toMatch(/^The server can't be reached/)
    expect(userMessage(new ApiError(0, undefined, "GET /api/shop/products: no answer"))).toMatch(
      /^The server can't be reached/
    )
  })

  it("keeps the sentence of a validation problem, with one final period", () => {
    const error = new ApiError(
      400,
      {
        type: "https://mia-sdk.dev/problems/validation",
        title: "Invalid request",
        status: 400,
        code: "validation",
        detail: "The cart is empty..",
        errors: [{ field: "items", message: "The cart is empty.." }]
      },
      "POST /api/shop/orders: 400"
    )
    expect(userMessage(error)).toBe("The cart is empty.")
  })

  it("words a code for the page it happens on", () => {
    const error = fromRouter(404, "not_found", "QR 42 is not waiting for a payment.")
    expect(userMessage(error, { not_found: "This QR is not waiting for a payment." })).toBe(
      "This QR is not waiting for a payment."
    )
  })
})

describe("asSentence", () => {
  it("ends with exactly one period", () => {
    expect(asSentence("Wrong code..")).toBe("Wrong code.")
    expect(asSentence("Wrong code. ")).toBe("Wrong code.")
    expect(asSentence("Try again:")).toBe("Try again.")
    expect(asSentence("Wrong code")).toBe("Wrong code.")
    expect(asSentence("One.. two...")).toBe("One. two.")
    expect(asSentence("  ")).toBe("")
  })
})

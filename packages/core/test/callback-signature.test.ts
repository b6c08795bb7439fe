import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { signMiaCallback, verifyMiaCallback } from "../src/callback/index.js"

const KEY = "8508706b-3454-4733-8295-56e617c4abcf"

const docPayload = {
  qrId: "789e0123-f456-7890-a123-456789012345",
  extensionId: "40e6ba44-7dff-48cc-91ec-386a38318c68",
  qrStatus: "Paid",
  payId: "123e4567-e89b-12d3-a456-426614174000",
  referenceId: "QR000123456789",
  orderId: "789e0123-e89b-45d6-b789-426614174111",
  amount: 100.5,
  commission: 2.5,
  currency: "MDL",
  payerName: "John D.",
  payerIban: "MD24AG000225100013104168",
  executedAt: "2029-10-22T10:32:28+03:00",
  terminalId: "P011111"
}

const vectors: Array<[string, Record<string, unknown>, string]> = [
  [
    "1: alexminza's published callback",
    {
      qrId: "c3108b2f-6c2e-43a2-bdea-123456789012",
      extensionId: "3fe7f013-23a6-4d09-a4a4-123456789012",
      qrStatus: "Paid",
      payId: "eb361f48-bb39-45e2-950b-123456789012",
      referenceId: "MIA0001234567",
      orderId: "123",
      amount: 50.0,
      commission: 0.1,
      currency: "MDL",
      payerName: "TEST QR PAYMENT",
      payerIban: "MD88AG000000011621810140",
      executedAt: "2025-04-18T14:04:11.81145+00:00",
      terminalId: null
    },
    "fHM+l4L1ycFWZDRTh/Vr8oybq1Q1xySdjyvmFQCmZ4s="
  ],
  ["2: the documented payload", docPayload, "O0Anl9kQbnjvsjje2oC3bk1Sk0/2xNxkn1h53QTIvBw="],
  [
    "3: null terminalId and empty orderId",
    { ...docPayload, terminalId: null, orderId: "" },
    "o3z5Ehse0C9PRKjxnOFc4/gTm9c4+0uArqolWp6YNow="
  ],
  [
    "4: amount 10, commission 0.1",
    { ...docPayload, amount: 10, commission: 0.1 },
    "dOA9EUWjBOU0y/ZtiJ1kwF3n/kKVkrVsl7VLW/neFw4="
  ]
]

describe("MIA callback signature (spec §6.2, vectors §6.3)", () => {
  it.each(vectors)("vector %s reproduces", async (_name, result, signature) => {
    expect(await signMiaCallback(result, KEY)).toBe(signature)
    const outcome = await verifyMiaCallback({ result, signature }, KEY)
    expect(outcome.valid).toBe(true)
  })

  it("accepts the raw JSON text and bytes of the body", async () => {
    const [, result, signature] = vectors[1]!
    const text = JSON.stringify({ result, signature })
    expect((await verifyMiaCallback(text, KEY)).valid).toBe(true)
    expect((await verifyMiaCallback(new TextEncoder().encode(text), KEY)).valid).toBe(true)
  })

  it("returns the notification with the bank's fields", async () => {
    const outcome = await verifyMiaCallback({ result: docPayload, signature: vectors[1]![2] }, KEY)
    if (!outcome.valid) throw new Error(outcome.message)
    expect(outcome.notification).toMatchObject({
      payId: docPayload.payId,
      amount: 100.5,
      orderId: docPayload.orderId
    })
    expect(outcome.notification.raw).toEqual(docPayload)
  })

  it("drops whitespace-only strings and a signature inside result, like the bank's samples", async () => {
    const result = { ...docPayload, terminalId: "   ", signature: "ignored" }
    const expected = await signMiaCallback({ ...docPayload, terminalId: null }, KEY)
    expect(await signMiaCallback(result, KEY)).toBe(expected)
  })

  it("accepts the older shape with the signature inside result", async () => {
    const signature = vectors[1]![2]
    expect((await verifyMiaCallback({ result: { ...docPayload, signature }, ok: true }, KEY)).valid).toBe(
      true
    )
  })

  it.each([
    ["malformed_body", "not json"],
    ["malformed_body", 42],
    ["malformed_body", null],
    ["missing_result", { signature: "x" }],
    ["missing_signature", { result: docPayload }],
    ["signature_mismatch", { result: docPayload, signature: "AAAA" }],
    ["signature_mismatch", { result: { ...docPayload, amount: 100.51 }, signature: vectors[1]![2] }],
    ["unsignable_result", { result: { ...docPayload, nested: { a: 1 } }, signature: "x" }],
    ["unsignable_result", { result: { ...docPayload, amount: "lots" }, signature: "x" }]
  ])("rejects with %s", async (reason, body) => {
    const outcome = await verifyMiaCallback(body, KEY)
    expect(outcome).toMatchObject({ valid: false, reason })
  })

  it("rejects a missing signature key instead of verifying against an empty one", async () => {
    expect(await verifyMiaCallback({ result: docPayload, signature: vectors[1]![2] }, "")).toMatchObject({
      valid: false,
      reason: "missing_signature_key"
    })
  })

  it("rejects a correctly signed body that lacks payId", async () => {
    const { payId: _omit, ...result } = docPayload
    const signature = await signMiaCallback(result, KEY)
    expect(await verifyMiaCallback({ result, signature }, KEY)).toMatchObject({
      valid: false,
      reason: "malformed_notification"
    })
  })

  it("never throws and never accepts a forged body (property test)", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.anything(),
          fc.string(),
          fc.json(),
          fc.record({ result: fc.anything(), signature: fc.anything() })
        ),
        async (body) => {
          const outcome = await verifyMiaCallback(body, KEY)
          expect(outcome.valid).toBe(false)
        }
      ),
      { numRuns: 3000 }
    )
  })

  it("accepts exactly the signed bodies among random results (property test)", async () => {
    const field = fc.oneof(
      fc.string(),
      fc.integer(),
      fc.constant(null),
      fc.double({ noNaN: true, noDefaultInfinity: true })
    )
    await fc.assert(
      fc.asyncProperty(
        fc.dictionary(fc.string({ minLength: 1 }), field),
        fc.boolean(),
        async (extra, tamper) => {
          const result = { ...extra, qrId: "q", payId: "p", amount: 12.34 }
          const signature = await signMiaCallback(result, KEY)
          const body = { result: tamper ? { ...result, amount: 12.35 } : result, signature }
          expect((await verifyMiaCallback(body, KEY)).valid).toBe(!tamper)
        }
      ),
      { numRuns: 1000 }
    )
  })
})

import { afterEach, describe, expect, it } from "vitest"
import {
  canonicalCallbackString,
  type MiaRtpPromiseClient,
  signMiaCallback,
  verifyMiaRtpCallback
} from "../../src/index.js"
import { fakeBank } from "../qr/fake-bank.js"
import { rtpClient } from "./fixtures.js"

const bank = fakeBank()
let client: MiaRtpPromiseClient

afterEach(async () => {
  await client?.close()
})

// Signature Keys of the RTP reference's worked examples: KEY_A is maib's e-commerce example key.
const KEY_A = "8508706b-3454-4733-8295-56e617c4abcf"
const KEY_B = "3f9c2d7e-1a4b-4c8d-9e6f-0b1a2c3d4e5f"

/** The callback payload of maib's RTP documentation. */
const docPayload = {
  rtpId: "123e4567-e89b-12d3-a456-426614174000",
  rtpStatus: "Accepted",
  orderId: "123",
  payId: "c56a4180-65aa-42ec-a945-5fd21dec0538",
  amount: 100.0,
  commission: 1.0,
  currency: "MDL",
  payerName: "John D.",
  payerIban: "MD24AG000225100014156789",
  executedAt: "2029-10-22T10:32:28+03:00"
}

const wholeLeu = {
  rtpId: "0b6f3c1e-7d2a-4f5b-8c9d-1e2f3a4b5c6d",
  rtpStatus: "Accepted",
  payId: "9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d",
  amount: 250,
  commission: 0,
  currency: "MDL",
  payerName: "Ion P.",
  payerIban: "MD88AG000000011621810140",
  executedAt: "2026-03-05T09:15:00.1234567+00:00"
}

const withEmptyFields = {
  rtpId: "5d1c9e2a-3b4f-4a6e-8d7c-9f0e1a2b3c4d",
  rtpStatus: "Accepted",
  orderId: null,
  payId: "e3f4a5b6-c7d8-4e9f-a0b1-c2d3e4f5a6b7",
  amount: 12.5,
  commission: 0.13,
  currency: "MDL",
  payerName: "Maria S.",
  payerIban: "MD24AG000225100014156789",
  executedAt: "2026-03-05T12:00:00+02:00",
  terminalId: ""
}

type Vector = readonly [string, Record<string, unknown>, string, string]

const vectors: ReadonlyArray<Vector> = [
  ["R1 doc payload, KEY_A", docPayload, KEY_A, "86dZpDkTqBW+S6PMs690ECTP7k3jTQvtOTDzd8RjuEs="],
  ["R2 doc payload, KEY_B", docPayload, KEY_B, "h+5BUrr2vsnuEIHZC35tp6c3mMICS4bh9zyqV8C+Kak="],
  [
    "R3 whole lei, zero commission, no orderId",
    wholeLeu,
    KEY_B,
    "NYL+zRfB2RzNvdzuiZToG43Q26JhJr3dPog9jrw3PE8="
  ],
  ["R4 null and empty fields dropped", withEmptyFields, KEY_B, "K9wrrljCRl9uG0nrpqZ5t4M/E2K7kVvg1bpGDveNN0o="]
]

describe("RTP callback signature: the reference vectors through verifyCallback", () => {
  it("R1's signed string sorts case-insensitively (payerIban, payerName before payId)", () => {
    expect(canonicalCallbackString(docPayload, KEY_A)).toBe(
      "100.00:1.00:MDL:2029-10-22T10:32:28+03:00:123:MD24AG000225100014156789:John D.:c56a4180-65aa-42ec-a945-5fd21dec0538:123e4567-e89b-12d3-a456-426614174000:Accepted:8508706b-3454-4733-8295-56e617c4abcf"
    )
  })

  it.each(vectors)("%s verifies and yields the notification", async (_name, result, key, signature) => {
    expect(await signMiaCallback(result, key)).toBe(signature)
    client = rtpClient({ signatureKey: key })
    const outcome = await client.verifyCallback(JSON.stringify({ result, signature }))
    expect(outcome.valid).toBe(true)
    if (!outcome.valid) return
    expect(outcome.notification).toMatchObject({
      rtpId: result.rtpId,
      payId: result.payId,
      rtpStatus: "Accepted",
      amount: result.amount,
      currency: "MDL"
    })
    expect(outcome.notification.raw).toEqual(result)
    expect(bank.recorded).toHaveLength(0)
  })

  it("R4 keeps orderId absent (it was null)", async () => {
    const outcome = await verifyMiaRtpCallback(
      { result: withEmptyFields, signature: "K9wrrljCRl9uG0nrpqZ5t4M/E2K7kVvg1bpGDveNN0o=" },
      KEY_B
    )
    expect(outcome.valid && outcome.notification.orderId).toBeUndefined()
  })

  const negatives: ReadonlyArray<readonly [string, Record<string, unknown>, string, string]> = [
    ["N1 case-sensitive sort", docPayload, KEY_A, "ZC5EUGN2pYS2s5pXWZa99quNKkL+qio6DtTy64RkujQ="],
    ["N2 legacy e-commerce v1", docPayload, KEY_A, "+lgO0X67S1SDoalLWdBPaqbf7Oty5m3VtjxsV6WCFP8="],
    [
      "N3 whitespace-only value kept",
      { ...withEmptyFields, orderId: " ", terminalId: undefined },
      KEY_B,
      "0jtN2Pev/S4ONEyMkGcwBZGwcyLUV1kGrfoqsJ6zq2I="
    ],
    // The documentation's example signature, borrowed from an unrelated card-payment callback.
    [
      "the documentation's example signature",
      docPayload,
      KEY_A,
      "r4KwwIUXQGHhcEM7C4um8o9rSrGEriTRcYQuBbmjEec="
    ]
  ]

  it.each(negatives)("%s is rejected as signature_mismatch", async (_name, result, key, signature) => {
    client = rtpClient({ signatureKey: key })
    expect(await client.verifyCallback({ result, signature })).toMatchObject({
      valid: false,
      reason: "signature_mismatch"
    })
  })

  it("N3: a whitespace-only value is dropped, as maib's samples do", async () => {
    const result = { ...withEmptyFields, orderId: " " }
    const outcome = await verifyMiaRtpCallback(
      { result, signature: "K9wrrljCRl9uG0nrpqZ5t4M/E2K7kVvg1bpGDveNN0o=" },
      KEY_B
    )
    expect(outcome.valid).toBe(true)
  })
})

describe("client.verifyCallback never throws", () => {
  it("bytes are read like a string", async () => {
    client = rtpClient({ signatureKey: KEY_A })
    const body = new TextEncoder().encode(
      JSON.stringify({ result: docPayload, signature: "86dZpDkTqBW+S6PMs690ECTP7k3jTQvtOTDzd8RjuEs=" })
    )
    expect((await client.verifyCallback(body)).valid).toBe(true)
  })

  it("without a signature key: missing_signature_key", async () => {
    client = rtpClient()
    expect(await client.verifyCallback({ result: docPayload, signature: "x" })).toMatchObject({
      valid: false,
      reason: "missing_signature_key"
    })
  })

  it("a body that is not JSON: malformed_body", async () => {
    client = rtpClient({ signatureKey: KEY_A })
    expect(await client.verifyCallback("not json")).toMatchObject({ valid: false, reason: "malformed_body" })
  })

  it("signed, but without rtpId: malformed_notification", async () => {
    const { rtpId: _dropped, ...result } = docPayload
    const signature = await signMiaCallback(result, KEY_A)
    client = rtpClient({ signatureKey: KEY_A })
    expect(await client.verifyCallback({ result, signature })).toMatchObject({
      valid: false,
      reason: "malformed_notification",
      message: "Signed, but result.rtpId is missing."
    })
  })

  it("a QR callback is not mistaken for an RTP one", async () => {
    const result = { qrId: "q", payId: "p", qrStatus: "Paid", amount: 10, currency: "MDL" }
    client = rtpClient({ signatureKey: KEY_A })
    const outcome = await client.verifyCallback({ result, signature: await signMiaCallback(result, KEY_A) })
    expect(outcome).toMatchObject({ valid: false, reason: "malformed_notification" })
  })
})

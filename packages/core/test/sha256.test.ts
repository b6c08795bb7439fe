import fc from "fast-check"
import { describe, expect, it, vi } from "vitest"
import { signMiaCallback, verifyMiaCallback } from "../src/callback/index.js"
import { timingSafeEqualStrings } from "../src/callback/constant-time.js"
import * as nodeDigest from "../src/callback/sha256-node.js"
import * as webDigest from "../src/callback/sha256-web.js"

const KEY = "8508706b-3454-4733-8295-56e617c4abcf"

// Spec §6.3: vector 2's signed string, and the signatures of vectors 1-4 over their strings.
const DOC_STRING =
  "100.50:2.50:MDL:2029-10-22T10:32:28+03:00:40e6ba44-7dff-48cc-91ec-386a38318c68:" +
  "789e0123-e89b-45d6-b789-426614174111:MD24AG000225100013104168:John D.:" +
  "123e4567-e89b-12d3-a456-426614174000:789e0123-f456-7890-a123-456789012345:Paid:QR000123456789:" +
  `P011111:${KEY}`
const vectors: Array<[string, string]> = [
  [
    "50.00:0.10:MDL:2025-04-18T14:04:11.81145+00:00:3fe7f013-23a6-4d09-a4a4-123456789012:123:" +
      "MD88AG000000011621810140:TEST QR PAYMENT:eb361f48-bb39-45e2-950b-123456789012:" +
      `c3108b2f-6c2e-43a2-bdea-123456789012:Paid:MIA0001234567:${KEY}`,
    "fHM+l4L1ycFWZDRTh/Vr8oybq1Q1xySdjyvmFQCmZ4s="
  ],
  [DOC_STRING, "O0Anl9kQbnjvsjje2oC3bk1Sk0/2xNxkn1h53QTIvBw="],
  [
    DOC_STRING.replace(":789e0123-e89b-45d6-b789-426614174111", "").replace(":P011111", ""),
    "o3z5Ehse0C9PRKjxnOFc4/gTm9c4+0uArqolWp6YNow="
  ],
  [DOC_STRING.replace("100.50:2.50:", "10.00:0.10:"), "dOA9EUWjBOU0y/ZtiJ1kwF3n/kKVkrVsl7VLW/neFw4="]
]

const nonAscii = [
  "",
  "100.50:MDL:Ștefan Țurcanu:Chișinău, str. Ștefan cel Mare și Sfînt:ăâîșț ĂÂÎȘȚ",
  // The cedilla forms (ş ţ) that older Moldovan software still sends: other code points, other digest.
  "Şcoala Ţiţei:şţ",
  "Оплата заказа №123: Иван Петрович, Кишинёв",
  "emoji 🧾💳 and a lone surrogate \ud800 end",
  "€ 10,50 — “quoted”"
]

const bothDigests = async (text: string) => [
  await nodeDigest.sha256Base64(text),
  await webDigest.sha256Base64(text)
]

describe("the node:crypto and Web Crypto digests", () => {
  it.each(vectors)("both reproduce the spec's signature of %s", async (text, signature) => {
    expect(await bothDigests(text)).toEqual([signature, signature])
  })

  it.each(nonAscii)("agree on the UTF-8 digest of %j", async (text) => {
    const [fromNode, fromWeb] = await bothDigests(text)
    expect(fromNode).toBe(fromWeb)
    expect(fromNode).toHaveLength(44)
  })

  it("agree on any string, lone surrogates included (property test)", async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: "binary", maxLength: 300 }), async (text) => {
        const [fromNode, fromWeb] = await bothDigests(text)
        expect(fromNode).toBe(fromWeb)
      }),
      { numRuns: 500 }
    )
  })

  it("agree with the constant-time compare on a signature: equal only when equal", async () => {
    const [text, signature] = vectors[1]!
    for (const candidate of [signature, vectors[2]![1], signature.slice(0, -1), `${signature} `, "", "ș"]) {
      const [fromNode, fromWeb] = await bothDigests(text)
      expect(timingSafeEqualStrings(fromNode!, candidate)).toBe(candidate === signature)
      expect(timingSafeEqualStrings(fromWeb!, candidate)).toBe(candidate === signature)
    }
  })

  it("a callback verifies on Node without Web Crypto: the node condition picks node:crypto", async () => {
    const digest = vi.spyOn(crypto.subtle, "digest")
    const result = { qrId: "q", payId: "p", amount: 10, currency: "MDL", payerName: "Ștefan Țurcanu" }
    const signature = await signMiaCallback(result, KEY)
    expect(signature).toBe(await webDigest.sha256Base64(`10.00:MDL:Ștefan Țurcanu:p:q:${KEY}`))
    digest.mockClear()
    expect((await verifyMiaCallback({ result, signature }, KEY)).valid).toBe(true)
    expect(digest).not.toHaveBeenCalled()
  })
})

import { Schema } from "effect"
import { describe, expect, it } from "vitest"
import {
  type MiaWireSchemaName,
  miaWireSchemas,
  toMiaCodec,
  toMiaJsonSchema,
  toMiaStandardSchema
} from "../../src/schemas/index.js"
import { PAY_ID, REFUND_ID, rtpDetails } from "./fixtures.js"

const rtpNames: ReadonlyArray<MiaWireSchemaName> = [
  "rtp",
  "rtpPage",
  "createRtpResult",
  "cancelRtpResult",
  "rtpRefundResult",
  "rtpTestAcceptResult",
  "rtpTestRejectResult"
]

describe("RTP wire schemas on the schemas subpath", () => {
  it.each(rtpNames)("%s has a JSON Schema", (name) => {
    expect(toMiaJsonSchema(name).schema).toBeTypeOf("object")
  })

  it("rtpRefundResult reads both documented answers and refuses one without an id", () => {
    const decode = Schema.decodeUnknownSync(toMiaCodec(miaWireSchemas.rtpRefundResult))
    expect(decode({ refundId: REFUND_ID, status: "created" })).toEqual({
      refundId: REFUND_ID,
      status: "Created"
    })
    expect(decode({ payId: PAY_ID, status: "Refunded", refundId: null })).toEqual({
      payId: PAY_ID,
      status: "Refunded"
    })
    expect(() => decode({ status: "Created" })).toThrow()
  })

  it("rtp reads stored JSON with nulls and numeric strings, as a Standard Schema too", async () => {
    const stored = { ...rtpDetails, amount: "150.00", status: "accepted", terminalId: null }
    const { terminalId: _absent, ...expected } = { ...rtpDetails, amount: 150, status: "Accepted" }
    expect(Schema.decodeUnknownSync(toMiaCodec(miaWireSchemas.rtp))(stored)).toEqual(expected)
    const result = await toMiaStandardSchema("rtp")["~standard"].validate(stored)
    expect(result.issues).toBeUndefined()
  })
})

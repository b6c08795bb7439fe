import * as Schema from "effect/Schema"
import { describe, expect, it } from "vitest"
import { miaWireSchemas, toMiaCodec, toMiaJsonSchema, toMiaStandardSchema } from "../src/schemas/index.js"

const storedPayment = {
  payId: "f16a9006-128a-46bc-8e2a-123456789012",
  qrId: null,
  amount: "619.50",
  currency: "mdl",
  payerName: "Ion Popescu",
  status: "executed",
  executedAt: "2029-10-22T10:32:28+03:00",
  somethingNew: 1
}

describe("@mia-sdk/core/schemas", () => {
  it("decodes a stored payment the way the client does: numeric strings, any-case enums, nulls absent", () => {
    const payment = Schema.decodeUnknownSync(toMiaCodec(miaWireSchemas.payment))(storedPayment)
    expect(payment).toEqual({
      payId: storedPayment.payId,
      amount: 619.5,
      currency: "MDL",
      payerName: "Ion Popescu",
      status: "Executed",
      executedAt: "2029-10-22T10:32:28+03:00"
    })
  })

  it("validates through Standard Schema, with issues that name the field", async () => {
    const validator = toMiaStandardSchema("payment")
    expect(validator["~standard"].version).toBe(1)
    const good = await validator["~standard"].validate(storedPayment)
    expect(good.issues).toBeUndefined()
    const bad = await validator["~standard"].validate({ ...storedPayment, amount: "abc" })
    expect(
      bad.issues?.[0]?.path?.map((segment) => (typeof segment === "object" ? segment.key : segment))
    ).toEqual(["amount"])
  })

  it("exports JSON Schema documents with the required fields", () => {
    const document = toMiaJsonSchema("qrDetails")
    const schema = document.schema as { type: string; required: ReadonlyArray<string>; properties: object }
    expect(schema.type).toBe("object")
    expect(schema.required).toEqual(expect.arrayContaining(["qrId", "status", "type"]))
    expect(Object.keys(schema.properties)).toContain("expiresAt")
  })
})

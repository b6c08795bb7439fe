import type { MiaQrPromiseClient } from "@mia-sdk/core"
import { describe, expect, expectTypeOf, it } from "vitest"
import * as webhooks from "../src/index.js"
import type { PaymentConfirmationPort, ReconciliationPort } from "../src/index.js"

describe("@mia-sdk/webhooks public surface", () => {
  it("exports exactly these values (change deliberately)", () => {
    expect(Object.keys(webhooks).sort()).toMatchInlineSnapshot(`
      [
        "MAX_AMOUNT",
        "MIA_MIGRATIONS",
        "MiaOrderError",
        "ORDER_STATUSES",
        "amountProblem",
        "createMemoryOrderStore",
        "createMiaCallbackHandler",
        "createMiaReconciler",
        "createOrderEventBus",
        "createSqlOrderStore",
        "decideTransition",
        "eventKey",
        "formatMoney",
        "fromMinorUnits",
        "handleMiaCallback",
        "isPremature",
        "migrateMiaSchema",
        "openSqlOrderStore",
        "toMinorUnits",
        "toOrderView",
      ]
    `)
  })

  it("accepts the MIA QR client as its bank ports", () => {
    expectTypeOf<MiaQrPromiseClient>().toMatchTypeOf<PaymentConfirmationPort>()
    expectTypeOf<MiaQrPromiseClient>().toMatchTypeOf<ReconciliationPort>()
  })
})

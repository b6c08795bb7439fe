import type { MiaQrPromiseClient, MiaRtpPromiseClient } from "@mia-sdk/core"
import { describe, expect, expectTypeOf, it } from "vitest"
import * as webhooks from "../src/index.js"
import * as nodeEntry from "../src/node/index.js"
import type { PaymentConfirmationPort, ReconciliationPort, RtpBankPort } from "../src/index.js"

describe("@mia-sdk/webhooks public surface", () => {
  it("exports exactly these values (change deliberately)", () => {
    expect(Object.keys(webhooks).sort()).toMatchInlineSnapshot(`
      [
        "FINAL_STATUSES",
        "MIA_MIGRATIONS",
        "MiaCashierError",
        "MiaOrderError",
        "ORDER_STATUSES",
        "PAID_STATUSES",
        "createMemoryOrderStore",
        "createMemoryPosCashierState",
        "createMiaCallbackHandler",
        "createMiaCheckout",
        "createMiaReconciler",
        "createOrderEventBus",
        "createPosCashier",
        "createSqlOrderStore",
        "createSqlPosCashierState",
        "createSqlPosSessionStore",
        "decideTransition",
        "eventKey",
        "formatMoney",
        "handleMiaCallback",
        "isPremature",
        "migrateMiaSchema",
        "nextCheckAt",
        "openRtp",
        "placeholderPayId",
        "toOrderView",
        "toRtpView",
        "validateRefundInput",
        "watchOrder",
      ]
    `)
  })

  it("accepts the MIA QR client as its bank ports", () => {
    expectTypeOf<MiaQrPromiseClient>().toMatchTypeOf<PaymentConfirmationPort>()
    expectTypeOf<MiaQrPromiseClient>().toMatchTypeOf<ReconciliationPort>()
  })

  it("accepts the MIA RTP client as its payment-request port", () => {
    expectTypeOf<MiaRtpPromiseClient>().toMatchTypeOf<RtpBankPort>()
  })

  it("keeps the server-only store opener in the node entry", () => {
    expect(Object.keys(nodeEntry).sort()).toEqual(["openSqlOrderStore"])
    expect("openSqlOrderStore" in webhooks).toBe(false)
  })
})

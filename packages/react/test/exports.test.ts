// @vitest-environment node
import { expect, it } from "vitest"
import * as api from "../src/index.js"

// Changing the public surface must be deliberate: update this list together with the changeset.
it("exports exactly the public API", () => {
  expect(Object.keys(api).sort()).toMatchInlineSnapshot(`
    [
      "MiaProvider",
      "MiaQrCode",
      "MiaRequestError",
      "createChargeStore",
      "createCheckoutStore",
      "createMiaClient",
      "createPaymentStatusStore",
      "createPosReportsStore",
      "createPosSessionStore",
      "isFinalStatus",
      "orderPhase",
      "useCharge",
      "useCheckout",
      "useMiaClient",
      "usePaymentStatus",
      "usePosReports",
      "usePosSession",
      "usePosShift",
    ]
  `)
})

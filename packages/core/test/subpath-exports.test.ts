import { describe, expect, it } from "vitest"
import * as callback from "../src/callback/index.js"
import * as guards from "../src/guards.js"
import * as money from "../src/money.js"
import * as posSession from "../src/pos-session.js"

describe("Effect-free entry exports", () => {
  // Changing the public surface must be deliberate: update these snapshots in the same change.
  it("each entry exports exactly these runtime names", () => {
    const names = (entry: object) => Object.keys(entry).sort()
    expect({
      "@mia-sdk/core/callback": names(callback),
      "@mia-sdk/core/guards": names(guards),
      "@mia-sdk/core/money": names(money),
      "@mia-sdk/core/pos-session": names(posSession)
    }).toMatchInlineSnapshot(`
      {
        "@mia-sdk/core/callback": [
          "canonicalCallbackString",
          "signMiaCallback",
          "verifyMiaCallback",
          "verifyMiaRtpCallback",
        ],
        "@mia-sdk/core/guards": [
          "isMiaApiError",
          "isMiaAuthError",
          "isMiaPosResultError",
          "isMiaPosSessionError",
          "isMiaResponseError",
          "isMiaRtpAlias",
          "isMiaTransportError",
          "isMiaValidationError",
        ],
        "@mia-sdk/core/money": [
          "MIA_MAX_AMOUNT",
          "formatMinorUnits",
          "fromMinorUnits",
          "parseAmount",
          "toMinorUnits",
        ],
        "@mia-sdk/core/pos-session": [
          "createMemoryPosSessionStore",
          "parsePosSession",
        ],
      }
    `)
  })
})

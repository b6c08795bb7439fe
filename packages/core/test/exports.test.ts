import { describe, expect, it } from "vitest"
import * as root from "../src/index.js"

describe("package exports", () => {
  // Changing the public surface must be deliberate: update this snapshot in the same change.
  it("the root exports exactly these runtime names", () => {
    expect(Object.keys(root).sort()).toMatchInlineSnapshot(`
      [
        "DEFAULT_POS_TIME_ZONE",
        "MIA_BASE_URLS",
        "MIA_MAX_AMOUNT",
        "MiaApiError",
        "MiaApiErrorEntry",
        "MiaAuthError",
        "MiaPosClient",
        "MiaPosResultError",
        "MiaPosSessionError",
        "MiaQrClient",
        "MiaResponseError",
        "MiaRtpClient",
        "MiaTransportError",
        "MiaValidationError",
        "canonicalCallbackString",
        "createMemoryPosSessionStore",
        "createMiaPosClient",
        "createMiaQrClient",
        "createMiaRtpClient",
        "currentRequestTimeoutMs",
        "defaultPosRoutes",
        "formatMinorUnits",
        "formatPosDateTime",
        "fromMinorUnits",
        "isMiaApiError",
        "isMiaAuthError",
        "isMiaError",
        "isMiaPosError",
        "isMiaPosResultError",
        "isMiaPosSessionError",
        "isMiaResponseError",
        "isMiaTransportError",
        "isMiaValidationError",
        "makeMiaPosClient",
        "makeMiaPosClientWithHttpClient",
        "makeMiaQrClient",
        "makeMiaQrClientWithHttpClient",
        "makeMiaRtpClient",
        "makeMiaRtpClientWithHttpClient",
        "miaPosClientConfig",
        "miaQrClientConfig",
        "parseAmount",
        "parsePosDateTime",
        "parsePosSession",
        "signMiaCallback",
        "toMinorUnits",
        "verifyMiaCallback",
        "verifyMiaRtpCallback",
        "withPosOffset",
      ]
    `)
  })
})

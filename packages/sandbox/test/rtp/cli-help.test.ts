import { describe, expect, it } from "vitest"
import { parseCliCommand } from "../../src/internal/cli-options.js"

describe("mia-sandbox --help", () => {
  it("lists the RTP endpoints and the payer's phone inbox", () => {
    const command = parseCliCommand(["--help"], {})
    const text = command.kind === "help" ? command.text : ""
    for (const path of [
      "POST /v2/rtp ",
      "GET /v2/rtp/{rtpId}",
      "POST /v2/rtp/{rtpId}/cancel",
      "POST /v2/rtp/{payId}/refund",
      "POST /v2/rtp/{rtpId}/test-accept",
      "POST /v2/rtp/{rtpId}/test-reject",
      "GET  /v2/sandbox/rtp/inbox/{alias}",
      "POST /v2/sandbox/rtp/inbox/{rtpId}/accept",
      "POST /v2/sandbox/rtp/inbox/{rtpId}/reject"
    ]) {
      expect(text).toContain(path)
    }
  })
})

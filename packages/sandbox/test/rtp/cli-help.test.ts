import { describe, expect, it } from "vitest"
import { CLI_USAGE, parseCliCommand } from "../../src/internal/cli-options.js"
import { createMiaRtpClient } from "@mia-sdk/core"
import { createMiaSandbox } from "../../src/index.js"

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

describe("mia-sandbox --rtp switches", () => {
  it("turns repeated --rtp name=value flags into the RTP options", () => {
    const command = parseCliCommand(
      ["--rtp", "refundAnswer=payId", "--rtp", "statusIncludesPayId=true", "--rtp", "commissionRate=0.01"],
      {}
    )
    expect(command.kind === "serve" && command.options.rtp).toEqual({
      refundAnswer: "payId",
      statusIncludesPayId: true,
      commissionRate: 0.01
    })
    expect(parseCliCommand(["--help"], {}).kind === "help" && CLI_USAGE).toContain("--rtp <name=value>")
  })

  it("names the flag to fix for an unknown switch or value", () => {
    const unknown = parseCliCommand(["--rtp", "refundShape=payId"], {})
    expect(unknown).toMatchObject({ kind: "error", message: expect.stringContaining("refundAnswer") })
    const badValue = parseCliCommand(["--rtp", "refundAnswer=maybe"], {})
    expect(badValue).toMatchObject({ kind: "error", message: expect.stringContaining("refundId, payId") })
  })

  it("an RTP switch set on the command line changes the bank's answers", async () => {
    const command = parseCliCommand(["--rtp", "statusIncludesPayId=true"], {})
    if (command.kind !== "serve") throw new Error(command.kind)
    const sandbox = createMiaSandbox(command.options)
    const server = await sandbox.listen({ port: 0, host: "127.0.0.1" })
    const { clientId, clientSecret } = sandbox.credentials
    const client = createMiaRtpClient({ clientId, clientSecret, baseUrl: server.url, maxRetries: 0 })
    try {
      const { rtpId } = await client.createRtp({
        alias: "37369999001",
        amount: 5,
        description: "CLI switch",
        expiresAt: new Date(sandbox.clock.now() + 600_000)
      })
      const { payId } = await sandbox.rtp.accept(rtpId)
      expect((await client.getRtp(rtpId)).payId).toBe(payId)
    } finally {
      await client.close()
      await server.close()
      await sandbox.close()
    }
  })
})

import { describe, expect, it } from "vitest"
import * as sandboxPackage from "../src/index.js"

describe("the package's public surface", () => {
  it("exports exactly these runtime values (change deliberately, with a changeset)", () => {
    expect(Object.keys(sandboxPackage).sort()).toMatchInlineSnapshot(`
      [
        "DEFAULT_CALLBACK_RETRY_DELAYS",
        "DEFAULT_SANDBOX_CREDENTIALS",
        "POS_SANDBOX_DEFAULTS",
        "SandboxPaymentError",
        "createMiaSandbox",
        "createPosSandbox",
        "createSandboxClock",
      ]
    `)
  })
})

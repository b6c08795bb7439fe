import { readdir, readFile } from "node:fs/promises"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import * as web from "../../src/web/index.js"

const WEB_SOURCES = new URL("../../src/web/", import.meta.url)

const sources = async (): Promise<ReadonlyArray<{ file: string; text: string }>> => {
  const files = (await readdir(WEB_SOURCES, { recursive: true })).filter((file) => file.endsWith(".ts"))
  return Promise.all(
    files.map(async (file) => {
      const text = await readFile(join(WEB_SOURCES.pathname, file), "utf8")
      // Code only: the JSDoc examples show merchants' own Node code (process.env) on purpose.
      return { file, text: text.replace(/\/\*[\s\S]*?\*\//g, "").replace(/^\s*\/\/.*$/gm, "") }
    })
  )
}

describe("@mia-sdk/webhooks/web public surface", () => {
  it("exports exactly these values (change deliberately)", () => {
    expect(Object.keys(web).sort()).toMatchInlineSnapshot(`
      [
        "MiaHttpError",
        "PROBLEM_BASE",
        "allowedOriginSet",
        "createMiaCheckoutHandler",
        "createMiaPosHandler",
        "createMiaWebhookHandler",
        "createStreamLimits",
        "guardStateChange",
        "problemResponse",
        "toPosHttpError",
        "toProblem",
        "validationError",
      ]
    `)
  })

  // The handlers promise Node >= 20, Bun, Deno and Workers: their own code speaks Web APIs only.
  it("imports no Node module, no Node global and no Effect", async () => {
    for (const { file, text } of await sources()) {
      expect(text, file).not.toMatch(/from "(node:[^"]+|effect(\/[^"]*)?|@effect\/[^"]+)"/)
      expect(text, file).not.toMatch(/\b(Buffer|process)\./)
      // The main entry of @mia-sdk/core loads Effect; its Effect-free subpaths are fine.
      expect(text, file).not.toMatch(/from "@mia-sdk\/core"/)
    }
  })
})

import { forbiddenImportsOf } from "@mia-sdk/vitest-config/forbidden-imports"
import { describe, expect, it } from "vitest"

// `effect` in any form, or core's main entry (which loads Effect). The database drivers are
// loaded on demand and stay outside.
const EFFECT_OR_CORE_MAIN = {
  forbidden: /^(effect|effect\/.*|@mia-sdk\/core)$/,
  external: ["pg", "@electric-sql/pglite"]
}

// Webhooks and the adapters on it run without Effect: runtime imports from @mia-sdk/core go through
// its Effect-free entries (/callback, /guards, /money, /pos-session). `import type` is fine; an
// inline `import { type X } from "@mia-sdk/core"` is not (under verbatimModuleSyntax it stays).
describe("no Effect at runtime", () => {
  it.each(["../src/index.ts", "../src/web/index.ts"])(
    "%s imports neither Effect nor core's main entry",
    async (entry) => {
      expect(await forbiddenImportsOf(new URL(entry, import.meta.url), EFFECT_OR_CORE_MAIN)).toEqual([])
    }
  )
})

// Edge runtimes and bundlers load the main and web entries: no database driver may hide in them
// (`openSqlOrderStore` lives in `@mia-sdk/webhooks/node`).
describe("no database driver in the edge-safe entries", () => {
  it.each(["../src/index.ts", "../src/web/index.ts"])("%s imports neither pg nor PGlite", async (entry) => {
    expect(
      await forbiddenImportsOf(new URL(entry, import.meta.url), { forbidden: /^(pg|@electric-sql\/pglite)$/ })
    ).toEqual([])
  })
})

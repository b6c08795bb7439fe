import { relative } from "node:path"
import { fileURLToPath } from "node:url"
import { build } from "esbuild"
import { describe, expect, it } from "vitest"

const packageDir = fileURLToPath(new URL("..", import.meta.url))

/**
 * Bundles an entry of this package the way a merchant's bundler would (core read from its sources,
 * so a stale build cannot hide anything) and lists every import, at any depth, static or dynamic,
 * of `effect` or of core's main entry (which loads Effect). Express (a peer) and the database
 * drivers that webhooks loads on demand stay outside.
 */
const forbiddenImportsOf = async (entry: string): Promise<Array<string>> => {
  const found: Array<string> = []
  await build({
    entryPoints: [fileURLToPath(new URL(entry, import.meta.url))],
    bundle: true,
    write: false,
    platform: "node",
    format: "esm",
    conditions: ["@mia-sdk/source"],
    external: ["pg", "@electric-sql/pglite", "express"],
    logLevel: "silent",
    plugins: [
      {
        name: "record-forbidden-imports",
        setup(bundler) {
          bundler.onResolve({ filter: /^(effect|effect\/.*|@mia-sdk\/core)$/ }, (args) => {
            found.push(`${relative(packageDir, args.importer)} imports ${args.path}`)
            return { path: args.path, external: true }
          })
        }
      }
    ]
  })
  return found
}

// The routers run without Effect, here and in @mia-sdk/webhooks below them: runtime imports from
// @mia-sdk/core go through its Effect-free entries (/callback, /guards, /money, /pos-session).
// `import type` is fine; an inline `import { type X } from "@mia-sdk/core"` is not (under
// verbatimModuleSyntax it stays).
describe("no Effect at runtime", () => {
  it.each(["../src/index.ts"])("%s imports neither Effect nor core's main entry", async (entry) => {
    expect(await forbiddenImportsOf(entry)).toEqual([])
  })
})

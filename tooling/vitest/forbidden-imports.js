import { relative } from "node:path"
import { fileURLToPath } from "node:url"
import { build } from "esbuild"

/**
 * Bundles `entry` the way a merchant's bundler would (sibling packages read from their sources,
 * so a stale build cannot hide anything) and lists every import, at any depth, static or dynamic,
 * whose specifier matches `forbidden`. `external` packages (database drivers loaded on demand)
 * stay outside the bundle.
 */
export const forbiddenImportsOf = async (entry, { forbidden, external = [] }) => {
  const entryPath = fileURLToPath(entry)
  const found = []
  await build({
    entryPoints: [entryPath],
    bundle: true,
    write: false,
    platform: "node",
    format: "esm",
    conditions: ["@mia-sdk/source"],
    external,
    logLevel: "silent",
    plugins: [
      {
        name: "record-forbidden-imports",
        setup(bundler) {
          bundler.onResolve({ filter: forbidden }, (args) => {
            found.push(`${relative(process.cwd(), args.importer)} imports ${args.path}`)
            return { path: args.path, external: true }
          })
        }
      }
    ]
  })
  return found
}

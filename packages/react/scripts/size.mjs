// Size budget of the browser bundle: the package entry, minified and gzipped, without react and
// the QR encoder (uqr), which apps share or load anyway. Also fails when anything other than
// react or uqr would end up in the bundle (no Effect, no server code). The one exception is core's
// money module, which imports nothing and is bundled so both packages check amounts alike.
import { gzipSync } from "node:zlib"
import { fileURLToPath } from "node:url"
import { build } from "esbuild"

const BUDGET_BYTES = 6000
const allowed = /^(react|react\/jsx-runtime|react-dom|uqr)$/
const bundled = /^\.\.\/core\/src\/money\.ts$/

const result = await build({
  absWorkingDir: fileURLToPath(new URL("..", import.meta.url)),
  entryPoints: ["src/index.ts"],
  bundle: true,
  minify: true,
  format: "esm",
  platform: "browser",
  target: "es2022",
  write: false,
  metafile: true,
  external: ["react", "react/*", "react-dom", "uqr"],
  // As in tsup.config.ts: workspace packages are read from their sources.
  conditions: ["@mia-sdk/source"],
  logLevel: "silent"
})

const code = result.outputFiles[0].contents
const gzipped = gzipSync(code, { level: 9 }).length
const imports = Object.values(result.metafile.outputs).flatMap((output) => output.imports.map((i) => i.path))
const foreign = [...new Set(imports)].filter((path) => !allowed.test(path))
const inputs = Object.keys(result.metafile.inputs).filter(
  (path) => !path.startsWith("src/") && !bundled.test(path)
)

console.log(
  `@mia-sdk/react entry: ${(code.length / 1000).toFixed(2)} kB minified, ${(gzipped / 1000).toFixed(2)} kB min+gzip ` +
    `(budget ${(BUDGET_BYTES / 1000).toFixed(2)} kB, react and uqr excluded)`
)
if (foreign.length > 0 || inputs.length > 0) {
  console.error(
    `Only react and uqr may be imported; the bundle pulls in: ${[...foreign, ...inputs].join(", ")}`
  )
  process.exit(1)
}
if (gzipped > BUDGET_BYTES) {
  console.error(`Over budget by ${gzipped - BUDGET_BYTES} bytes: trim the entry or move code out of it.`)
  process.exit(1)
}

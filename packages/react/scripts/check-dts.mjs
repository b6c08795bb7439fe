// The published declarations must stand alone: the wire types of @mia-sdk/core are inlined at
// build time (tsup.config.ts), so no .d.ts may import a @mia-sdk package.
import { readdirSync, readFileSync } from "node:fs"
import { fileURLToPath } from "node:url"

const dist = fileURLToPath(new URL("../dist/", import.meta.url))
const files = readdirSync(dist).filter((name) => /\.d\.c?ts$/.test(name))
if (files.length === 0) {
  console.error("No declarations in dist/: run `npx tsup` first.")
  process.exit(1)
}
const offenders = files.filter((name) =>
  /^(?:import|export)\b[^\n]*from\s+['"]@mia-sdk\//m.test(readFileSync(dist + name, "utf8"))
)
if (offenders.length > 0) {
  console.error(`These declarations import a @mia-sdk package: ${offenders.join(", ")}`)
  process.exit(1)
}
console.log(`${files.join(", ")}: self-contained`)

// Every built module is client code for React Server Components hosts (Next.js App Router).
const modules = readdirSync(dist).filter((name) => /\.c?js$/.test(name))
const serverSide = modules.filter((name) => !readFileSync(dist + name, "utf8").startsWith('"use client";'))
if (serverSide.length > 0) {
  console.error(`These modules lack the "use client" directive: ${serverSide.join(", ")}`)
  process.exit(1)
}
console.log(`${modules.join(", ")}: "use client"`)

/**
 * Cold start: a fresh Node process imports the BUILT `@mia-sdk/core` (run `pnpm build` first) and
 * creates a MIA QR client; the figure is the median of 7 runs of the time from before the import
 * to after `createMiaQrClient`, measured inside the process. The whole process time is printed
 * beside it. Run: `npx tsx bench/cold-start.ts` from packages/core.
 */
import { execFileSync } from "node:child_process"
import { existsSync, readdirSync, readFileSync } from "node:fs"
import { fileURLToPath } from "node:url"

const RUNS = 7
const entry = fileURLToPath(new URL("../dist/index.js", import.meta.url))
if (!existsSync(entry)) {
  console.error("packages/core/dist is missing: run `npx tsup` (or the workspace build) first.")
  process.exit(1)
}

const program = `
const start = performance.now()
const { createMiaQrClient } = await import(${JSON.stringify(entry)})
const client = createMiaQrClient({ clientId: "id", clientSecret: "secret", environment: "sandbox" })
const ready = performance.now() - start
await client.close()
process.stdout.write(JSON.stringify({ ready }))
`

// The Effect modules the built entry imports, loaded alone: the part of the start-up that is Effect's.
const distDir = fileURLToPath(new URL("../dist/", import.meta.url))
const effectModules = new Set<string>()
for (const file of readdirSync(distDir).filter((name) => name.endsWith(".js"))) {
  for (const match of readFileSync(distDir + file, "utf8").matchAll(
    /^import .* from "(effect\/[A-Za-z]+)";?$/gm
  )) {
    effectModules.add(match[1] as string)
  }
}
const effectOnly = `
const start = performance.now()
for (const name of ${JSON.stringify([...effectModules])}) await import(name)
process.stdout.write(JSON.stringify({ ready: performance.now() - start }))
`

const median = (values: Array<number>) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN

const inside: Array<number> = []
const whole: Array<number> = []
for (let run = 0; run < RUNS; run++) {
  const started = performance.now()
  const output = execFileSync(process.execPath, ["--input-type=module", "-e", program], { encoding: "utf8" })
  whole.push(performance.now() - started)
  inside.push((JSON.parse(output) as { ready: number }).ready)
}
const effectAlone: Array<number> = []
for (let run = 0; run < RUNS; run++) {
  const output = execFileSync(process.execPath, ["--input-type=module", "-e", effectOnly], {
    encoding: "utf8",
    cwd: fileURLToPath(new URL("..", import.meta.url))
  })
  effectAlone.push((JSON.parse(output) as { ready: number }).ready)
}
const bare: Array<number> = []
for (let run = 0; run < RUNS; run++) {
  const started = performance.now()
  execFileSync(process.execPath, ["-e", "0"])
  bare.push(performance.now() - started)
}

console.log(`cold start of @mia-sdk/core (Node ${process.version}), median of ${RUNS} fresh processes`)
console.log(`  import + createMiaQrClient   ${median(inside).toFixed(0)} ms   [target <= 200 ms]`)
console.log(
  `    of which Effect's own modules  ${median(effectAlone).toFixed(0)} ms   (${effectModules.size} modules, loaded alone: ${[...effectModules].map((name) => name.slice(7)).join(", ")})`
)
console.log(
  `  whole process                ${median(whole).toFixed(0)} ms   (an empty node process: ${median(bare).toFixed(0)} ms)`
)

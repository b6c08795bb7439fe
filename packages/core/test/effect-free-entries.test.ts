import { spawnSync } from "node:child_process"
import { fileURLToPath } from "node:url"
import { describe, expect, it } from "vitest"

const packageDir = fileURLToPath(new URL("..", import.meta.url))

// A module resolve hook that refuses `effect` and names the importer: any module that reaches
// Effect, however deep in the import graph, makes the import fail.
const refuseEffect = `export async function resolve(specifier, context, next) {
  if (specifier === "effect" || specifier.startsWith("effect/")) {
    throw new Error("loaded " + specifier + " from " + context.parentURL)
  }
  return next(specifier, context)
}`
const registerHook = `import { register } from "node:module"
register(${JSON.stringify(`data:text/javascript,${encodeURIComponent(refuseEffect)}`)})`

/** Imports `specifier` in a fresh Node (sources through tsx) where `effect` cannot be loaded. */
const importWithoutEffect = (specifier: string) =>
  spawnSync(
    process.execPath,
    [
      "--conditions=@mia-sdk/source",
      "--import",
      "tsx",
      "--import",
      `data:text/javascript,${encodeURIComponent(registerHook)}`,
      "--input-type=module",
      "--eval",
      `await import(${JSON.stringify(specifier)})`
    ],
    { cwd: packageDir, encoding: "utf8" }
  )

describe("Effect-free entries", () => {
  it("the check notices Effect when it is loaded", () => {
    const run = importWithoutEffect("effect/Schema")
    expect(run.status).not.toBe(0)
    expect(run.stderr).toContain("loaded effect/Schema")
  })

  it.each([
    "@mia-sdk/core/callback",
    "@mia-sdk/core/guards",
    "@mia-sdk/core/money",
    "@mia-sdk/core/pos-session"
  ])("%s loads without Effect", (entry) => {
    const run = importWithoutEffect(entry)
    expect(run.stderr).toBe("")
    expect(run.status).toBe(0)
  })
})

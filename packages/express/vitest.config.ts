import { preset } from "@mia-sdk/vitest-config"
import { defineConfig, mergeConfig } from "vitest/config"

const config = mergeConfig(
  preset,
  defineConfig({ test: { include: ["src/**/*.test.ts", "test/**/*.test.ts"] } })
)

// Vitest hands `ssr.resolve.conditions` to its workers as Node `--conditions`, which CommonJS
// `require` honours too: with "import" in the list, Express 5's router loads is-promise's ES
// module build and gets a namespace object instead of a function. Vite adds "import"/"require"
// per import by itself, so the source condition and "node" are all that is needed.
config.ssr.resolve.conditions = ["@mia-sdk/source", "node"]
config.ssr.resolve.externalConditions = ["@mia-sdk/source", "node"]

export default config

import { preset } from "@mia-sdk/vitest-config"
import { defineConfig } from "vitest/config"

// Vitest 3.2 on Vite 7 starts its workers with `--conditions` for every `ssr.resolve.conditions`
// entry, and Node's `require` honours them too: the preset's "module" and "import" would hand
// CommonJS packages the demo server loads (pg, Express's router) the ES builds of their
// dependencies (pg-pool, is-promise). Workspace sources only need "@mia-sdk/source".
const conditions = ["@mia-sdk/source", "node", "development|production"]

export default defineConfig({
  ...preset,
  ssr: { resolve: { conditions, externalConditions: ["@mia-sdk/source"] } },
  test: { ...preset.test, include: ["test/**/*.test.ts"] }
})

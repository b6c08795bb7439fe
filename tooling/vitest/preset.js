// Tests run against the sibling packages' TypeScript sources (the "@mia-sdk/source" export
// condition), so a change in core is seen by sandbox tests without a build step in between.
//
// Vitest 3.2 on Vite 7 starts its workers with Node `--conditions` for every
// `ssr.resolve.conditions` entry, and CommonJS `require` honours them too. So the list holds only
// the source condition and "node": adding "import" or "module" would hand CommonJS packages
// (Express 5's router, pg) the ES builds of their dependencies (is-promise, pg-pool) and break them.
// Vite adds "import"/"require" per import by itself.
const conditions = ["@mia-sdk/source", "node", "development|production"]

/**
 * Shared Vitest settings for every package.
 * @example
 * import { defineConfig, mergeConfig } from "vitest/config"
 * import { preset } from "@mia-sdk/vitest-config"
 * export default mergeConfig(preset, defineConfig({ test: { environment: "node" } }))
 */
export const preset = {
  resolve: { conditions: ["@mia-sdk/source", "module", "browser", "development|production"] },
  ssr: { resolve: { conditions, externalConditions: ["@mia-sdk/source", "node"] } },
  test: {
    // The JSON file feeds the one-line totals the root test command prints at the end.
    reporters: ["default", ["json", { outputFile: "test-results/vitest.json" }]],
    testTimeout: 20_000,
    hookTimeout: 20_000,
    restoreMocks: true
  }
}

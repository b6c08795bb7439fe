// Tests run against the sibling packages' TypeScript sources (the "@mia-sdk/source" export
// condition), so a change in core is seen by sandbox tests without a build step in between.
const conditions = ["@mia-sdk/source", "module", "import", "node", "default"]

/**
 * Shared Vitest settings for every package.
 * @example
 * import { defineConfig, mergeConfig } from "vitest/config"
 * import { preset } from "@mia-sdk/vitest-config"
 * export default mergeConfig(preset, defineConfig({ test: { environment: "node" } }))
 */
export const preset = {
  resolve: { conditions },
  ssr: { resolve: { conditions, externalConditions: conditions } },
  test: {
    testTimeout: 20_000,
    hookTimeout: 20_000,
    restoreMocks: true
  }
}

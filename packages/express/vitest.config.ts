import { preset } from "@mia-sdk/vitest-config"
import { defineConfig, mergeConfig } from "vitest/config"

export default mergeConfig(
  preset,
  defineConfig({ test: { include: ["src/**/*.test.ts", "test/**/*.test.ts"] } })
)

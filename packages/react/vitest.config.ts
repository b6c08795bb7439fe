import { preset } from "@mia-sdk/vitest-config"
import { defineConfig, mergeConfig } from "vitest/config"

export default mergeConfig(
  preset,
  defineConfig({
    test: {
      include: ["src/**/*.test.{ts,tsx}", "test/**/*.test.{ts,tsx}"],
      environment: "jsdom"
    }
  })
)

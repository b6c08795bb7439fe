import { defineConfig } from "tsup"

export default defineConfig({
  entry: { index: "src/index.ts", "web/index": "src/web/index.ts", "node/index": "src/node/index.ts" },
  format: ["esm", "cjs"],
  dts: true,
  sourcemap: true,
  clean: true,
  target: "es2022"
})

import { defineConfig } from "tsup"

export default defineConfig({
  entry: {
    index: "src/index.ts",
    money: "src/money.ts",
    "wire/index": "src/wire/index.ts",
    "node/index": "src/node/index.ts"
  },
  format: ["esm", "cjs"],
  dts: true,
  sourcemap: true,
  clean: true,
  target: "es2022"
})

import { defineConfig } from "tsup"

export default defineConfig({
  entry: ["src/index.ts"],
  format: ["esm", "cjs"],
  // The wire types of @mia-sdk/core are inlined so the published declarations need no server package:
  // resolved through the workspace's source condition, they are local files to the declaration bundler.
  dts: { compilerOptions: { paths: { "@mia-sdk/core/wire": ["../core/src/wire/index.ts"] } } },
  sourcemap: true,
  clean: true,
  target: "es2022",
  external: ["react", "uqr"]
})

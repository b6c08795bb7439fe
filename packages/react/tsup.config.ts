import { defineConfig } from "tsup"

export default defineConfig({
  entry: ["src/index.ts"],
  format: ["esm", "cjs"],
  // The wire types of @mia-sdk/core are inlined so the published declarations need no server package:
  // resolved through the workspace's source condition, they are local files to the declaration bundler.
  dts: { compilerOptions: { paths: { "@mia-sdk/core/wire": ["../core/src/wire/index.ts"] } } },
  // Core's money module (a devDependency, so bundled) is read from its source the same way: the build
  // needs no prior build of core, and the module imports nothing, so no Effect comes along.
  esbuildOptions(options) {
    options.conditions = ["@mia-sdk/source"]
  },
  // The hooks run in the browser only: Next.js App Router and other React Server Components hosts
  // must treat the package as client code.
  banner: { js: '"use client";' },
  sourcemap: true,
  clean: true,
  target: "es2022",
  external: ["react", "uqr"]
})

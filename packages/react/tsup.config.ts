import { readdir, readFile, writeFile } from "node:fs/promises"
import { defineConfig } from "tsup"

export default defineConfig({
  entry: ["src/index.ts", "src/rtp.ts"],
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
  // One copy of shared modules for both entries in CommonJS too: `@mia-sdk/react/rtp` must find the
  // same MiaProvider context as the main entry.
  splitting: true,
  sourcemap: true,
  // tsup's CommonJS splitting drops the banner: put the directive back where it went missing.
  async onSuccess() {
    for (const name of await readdir("dist")) {
      if (!/\.c?js$/.test(name)) continue
      const code = await readFile(`dist/${name}`, "utf8")
      if (!code.startsWith('"use client"')) await writeFile(`dist/${name}`, `"use client";\n${code}`)
    }
  },
  clean: true,
  target: "es2022",
  external: ["react", "uqr"]
})

import { defaultClientConditions, defineConfig } from "vite"

// The storefront bundles the workspace packages from their TypeScript sources, like the tests do,
// so `pnpm demo` needs no package build first. JSX goes through esbuild's automatic runtime.
export default defineConfig({
  root: "src",
  publicDir: false,
  resolve: { conditions: ["@mia-sdk/source", ...defaultClientConditions] },
  esbuild: { jsx: "automatic" },
  build: { outDir: "../dist", emptyOutDir: true, reportCompressedSize: false }
})

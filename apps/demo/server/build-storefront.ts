import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"
import { build } from "vite"

const appRoot = join(dirname(fileURLToPath(import.meta.url)), "..")

/**
 * Builds the React storefront with Vite into `outDir` (default `apps/demo/dist`), which the server
 * then serves. The workspace packages are bundled from their TypeScript sources.
 * @example
 * await buildStorefront({ outDir: "/tmp/storefront", quiet: true })
 */
export const buildStorefront = async (options: { outDir?: string; quiet?: boolean } = {}) => {
  await build({
    configFile: join(appRoot, "vite.config.ts"),
    logLevel: options.quiet ? "warn" : "info",
    build: { outDir: options.outDir ?? join(appRoot, "dist"), emptyOutDir: true }
  })
}

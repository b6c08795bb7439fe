import { readFileSync } from "node:fs"
import { defineConfig } from "tsup"

const { version } = JSON.parse(readFileSync(new URL("./package.json", import.meta.url), "utf8")) as {
  version: string
}

export default defineConfig({
  entry: {
    index: "src/index.ts",
    money: "src/money.ts",
    "callback/index": "src/callback/index.ts",
    guards: "src/guards.ts",
    "schemas/index": "src/schemas/index.ts",
    "pos-session": "src/pos-session.ts",
    "wire/index": "src/wire/index.ts",
    "node/index": "src/node/index.ts",
    // Both digests ship; package.json "imports" maps `#sha256` to one of them by export condition.
    "callback/sha256-node": "src/callback/sha256-node.ts",
    "callback/sha256-web": "src/callback/sha256-web.ts"
  },
  // Left as an import so the consumer's resolver picks the digest (`node` condition or not) when it
  // runs or bundles the package, instead of this build deciding once for every platform.
  external: ["#sha256"],
  // The version in every request's User-Agent (`mia-sdk/<version>`).
  define: { __MIA_SDK_VERSION__: JSON.stringify(version) },
  format: ["esm", "cjs"],
  dts: true,
  sourcemap: true,
  clean: true,
  target: "es2022"
})

// Extracts the code blocks of the published READMEs into a blank npm project and writes what to do
// with each into manifest.json (the marker convention is described at the top of run.sh).
//
//   node scripts/readme-examples/extract.mjs <repository root> <output folder>
//
// Writes <output>/examples/<readme>/bNN.ts(x) (or the block's `file:` path), <output>/tsconfig.*.json,
// <output>/manifest.json and <output>/install.json (the packages the READMEs' install lines name,
// besides @mia-sdk/*). Static checks (every block classified, install lines naming every imported
// package, no internal references) are recorded in the manifest; run-examples.mjs reports them.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs"
import { builtinModules } from "node:module"
import { dirname, join, relative } from "node:path"
import { GIVENS, isImportGiven } from "./givens.mjs"
import { EXTERNAL_MARKERS } from "./markers.mjs"

/** The READMEs whose examples are checked, and the folder name of each. */
export const READMES = [
  ["README.md", "root"],
  ["packages/core/README.md", "core"],
  ["packages/sandbox/README.md", "sandbox"],
  ["packages/webhooks/README.md", "webhooks"],
  ["packages/express/README.md", "express"],
  ["packages/react/README.md", "react"]
]

const CODE_LANGS = new Set(["ts", "tsx", "js", "mjs", "jsx"])
const SHELL_LANGS = new Set(["sh", "bash", "shell", "console"])
const MODES = new Set(["run", "server", "typecheck", "skip", "install"])
const MARKER = /^\s*<!--\s*example:\s*(.*?)\s*-->\s*$/
const INSTALL_COMMAND = /^(?:npm\s+(?:install|i|add)|pnpm\s+(?:add|install|i)|yarn\s+add|bun\s+add)(?:\s|$)/
const INTERNAL_REFERENCES = [
  [/§/, "a section sign (a reference to an internal spec)"],
  [/\bSeed \d/, "a reference to an internal seed document"],
  [/\.\.\/shared\//, "a link into ../shared/, outside the published package"],
  [/\bDESIGN\.md\b/, "a reference to DESIGN.md, which is not published"]
]

/**
 * Parses `mode; key: value; key: value` into `{ mode, given, file, env, reason, requests }`.
 * `reason:` comes last and takes the rest of the text, semicolons included.
 */
export const parseMarker = (text) => {
  const reasonAt = text.search(/;\s*reason:/)
  const reason = reasonAt === -1 ? undefined : text.slice(text.indexOf(":", reasonAt) + 1).trim()
  const [head = "", ...rest] = (reasonAt === -1 ? text : text.slice(0, reasonAt))
    .split(";")
    .map((part) => part.trim())
  const marker = { mode: head, given: [], requests: [], reason }
  const problems = []
  if (!MODES.has(head)) problems.push(`unknown mode "${head}" (run, server, typecheck, skip or install)`)
  for (const part of rest) {
    if (part === "") continue
    const colon = part.indexOf(":")
    const key = colon === -1 ? part : part.slice(0, colon).trim()
    const value = colon === -1 ? "" : part.slice(colon + 1).trim()
    if (key === "given") marker.given.push(...value.split(/[\s,]+/).filter(Boolean))
    else if (key === "file") marker.file = value
    else if (key === "env") marker.env = value
    else if (key === "request") marker.requests.push(value)
    else problems.push(`unknown key "${key}"`)
  }
  if (marker.env !== undefined && !["node", "browser", "nextjs"].includes(marker.env))
    problems.push(`env must be node, browser or nextjs, not "${marker.env}"`)
  if (marker.mode === "skip" && !marker.reason) problems.push("skip needs a reason: `skip; reason: ...`")
  if (marker.mode === "server" && marker.requests.length === 0)
    problems.push("server needs at least one `request: METHOD /path -> STATUS`")
  for (const name of marker.given) {
    if (GIVENS[name] === undefined) problems.push(`unknown given "${name}" (add it to givens.mjs)`)
    else if ((marker.mode === "run" || marker.mode === "server") && !isImportGiven(name))
      problems.push(`given "${name}" is a declaration: a block that needs it can be type-checked, not run`)
  }
  return { marker, problems }
}

/** Every fenced code block of a Markdown text, with the example marker written before it. */
export const findBlocks = (markdown) => {
  const lines = markdown.split("\n")
  const blocks = []
  for (let index = 0; index < lines.length; index++) {
    const open = /^(\s*)(`{3,}|~{3,})\s*([^\s`]*)\s*(.*)$/.exec(lines[index])
    if (open === null) continue
    const [, indent, fence, lang, meta] = open
    const body = []
    let end = index + 1
    while (end < lines.length && !new RegExp(`^\\s*${fence[0]}{${fence.length},}\\s*$`).test(lines[end])) {
      body.push(lines[end].startsWith(indent) ? lines[end].slice(indent.length) : lines[end].trimStart())
      end++
    }
    let before = index - 1
    while (before >= 0 && lines[before].trim() === "") before--
    const markerMatch = before >= 0 ? MARKER.exec(lines[before]) : null
    blocks.push({
      line: index + 1,
      codeLine: index + 2,
      lang: lang.toLowerCase(),
      meta,
      code: body.join("\n"),
      markerText: markerMatch?.[1]
    })
    index = end
  }
  return blocks
}

/** The package a module specifier belongs to, or undefined for builtins, relative paths and `@/` aliases. */
export const packageOf = (specifier) => {
  if (specifier.startsWith(".") || specifier.startsWith("/") || specifier.startsWith("@/")) return undefined
  if (specifier.startsWith("node:") || builtinModules.includes(specifier.split("/")[0])) return undefined
  const parts = specifier.split("/")
  return specifier.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0]
}

/** The module specifiers a block imports (static and dynamic imports, `require`). */
export const importsOf = (code) => {
  const found = new Set()
  const patterns = [
    /\bimport\s+(?:type\s+)?[^'"`;]*?\bfrom\s*["']([^"']+)["']/g,
    /\bimport\s*["']([^"']+)["']/g,
    /\bimport\s*\(\s*["']([^"']+)["']\s*\)/g,
    /\brequire\s*\(\s*["']([^"']+)["']\s*\)/g,
    /\bexport\s+[^'"`;]*?\bfrom\s*["']([^"']+)["']/g
  ]
  for (const pattern of patterns) for (const match of code.matchAll(pattern)) found.add(match[1])
  return [...found]
}

/** The packages an install line names (`npm install a b@1 --save-dev`), or undefined if it is not one. */
export const installedBy = (line) => {
  const command = line.replace(/\s+#.*$/, "").trim()
  if (!INSTALL_COMMAND.test(command)) return undefined
  return command
    .split(/\s+/)
    .slice(2)
    .filter((word) => !word.startsWith("-"))
}

/** Whether every non-empty line of a shell block is an install command or a comment. */
const isInstallBlock = (code) => {
  const lines = code.split("\n").filter((line) => line.trim() !== "" && !line.trim().startsWith("#"))
  return lines.length > 0 && lines.every((line) => installedBy(line) !== undefined)
}

const nameOf = (spec) => {
  const at = spec.indexOf("@", 1)
  return at === -1 ? spec : spec.slice(0, at)
}

const main = () => {
  const [root, out] = process.argv.slice(2)
  if (!root || !out) {
    console.error("usage: node extract.mjs <repository root> <output folder>")
    process.exit(2)
  }
  const manifest = { blocks: [], problems: [] }
  const installs = new Map()
  const projects = { node: [], browser: [] }
  for (const [readme, slug] of READMES) {
    const markdown = readFileSync(join(root, readme), "utf8")
    markdown.split("\n").forEach((line, index) => {
      if (/<!--/.test(line) && !MARKER.test(line))
        manifest.problems.push(`${readme}:${index + 1}: an HTML comment that is not an example marker`)
      for (const [pattern, what] of INTERNAL_REFERENCES)
        if (pattern.test(line)) manifest.problems.push(`${readme}:${index + 1}: ${what}`)
    })
    const external = EXTERNAL_MARKERS[readme] ?? []
    const usedExternal = new Set()
    const imported = new Map()
    const named = new Set()
    const installBlocks = []
    const blocks = findBlocks(markdown)
    blocks.forEach((block, index) => {
      const id = `${slug}#${index + 1}`
      const entry = { id, readme, line: block.line, lang: block.lang, problems: [] }
      manifest.blocks.push(entry)
      let markerText = block.markerText
      if (markerText === undefined) {
        const rule = external.find((candidate) => block.code.includes(candidate.block))
        if (rule !== undefined) {
          markerText = rule.marker
          usedExternal.add(rule)
          entry.external = true
        }
      }
      const isShell = SHELL_LANGS.has(block.lang)
      if (markerText === undefined && isShell && isInstallBlock(block.code)) markerText = "install"
      if (markerText === undefined) {
        entry.mode = "unmarked"
        entry.problems.push(
          "no example marker: put `<!-- example: run | server | typecheck | skip; reason: ... -->` before it"
        )
        return
      }
      const { marker, problems } = parseMarker(markerText)
      Object.assign(entry, {
        mode: marker.mode,
        reason: marker.reason,
        given: marker.given,
        requests: marker.requests
      })
      entry.problems.push(...problems)
      if (marker.mode === "skip") return
      if (marker.mode === "install") {
        if (!isShell || !isInstallBlock(block.code))
          entry.problems.push("install: not a shell block of install lines")
        const packages = block.code.split("\n").flatMap((line) => installedBy(line) ?? [])
        entry.packages = packages
        for (const spec of packages) {
          named.add(nameOf(spec))
          if (!nameOf(spec).startsWith("@mia-sdk/") && !installs.has(nameOf(spec)))
            installs.set(nameOf(spec), spec)
        }
        installBlocks.push(entry)
        return
      }
      if (!CODE_LANGS.has(block.lang)) {
        entry.problems.push(`${marker.mode}: only ts, tsx, js and jsx blocks can be run or type-checked`)
        return
      }
      const prelude = marker.given.map((name) => GIVENS[name]).filter(Boolean)
      // JSX compiles to imports of react/jsx-runtime: the README must install React.
      const implicit = /x$/.test(block.lang) ? ["react"] : []
      for (const specifier of [...importsOf(block.code), ...importsOf(prelude.join("\n")), ...implicit]) {
        const name = packageOf(specifier)
        if (name !== undefined && !imported.has(name)) imported.set(name, id)
      }
      // Browser code and Next.js apps are type-checked as a bundler resolves them, with the DOM.
      const browser =
        marker.env === "browser" ||
        marker.env === "nextjs" ||
        (marker.env !== "node" && /x$/.test(block.lang))
      const extension = { ts: ".ts", tsx: ".tsx", js: ".mjs", mjs: ".mjs", jsx: ".jsx" }[block.lang]
      const file = marker.file
        ? join("examples", slug, "files", marker.file)
        : join("examples", slug, `b${String(index + 1).padStart(2, "0")}${extension}`)
      const text = `${prelude.join("\n")}${prelude.length ? "\n" : ""}${block.code}\n\nexport {}\n`
      mkdirSync(dirname(join(out, file)), { recursive: true })
      writeFileSync(join(out, file), text)
      Object.assign(entry, {
        file,
        project: browser ? "browser" : "node",
        codeLine: block.codeLine,
        preludeLines: prelude.length
      })
      projects[entry.project].push(file)
    })
    for (const rule of external)
      if (!usedExternal.has(rule))
        manifest.problems.push(`${readme}: markers.mjs names a block that is gone: "${rule.block}"`)
    const missing = [...imported].filter(([name]) => !named.has(name))
    for (const [name, id] of missing) {
      const message = `${id} imports ${name}, which no install line of this README names`
      if (installBlocks.length === 0) manifest.problems.push(`${readme}: ${message}`)
      else installBlocks[0].problems.push(message)
    }
    for (const entry of installBlocks) entry.checked = [...imported.keys()].filter((name) => named.has(name))
  }
  writeTsconfigs(out, projects)
  writeFileSync(join(out, "manifest.json"), `${JSON.stringify(manifest, null, 2)}\n`)
  writeFileSync(join(out, "install.json"), `${JSON.stringify([...installs.values()], null, 2)}\n`)
  const counts = {}
  for (const block of manifest.blocks) counts[block.mode] = (counts[block.mode] ?? 0) + 1
  console.log(
    `extracted ${manifest.blocks.length} blocks from ${READMES.length} READMEs (${Object.entries(counts)
      .map(([mode, count]) => `${count} ${mode}`)
      .join(", ")}) into ${relative(process.cwd(), out) || "."}`
  )
}

/** Strict settings, as a merchant's own project would have them. */
const STRICT = {
  strict: true,
  noUncheckedIndexedAccess: true,
  exactOptionalPropertyTypes: true,
  noImplicitOverride: true,
  noImplicitReturns: true,
  noFallthroughCasesInSwitch: true,
  forceConsistentCasingInFileNames: true,
  isolatedModules: true,
  skipLibCheck: true,
  noEmit: true
}

const writeTsconfigs = (out, projects) => {
  const aliases = READMES.map(([, slug]) => `./examples/${slug}/files/*`)
  const node = {
    compilerOptions: {
      ...STRICT,
      target: "ES2022",
      lib: ["ES2023"],
      module: "NodeNext",
      moduleResolution: "NodeNext",
      types: ["node"]
    },
    files: projects.node
  }
  // Storefronts and Next.js apps: a bundler resolves the imports, the DOM is there.
  const browser = {
    compilerOptions: {
      ...STRICT,
      target: "ES2022",
      lib: ["ES2023", "DOM", "DOM.Iterable"],
      module: "ESNext",
      moduleResolution: "Bundler",
      jsx: "react-jsx",
      types: ["node"],
      paths: { "@/*": aliases }
    },
    files: projects.browser
  }
  writeFileSync(join(out, "tsconfig.node.json"), `${JSON.stringify(node, null, 2)}\n`)
  writeFileSync(join(out, "tsconfig.browser.json"), `${JSON.stringify(browser, null, 2)}\n`)
}

if (import.meta.url === `file://${process.argv[1]}`) main()

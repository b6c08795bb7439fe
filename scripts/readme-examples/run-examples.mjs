// Type-checks and runs the README blocks that extract.mjs wrote into a blank npm project, against
// the sandbox bank (the `mia-sandbox` CLI of the installed @mia-sdk/sandbox) on 127.0.0.1, then
// prints the coverage table and every failure. Exits 1 on any failure. run.sh calls it:
//
//   node scripts/readme-examples/run-examples.mjs <project folder>
import { spawn } from "node:child_process"
import { randomUUID } from "node:crypto"
import { copyFileSync, mkdirSync, readFileSync } from "node:fs"
import { createServer } from "node:net"
import { basename, join } from "node:path"
import { READMES } from "./extract.mjs"

const RUN_TIMEOUT_MS = 90_000
const SERVER_STEP_TIMEOUT_MS = 45_000
const SHUTDOWN_TIMEOUT_MS = 15_000

const project = process.argv[2]
if (!project) {
  console.error("usage: node run-examples.mjs <project folder>")
  process.exit(2)
}
const manifest = JSON.parse(readFileSync(join(project, "manifest.json"), "utf8"))
const bin = (name) => join(project, "node_modules", ".bin", name)
const started = Date.now()
const seconds = (since) => `${((Date.now() - since) / 1000).toFixed(1)}s`

/** Runs a command to completion; resolves with its exit code and output. */
const exec = (command, args, options = {}) =>
  new Promise((resolve) => {
    const child = spawn(command, args, { cwd: project, ...options, stdio: ["ignore", "pipe", "pipe"] })
    let output = ""
    child.stdout.on("data", (chunk) => {
      output += chunk
    })
    child.stderr.on("data", (chunk) => {
      output += chunk
    })
    child.on("close", (code, signal) => resolve({ code, signal, output }))
  })

const freePort = () =>
  new Promise((resolve, reject) => {
    const server = createServer()
    server.once("error", reject)
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address()
      server.close(() => resolve(port))
    })
  })

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms))

// ---------------------------------------------------------------------------------------------
// Type-checking: one tsc per project (Node and bundler/browser settings), errors mapped back to
// the README line they come from.

const blockByFile = new Map(manifest.blocks.filter((block) => block.file).map((block) => [block.file, block]))

const typecheck = async (name) => {
  const files = manifest.blocks.filter((block) => block.project === name)
  if (files.length === 0) return
  const since = Date.now()
  const { code, output } = await exec(bin("tsc"), ["-p", `tsconfig.${name}.json`, "--pretty", "false"])
  const orphan = []
  let last
  for (const line of output.split("\n")) {
    if (line.trim() === "") continue
    const match = /^(.+?)\((\d+),(\d+)\): (error .*)$/.exec(line.trim())
    if (match === null) {
      // tsc indents the rest of a message (why a type is not assignable) under its first line.
      if (/^\s/.test(line) && last !== undefined) last.push(`  ${line.trim()}`)
      else orphan.push(line)
      continue
    }
    const [, file, fileLine, column, message] = match
    const block = blockByFile.get(file.replace(/\\/g, "/"))
    if (block === undefined) {
      orphan.push(line)
      last = orphan
      continue
    }
    const offset = Number(fileLine) - 1 - block.preludeLines
    const where = offset < 0 ? "in the given prelude" : `${block.readme}:${block.codeLine + offset}:${column}`
    block.typeErrors ??= []
    block.typeErrors.push(`${where}: ${message}`)
    last = block.typeErrors
  }
  const attributed = files.some((block) => block.typeErrors !== undefined)
  if (code !== 0 && (orphan.length > 0 || !attributed))
    manifest.problems.push(`tsc (${name}) failed: ${orphan.join("\n") || output}`)
  console.log(
    `typecheck ${name}: ${files.length} blocks, ${code === 0 ? "no errors" : "errors"} (${seconds(since)})`
  )
}

// ---------------------------------------------------------------------------------------------
// The bank: the sandbox CLI on a free loopback port. Callbacks to the examples' https callback
// URLs are forwarded to the port the server examples listen on.

const startBank = async (appPort) => {
  const child = spawn(
    bin("mia-sandbox"),
    [
      "--port",
      "0",
      "--callback-retry-delays",
      "200,1000,2000",
      "--forward-callbacks-to",
      `http://127.0.0.1:${appPort}`
    ],
    { cwd: project, stdio: ["ignore", "pipe", "pipe"], env: cleanEnvironment() }
  )
  let output = ""
  const banner = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the sandbox did not start:\n${output}`)), 30_000)
    const onData = (chunk) => {
      output += chunk
      if (/Press Ctrl\+C/.test(output)) {
        clearTimeout(timer)
        resolve(output)
      }
    }
    child.stdout.on("data", onData)
    child.stderr.on("data", onData)
    child.once("exit", (code) => reject(new Error(`the sandbox exited (${code}):\n${output}`)))
  })
  const field = (label) => new RegExp(`^\\s*${label}\\s+(\\S+)`, "m").exec(banner)?.[1]
  const seller = /^\s*seller\s+(\S+) \/ (\S+)/m.exec(banner)
  const bank = {
    child,
    url: field("baseUrl"),
    clientId: field("clientId"),
    clientSecret: field("clientSecret"),
    signatureKey: field("signatureKey"),
    sellerUsername: seller?.[1],
    sellerPassword: seller?.[2],
    log: () => output
  }
  child.stdout.on("data", (chunk) => {
    output += chunk
  })
  if (!bank.url || !bank.clientId || !bank.clientSecret || !bank.signatureKey)
    throw new Error(`could not read the sandbox's banner:\n${banner}`)
  return bank
}

/** The parent environment without anything that could point an example at a real bank or database. */
const cleanEnvironment = () => {
  const environment = { ...process.env }
  for (const key of Object.keys(environment))
    if (/^(MIA_|MIAPOS_|DATABASE_URL$|PORT$|ADMIN_TOKEN$|NODE_OPTIONS$)/.test(key)) delete environment[key]
  return environment
}

/** What the READMEs tell a merchant to set, pointing at the sandbox bank. */
const exampleEnvironment = (bank, appPort) => ({
  ...cleanEnvironment(),
  MIA_ENV: "sandbox",
  MIA_BASE_URL: bank.url,
  MIA_CLIENT_ID: bank.clientId,
  MIA_CLIENT_SECRET: bank.clientSecret,
  MIA_SIGNATURE_KEY: bank.signatureKey,
  MIAPOS_BASE_URL: bank.url,
  MIAPOS_INSTALLATION_ID: randomUUID(),
  MIAPOS_POS_APP_VERSION: "1",
  MIAPOS_SELLER: bank.sellerUsername ?? "",
  MIAPOS_PASSWORD: bank.sellerPassword ?? "",
  MIAPOS_SELLER_USERNAME: bank.sellerUsername ?? "",
  MIAPOS_SELLER_PASSWORD: bank.sellerPassword ?? "",
  PORT: String(appPort),
  ADMIN_TOKEN: "readme-examples-admin-token"
})

// ---------------------------------------------------------------------------------------------
// Running: each block in a fresh folder of its own (files it writes, such as ./data/orders, stay
// there), with `node --import tsx`, as `npx tsx file.ts` runs it.

const prepareRun = (block) => {
  const folder = join(project, "runs", block.id.replace("#", "-"))
  mkdirSync(folder, { recursive: true })
  const file = join(folder, basename(block.file))
  copyFileSync(join(project, block.file), file)
  return { folder, file }
}

const spawnExample = (block, environment) => {
  const { folder, file } = prepareRun(block)
  const child = spawn(process.execPath, ["--import", "tsx", file], {
    cwd: folder,
    env: environment,
    stdio: ["ignore", "pipe", "pipe"],
    detached: true
  })
  const state = { output: "", exited: undefined }
  child.stdout.on("data", (chunk) => {
    state.output += chunk
  })
  child.stderr.on("data", (chunk) => {
    state.output += chunk
  })
  state.done = new Promise((resolve) => {
    child.on("close", (code, signal) => {
      state.exited = { code, signal }
      resolve(state.exited)
    })
  })
  state.kill = (signal) => {
    try {
      process.kill(-child.pid, signal)
    } catch {
      // already gone
    }
  }
  state.child = child
  return state
}

/** `promise`, or "timeout" after `ms`; the timer never keeps the process alive. */
const withTimeout = (promise, ms) =>
  Promise.race([promise, new Promise((resolve) => setTimeout(resolve, ms, "timeout").unref())])

const runBlock = async (block, environment) => {
  const since = Date.now()
  const example = spawnExample(block, environment)
  const exited = await withTimeout(example.done, RUN_TIMEOUT_MS)
  if (exited === "timeout") {
    example.kill("SIGKILL")
    await example.done
    return fail(
      block,
      since,
      `still running after ${RUN_TIMEOUT_MS / 1000} s (it must exit by itself)`,
      example.output
    )
  }
  if (exited.code !== 0)
    return fail(block, since, `exited with ${exited.signal ?? `code ${exited.code}`}`, example.output)
  block.run = { ok: true, time: seconds(since), output: example.output }
}

const fail = (block, since, message, output) => {
  block.run = { ok: false, time: seconds(since), message, output }
}

/** `POST /api/mia/orders/1001/checkout (Cookie: order=1001) -> 201 "status"` or `pay`. */
const parseRequest = (text) => {
  if (text === "pay") return { pay: true }
  const match = /^([A-Z]+)\s+(\S+)((?:\s*\([^)]*\))*)\s*(?:->\s*(\d{3})(?:\s+(.+))?)?$/.exec(text.trim())
  if (match === null) return undefined
  const headers = {}
  for (const header of match[3].matchAll(/\(([^:)]+):\s*([^)]*)\)/g))
    headers[header[1].trim()] = header[2].trim()
  return {
    method: match[1],
    path: match[2],
    headers,
    status: match[4] ? Number(match[4]) : undefined,
    contains: match[5]
  }
}

/** Pays the newest QR in the sandbox bank, as a customer's banking app would. */
const payNewestQr = async (bank) => {
  const token = await fetch(`${bank.url}/v2/auth/token`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ clientId: bank.clientId, clientSecret: bank.clientSecret })
  }).then((response) => response.json())
  const authorization = { authorization: `Bearer ${token.result.accessToken}` }
  const list = await fetch(`${bank.url}/v2/mia/qr?count=1&offset=0&sortBy=createdAt&order=desc`, {
    headers: authorization
  }).then((response) => response.json())
  const qr = list.result.items[0]
  if (qr === undefined) throw new Error("pay: the sandbox has no QR to pay")
  const paid = await fetch(`${bank.url}/v2/mia/test-pay`, {
    method: "POST",
    headers: { ...authorization, "content-type": "application/json" },
    body: JSON.stringify({
      qrId: qr.qrId,
      amount: qr.amount,
      currency: "MDL",
      iban: "MD88AG000000011621810140",
      payerName: "Ion Popescu"
    })
  })
  if (!paid.ok) throw new Error(`pay: test-pay answered ${paid.status}: ${await paid.text()}`)
  return `paid QR ${qr.qrId} (${qr.amount} MDL)`
}

const serverBlock = async (block, environment, appPort, bank) => {
  const since = Date.now()
  const example = spawnExample(block, environment)
  const steps = []
  try {
    for (const text of block.requests) {
      const request = parseRequest(text)
      if (request === undefined) throw new Error(`cannot read the request "${text}"`)
      if (request.pay) {
        steps.push(await payNewestQr(bank))
        continue
      }
      const deadline = Date.now() + SERVER_STEP_TIMEOUT_MS
      let last = "no answer"
      for (;;) {
        if (example.exited !== undefined) throw new Error(`exited before answering "${text}"`)
        try {
          const hasBody = !["GET", "HEAD", "DELETE"].includes(request.method)
          const response = await fetch(`http://127.0.0.1:${appPort}${request.path}`, {
            method: request.method,
            headers: { ...(hasBody ? { "content-type": "application/json" } : {}), ...request.headers },
            ...(hasBody ? { body: "{}" } : {}),
            signal: AbortSignal.timeout(10_000)
          })
          const body = await response.text()
          last = `${response.status} ${body.slice(0, 300)}`
          const statusOk = request.status === undefined ? response.ok : response.status === request.status
          if (statusOk && (request.contains === undefined || body.includes(request.contains))) break
        } catch (error) {
          last = error instanceof Error ? error.message : String(error)
        }
        if (Date.now() > deadline) throw new Error(`${text}: gave up; last answer: ${last}`)
        await sleep(250)
      }
      steps.push(`${text}: ${last.split(" ")[0]}`)
    }
  } catch (error) {
    example.kill("SIGKILL")
    await example.done
    return fail(block, since, error.message, `${steps.join("\n")}\n${example.output}`)
  }
  example.kill("SIGTERM")
  const exited = await withTimeout(example.done, SHUTDOWN_TIMEOUT_MS)
  if (exited === "timeout") {
    example.kill("SIGKILL")
    await example.done
    return fail(
      block,
      since,
      `did not exit within ${SHUTDOWN_TIMEOUT_MS / 1000} s of SIGTERM`,
      example.output
    )
  }
  if (exited.code !== 0)
    return fail(
      block,
      since,
      `SIGTERM ended it with ${exited.signal ?? `code ${exited.code}`}`,
      example.output
    )
  block.run = { ok: true, time: seconds(since), output: `${steps.join("\n")}\n${example.output}` }
}

// ---------------------------------------------------------------------------------------------

const main = async () => {
  const typechecks = Promise.all([typecheck("node"), typecheck("browser")])
  const runnable = manifest.blocks.filter((block) => block.mode === "run" || block.mode === "server")
  if (runnable.length > 0) {
    const appPort = await freePort()
    const bank = await startBank(appPort)
    console.log(`sandbox bank on ${bank.url}; server examples listen on port ${appPort}`)
    const environment = exampleEnvironment(bank, appPort)
    try {
      for (const block of runnable) {
        if (block.problems.length > 0) continue
        if (block.mode === "run") await runBlock(block, environment)
        else await serverBlock(block, environment, appPort, bank)
        console.log(
          `${block.run.ok ? "ok  " : "FAIL"} ${block.mode.padEnd(6)} ${block.id.padEnd(12)} ${block.readme}:${block.line} (${block.run.time})`
        )
      }
    } finally {
      bank.child.kill("SIGTERM")
    }
  }
  await typechecks
  report()
}

const verdict = (block) => {
  const failures = [...block.problems]
  if (block.typeErrors) failures.push(...block.typeErrors)
  if (block.run && !block.run.ok) failures.push(block.run.message)
  if ((block.mode === "run" || block.mode === "server") && !block.run && block.problems.length === 0)
    failures.push("was not run")
  return failures
}

const report = () => {
  console.log("\n== README examples: coverage ==")
  const rows = [["README", "blocks", "run", "type-checked", "install lines", "skipped", "failed"]]
  let failed = 0
  for (const [readme] of READMES) {
    const blocks = manifest.blocks.filter((block) => block.readme === readme)
    const count = (predicate) => blocks.filter(predicate).length
    const bad = count((block) => verdict(block).length > 0)
    failed += bad
    rows.push([
      readme,
      blocks.length,
      count((block) => block.mode === "run" || block.mode === "server"),
      count((block) => block.project !== undefined),
      count((block) => block.mode === "install"),
      count((block) => block.mode === "skip"),
      bad
    ])
  }
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => String(row[column]).length)))
  for (const row of rows)
    console.log(row.map((cell, column) => String(cell).padEnd(widths[column])).join("  "))

  const skipped = manifest.blocks.filter((block) => block.mode === "skip")
  if (skipped.length > 0) {
    console.log("\nskipped:")
    for (const block of skipped) console.log(`  ${block.readme}:${block.line}: ${block.reason}`)
  }
  const failures = manifest.blocks.filter((block) => verdict(block).length > 0)
  if (failures.length > 0 || manifest.problems.length > 0) console.log("\n== failures ==")
  for (const block of failures) {
    console.log(
      `\n${block.id} (${block.mode}) ${block.readme}:${block.line}${block.file ? ` [${block.file}]` : ""}`
    )
    for (const line of verdict(block)) console.log(`  ${line}`)
    if (block.run && !block.run.ok && block.run.output.trim() !== "")
      console.log(
        block.run.output
          .trim()
          .split("\n")
          .slice(-40)
          .map((line) => `  | ${line}`)
          .join("\n")
      )
  }
  for (const problem of manifest.problems) console.log(`\n${problem}`)
  const total = failed + manifest.problems.length
  console.log(
    `\nREADME examples: ${manifest.blocks.length} blocks, ${total === 0 ? "all passed" : `${total} FAILED`} (${seconds(started)})`
  )
  process.exitCode = total === 0 ? 0 : 1
}

await main()

import { spawn } from "node:child_process"
import { mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises"
import { createServer } from "node:net"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterEach, beforeEach, describe, expect, it } from "vitest"
import { acquireDemoLock, DemoLockedError, liveHolderOf, lockPathOf } from "../server/demo-lock.js"

let dataDir: string
beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), "mia-demo-lock-"))
})
afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true })
})

/** The pid of a process that has just ended. */
const deadPid = () =>
  new Promise<number>((resolve) => {
    const child = spawn(process.execPath, ["-e", ""])
    child.on("exit", () => resolve(child.pid as number))
  })

/** A local address nothing listens on any more. */
const closedUrl = () =>
  new Promise<string>((resolve) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(`http://127.0.0.1:${port}`))
    })
  })

const writeLock = (holder: object) =>
  writeFile(
    lockPathOf(dataDir),
    JSON.stringify({ role: "demo", id: "x", since: "2026-12-03T12:00:00Z", ...holder })
  )

describe("the data folder's lock", () => {
  it("is held by a live process, and a second one is refused naming it", async () => {
    const lock = await acquireDemoLock(dataDir, "demo")
    await lock.address("http://127.0.0.1:3000")
    const holder = await liveHolderOf(dataDir)
    // Nothing answers on :3000 here, but it isn't refused either on every machine: check the pid only.
    expect(holder === undefined || holder.pid === process.pid).toBe(true)
    await lock.release()
    await expect(stat(lockPathOf(dataDir))).rejects.toThrow()
  })

  it("refuses a second demo while the first is alive and starting", async () => {
    const first = await acquireDemoLock(dataDir, "demo")
    const second = acquireDemoLock(dataDir, "reset")
    await expect(second).rejects.toBeInstanceOf(DemoLockedError)
    await expect(second).rejects.toThrow(`is in use by the demo (process ${process.pid})`)
    await first.release()
    const third = await acquireDemoLock(dataDir, "reset")
    await third.release()
  })

  it("is stale when its process was killed: a new owner takes the folder", async () => {
    await writeLock({ pid: await deadPid() })
    expect(await liveHolderOf(dataDir)).toBeUndefined()
    const lock = await acquireDemoLock(dataDir, "demo")
    expect(JSON.parse(await readFile(lockPathOf(dataDir), "utf8")).pid).toBe(process.pid)
    await lock.release()
  })

  it("is stale when nothing listens at its address any more, even if its pid was reused", async () => {
    // This process is alive, like an unrelated process that got the dead demo's pid.
    await writeLock({ pid: process.pid, url: await closedUrl() })
    expect(await liveHolderOf(dataDir)).toBeUndefined()
  })

  it("is stale when it can't be read", async () => {
    await writeFile(lockPathOf(dataDir), '{"pid": 12')
    expect(await liveHolderOf(dataDir)).toBeUndefined()
  })

  it("is only released by its own owner", async () => {
    const lock = await acquireDemoLock(dataDir, "demo")
    await writeLock({ pid: process.pid, id: "someone-else" })
    await lock.release()
    expect(JSON.parse(await readFile(lockPathOf(dataDir), "utf8")).id).toBe("someone-else")
  })
})

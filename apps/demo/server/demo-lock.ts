import { randomUUID } from "node:crypto"
import { link, mkdir, readFile, rename, rm, writeFile } from "node:fs/promises"
import { request } from "node:http"
import { join } from "node:path"

// A demo running on a data folder owns it: `demo:reset` must not delete the PGlite files under a
// live server, and a second demo must not open them beside the first. The owner leaves a lock
// file in the folder. A lock is only trusted while it is provably alive, so a demo killed with
// SIGKILL (or a crashed machine) never locks the folder for good:
// - its process is gone (`kill(pid, 0)` fails with ESRCH): stale;
// - it recorded its address and nothing listens there any more (connection refused): stale, even
//   when the pid was since given to some other process;
// - otherwise (alive and answering, or alive and still starting): held.

/**
 * What the lock file says about its owner.
 * @example
 * const holder: LockHolder = { pid: 4242, role: "demo", url: "http://127.0.0.1:3000", id: "…", since: "…" }
 */
export interface LockHolder {
  readonly pid: number
  /** `demo` for a server, `reset` while `demo:reset` deletes the folder. */
  readonly role: "demo" | "reset"
  /** Where the server answers, once it listens. */
  readonly url?: string | undefined
  /** Tells this lock apart from a later one written by the same process. */
  readonly id: string
  readonly since: string
}

/**
 * A lock this process holds: `address` records where the server answers, `release` deletes the
 * file (only while it is still this lock).
 * @example
 * const lock = await acquireDemoLock(dataDir, "demo")
 * await lock.address(url)
 * await lock.release()
 */
export interface DemoLock {
  readonly path: string
  address(url: string): Promise<void>
  release(): Promise<void>
}

/**
 * The data folder is in use by another live process; `holder` says which.
 * @example
 * if (error instanceof DemoLockedError) console.error(error.message)
 */
export class DemoLockedError extends Error {
  override readonly name = "DemoLockedError"
  readonly holder: LockHolder
  constructor(message: string, holder: LockHolder) {
    super(message)
    this.holder = holder
  }
}

/**
 * The lock file of a data folder.
 * @example
 * lockPathOf("apps/demo/data") // "apps/demo/data/demo.lock"
 */
export const lockPathOf = (dataDir: string) => join(dataDir, "demo.lock")

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === "EPERM"
  }
}

/** Whether something refuses connections at `url` (so no server of ours is there). */
const refused = (url: string) =>
  new Promise<boolean>((resolve) => {
    const probe = request(`${url}/api/demo/info`, { method: "GET", timeout: 2000 }, (response) => {
      response.resume()
      resolve(false)
    })
    probe.on("timeout", () => probe.destroy(new Error("timeout")))
    // A timeout or an odd answer counts as alive: deleting a live demo's data is the worse mistake.
    probe.on("error", (error: NodeJS.ErrnoException) => resolve(error.code === "ECONNREFUSED"))
    probe.end()
  })

const readHolder = async (path: string): Promise<LockHolder | undefined> => {
  try {
    const parsed = JSON.parse(await readFile(path, "utf8")) as Partial<LockHolder>
    return typeof parsed.pid === "number" ? (parsed as LockHolder) : undefined
  } catch {
    // Missing, or half-written by an owner that died mid-write: nobody to wait for.
    return undefined
  }
}

/**
 * The live owner of a data folder, or `undefined` when it is free (no lock, or a stale one).
 * @example
 * const holder = await liveHolderOf(dataDir)
 * if (holder) console.log(`in use by pid ${holder.pid}`)
 */
export const liveHolderOf = async (dataDir: string): Promise<LockHolder | undefined> => {
  const holder = await readHolder(lockPathOf(dataDir))
  if (holder === undefined || !alive(holder.pid)) return undefined
  if (holder.url !== undefined && (await refused(holder.url))) return undefined
  return holder
}

const describe = (holder: LockHolder) =>
  `${holder.role === "reset" ? "demo:reset" : "the demo"} (process ${holder.pid}${holder.url === undefined ? "" : `, ${holder.url}`})`

/**
 * Takes the data folder for this process, creating it if needed. Refuses, with a
 * {@link DemoLockedError} naming the owner, while another live process holds it; a stale lock is
 * replaced.
 * @example
 * const lock = await acquireDemoLock(config.dataDir, "demo")
 */
export const acquireDemoLock = async (dataDir: string, role: LockHolder["role"]): Promise<DemoLock> => {
  await mkdir(dataDir, { recursive: true })
  const path = lockPathOf(dataDir)
  const mine: LockHolder = { pid: process.pid, role, id: randomUUID(), since: new Date().toISOString() }
  // Written whole beside the lock, then moved in one step: a reader never sees half a lock.
  const draft = `${path}.${mine.id}`
  const publish = async (holder: LockHolder, create: boolean) => {
    await writeFile(draft, JSON.stringify(holder))
    try {
      // A hard link fails if the lock exists, so of two demos starting together only one wins.
      await (create ? link(draft, path) : rename(draft, path))
    } finally {
      await rm(draft, { force: true })
    }
  }
  for (let attempt = 0; ; attempt++) {
    try {
      await publish(mine, true)
      break
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST" || attempt > 2) throw error
      const holder = await liveHolderOf(dataDir)
      if (holder !== undefined) {
        throw new DemoLockedError(`${dataDir} is in use by ${describe(holder)}.`, holder)
      }
      await rm(path, { force: true })
    }
  }
  const stillMine = async () => (await readHolder(path))?.id === mine.id
  return {
    path,
    address: async (url) => {
      if (await stillMine()) await publish({ ...mine, url }, false)
    },
    release: async () => {
      if (await stillMine()) await rm(path, { force: true })
    }
  }
}

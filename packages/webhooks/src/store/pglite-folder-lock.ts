/** Folders this process has open, so opening one twice here is refused too. */
const openHere = new Set<string>()

const isRunning = (pid: number): boolean => {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as { code?: unknown }).code === "EPERM"
  }
}

const refusal = (folder: string, pid: number) =>
  new Error(
    `The PGlite data folder ${folder} is already open in ${pid === process.pid ? "this process" : `process ${pid}`}. ` +
      "PGlite is one process: to run several servers on one database, use PostgreSQL by setting DATABASE_URL."
  )

/**
 * Takes the one-process lock of a PGlite data folder (a `mia-sdk.lock` file holding the pid):
 * a second server on the same folder would corrupt it. A lock left by a process that died is
 * taken over. Returns the release function.
 */
export const lockPgliteFolder = async (folder: string): Promise<() => Promise<void>> => {
  const { mkdir, open, readFile, rm } = await import("node:fs/promises")
  const { join, resolve } = await import("node:path")
  const absolute = resolve(folder)
  if (openHere.has(absolute)) throw refusal(absolute, process.pid)
  await mkdir(absolute, { recursive: true })
  const lockFile = join(absolute, "mia-sdk.lock")
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(lockFile, "wx")
      await handle.writeFile(String(process.pid))
      await handle.close()
      openHere.add(absolute)
      return async () => {
        openHere.delete(absolute)
        await rm(lockFile, { force: true })
      }
    } catch (error) {
      if ((error as { code?: unknown }).code !== "EEXIST") throw error
      const holder = Number.parseInt(await readFile(lockFile, "utf8").catch(() => ""), 10)
      if (Number.isSafeInteger(holder) && holder > 0 && holder !== process.pid && isRunning(holder)) {
        throw refusal(absolute, holder)
      }
      await rm(lockFile, { force: true })
    }
  }
  throw refusal(absolute, process.pid)
}

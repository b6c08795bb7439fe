import { execFile } from "node:child_process"
import { mkdtemp, rm } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { promisify } from "node:util"
import { afterAll, describe, expect, it } from "vitest"
import { openSqlOrderStore } from "../src/node/index.js"

const run = promisify(execFile)
const packageDir = fileURLToPath(new URL("..", import.meta.url))

/** What a second process gets when it opens the folder. */
const openElsewhere = async (folder: string): Promise<string> => {
  const { stdout } = await run(
    process.execPath,
    ["--conditions=@mia-sdk/source", "--import", "tsx", "test/support/open-pglite-folder.ts", folder],
    { cwd: packageDir, env: { ...process.env, DATABASE_URL: "" }, timeout: 60_000 }
  )
  return stdout.trim()
}

describe("a PGlite data folder belongs to one process", () => {
  const folders: Array<string> = []
  afterAll(() => Promise.all(folders.map((folder) => rm(folder, { recursive: true, force: true }))))

  it("refuses a second process with a message that says to use DATABASE_URL, and frees the folder on close", async () => {
    const folder = await mkdtemp(join(tmpdir(), "mia-pglite-"))
    folders.push(folder)
    const data = join(folder, "data", "orders")
    const opened = await openSqlOrderStore({ dataDir: data, databaseUrl: undefined })
    try {
      expect(await openElsewhere(data)).toMatch(/already open in process \d+.*DATABASE_URL/)
      await expect(openSqlOrderStore({ dataDir: data, databaseUrl: undefined })).rejects.toThrow(
        /this process/
      )
    } finally {
      await opened.close()
    }
    expect(await openElsewhere(data)).toBe("opened")
  }, 120_000)
})

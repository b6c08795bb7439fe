import { mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join } from "node:path"
import fc from "fast-check"
import { afterEach, beforeEach, describe, expect, it } from "vitest"
import { createMemoryPosSessionStore, type PosSession, parsePosSession } from "../../src/index.js"
import { createFilePosSessionStore } from "../../src/node/index.js"

const session: PosSession = {
  terminalActivationId: "e559d17a-a29b-49c0-878b-af3de2495d39",
  shiftId: "42",
  tokens: {
    accessToken: "a",
    refreshToken: "r",
    accessTokenExpiresAt: 1_700_000_000_000,
    accessTokenIssuedAt: 1_699_999_700_000
  }
}

describe("parsePosSession", () => {
  it("accepts a full session and an empty one, dropping unknown fields", () => {
    expect(parsePosSession({ ...session, extra: 1 })).toEqual(session)
    expect(parsePosSession({})).toEqual({})
    expect(parsePosSession({ tokens: null, shiftId: null })).toEqual({})
  })

  it.each([
    [null, "not a JSON object"],
    [{ terminalActivationId: 5 }, "terminalActivationId"],
    [{ shiftId: "" }, "shiftId"],
    [{ tokens: "x" }, "tokens must be an object"],
    [{ tokens: { refreshToken: "r", accessTokenExpiresAt: 1 } }, "tokens.accessToken"],
    [{ tokens: { accessToken: "a", accessTokenExpiresAt: 1 } }, "tokens.refreshToken"],
    [
      { tokens: { accessToken: "a", refreshToken: "r", accessTokenExpiresAt: "soon" } },
      "accessTokenExpiresAt"
    ],
    [
      { tokens: { accessToken: "a", refreshToken: "r", accessTokenExpiresAt: 1, accessTokenIssuedAt: "x" } },
      "accessTokenIssuedAt"
    ]
  ])("rejects %j naming the field", (value, message) => {
    expect(parsePosSession(value)).toContain(message)
  })

  it("round-trips any valid session through JSON", () => {
    const text = fc.string({ minLength: 1, maxLength: 40 })
    const arbitrary = fc.record(
      {
        terminalActivationId: text,
        shiftId: text,
        tokens: fc.record(
          {
            accessToken: text,
            refreshToken: text,
            accessTokenExpiresAt: fc.integer({ min: 0, max: 2 ** 45 }),
            accessTokenIssuedAt: fc.integer({ min: 0, max: 2 ** 45 })
          },
          { requiredKeys: ["accessToken", "refreshToken", "accessTokenExpiresAt"] }
        )
      },
      { requiredKeys: [] }
    )
    fc.assert(
      fc.property(arbitrary, (value) => {
        expect(parsePosSession(JSON.parse(JSON.stringify(value)))).toEqual(value)
      }),
      { numRuns: 500 }
    )
  })
})

describe("memory store", () => {
  it("keeps a copy, so later changes to the saved object do not leak in", async () => {
    const store = createMemoryPosSessionStore()
    expect(await store.load()).toBeUndefined()
    const mutable = structuredClone(session) as { shiftId?: string }
    await store.save(mutable as PosSession)
    mutable.shiftId = "changed"
    expect(await store.load()).toEqual(session)
  })
})

describe("file store", () => {
  let folder: string
  beforeEach(async () => {
    folder = await mkdtemp(join(tmpdir(), "miapos-store-"))
  })
  afterEach(() => rm(folder, { recursive: true, force: true }))

  it("loads nothing before the first save, then what was saved, from a fresh instance too", async () => {
    const path = join(folder, "a", "b", "session.json")
    const store = createFilePosSessionStore(path)
    expect(await store.load()).toBeUndefined()
    await store.save(session)
    expect(await store.load()).toEqual(session)
    expect(await createFilePosSessionStore({ path }).load()).toEqual(session)
  })

  it("writes owner-only, through a temporary file that does not stay behind", async () => {
    const path = join(folder, "session.json")
    const store = createFilePosSessionStore(path)
    await store.save(session)
    await store.save({ ...session, shiftId: "43" })
    expect((await stat(path)).mode & 0o777).toBe(0o600)
    expect(await readdir(folder)).toEqual(["session.json"])
    expect(JSON.parse(await readFile(path, "utf8")).shiftId).toBe("43")
  })

  it("applies concurrent saves in call order and never leaves a torn file", async () => {
    const path = join(folder, "session.json")
    const store = createFilePosSessionStore(path)
    const reader = createFilePosSessionStore(path)
    const saves = Array.from({ length: 25 }, (_, index) => store.save({ ...session, shiftId: String(index) }))
    const reads = Array.from({ length: 25 }, () => reader.load().catch((error: unknown) => error))
    await Promise.all(saves)
    for (const read of await Promise.all(reads)) {
      if (read !== undefined)
        expect(read).toMatchObject({ terminalActivationId: session.terminalActivationId })
    }
    expect((await store.load())?.shiftId).toBe("24")
    expect(await readdir(folder)).toEqual(["session.json"])
  })

  it("a failed save reaches its caller and does not block later saves", async () => {
    const blocker = join(folder, "file")
    await writeFile(blocker, "not a folder")
    const store = createFilePosSessionStore(join(blocker, "session.json"))
    await expect(store.save(session)).rejects.toThrow()
    const good = createFilePosSessionStore(join(folder, "ok.json"))
    await good.save(session)
    expect(await good.load()).toEqual(session)
  })

  it("refuses a corrupt file with a message that says how to recover, instead of forgetting the activation", async () => {
    const path = join(folder, "session.json")
    await writeFile(path, "{ not json")
    await expect(createFilePosSessionStore(path).load()).rejects.toThrow(/not valid JSON.*delete it/)
    await writeFile(path, JSON.stringify({ tokens: { accessToken: 1 } }))
    await expect(createFilePosSessionStore(path).load()).rejects.toThrow(/tokens\.accessToken/)
  })
})

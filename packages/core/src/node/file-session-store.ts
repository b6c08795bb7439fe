import { randomUUID } from "node:crypto"
import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises"
import { dirname } from "node:path"
import { type PosSession, parsePosSession } from "../pos/session/session.js"
import type { PosSessionStore } from "../pos/session/session-store.js"

/**
 * Options of {@link createFilePosSessionStore}.
 *
 * @example
 * const options: FilePosSessionStoreOptions = { path: "/var/lib/pos/session.json" }
 */
export interface FilePosSessionStoreOptions {
  /** The JSON file. Its folder is created when missing. */
  readonly path: string
  /** File mode of the session file; owner-only by default because it holds tokens. */
  readonly mode?: number
}

const isMissing = (error: unknown): boolean =>
  typeof error === "object" && error !== null && (error as { code?: unknown }).code === "ENOENT"

/**
 * A {@link PosSessionStore} in one JSON file, for Node. Each save writes a temporary file next to
 * it and renames it over the old one, so a crash mid-write leaves either the old session or the
 * new one, never half of each. Saves from one process are applied in call order.
 *
 * @throws Error from `load` when the file exists but is not a valid session (it is never
 *   silently discarded: the activation in it may be the only one this device has).
 * @example
 * import { createMiaPosClient } from "@mia-sdk/core"
 * import { createFilePosSessionStore } from "@mia-sdk/core/node"
 *
 * const pos = createMiaPosClient({
 *   baseUrl: process.env.MIAPOS_BASE_URL!,
 *   device: { device: "Kiosk 3", platformType: "external_system", installationId, posAppVersion: 1 },
 *   sessionStore: createFilePosSessionStore({ path: "./.miapos/session.json" })
 * })
 */
export const createFilePosSessionStore = (options: FilePosSessionStoreOptions | string): PosSessionStore => {
  const path = typeof options === "string" ? options : options.path
  const mode = typeof options === "string" ? 0o600 : (options.mode ?? 0o600)
  let queue: Promise<void> = Promise.resolve()

  const write = async (session: PosSession): Promise<void> => {
    await mkdir(dirname(path), { recursive: true })
    const temporary = `${path}.${randomUUID()}.tmp`
    try {
      await writeFile(temporary, `${JSON.stringify(session, null, 2)}\n`, { mode, flush: true })
      await rename(temporary, path)
    } catch (error) {
      await rm(temporary, { force: true })
      throw error
    }
  }

  return {
    load: async () => {
      await queue
      let text: string
      try {
        text = await readFile(path, "utf8")
      } catch (error) {
        if (isMissing(error)) return undefined
        throw error
      }
      let parsed: unknown
      try {
        parsed = JSON.parse(text)
      } catch {
        throw new Error(
          `The MiaPos session file ${path} is not valid JSON. Fix it, or delete it to activate the terminal again.`
        )
      }
      const session = parsePosSession(parsed)
      if (typeof session === "string") {
        throw new Error(`The MiaPos session file ${path} is not a valid session: ${session}.`)
      }
      return session
    },
    save: (session) => {
      const next = queue.then(() => write(session))
      // A failed save must reach its caller but must not block the saves queued after it.
      queue = next.catch(() => undefined)
      return next
    }
  }
}

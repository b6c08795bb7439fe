import { ORDER_EVENTS_CHANNEL } from "./sql-orders.js"

/**
 * A connection that can LISTEN: a `pg.Client` fits. It must be a dedicated session, never one
 * from a pool (the pool would hand it to someone else) nor behind PgBouncer in transaction
 * pooling mode (LISTEN does not survive it).
 *
 * @example
 * import pg from "pg"
 * const connect = async (): Promise<SqlListenConnection> => {
 *   const client = new pg.Client({ connectionString: process.env.DATABASE_URL })
 *   await client.connect()
 *   return client
 * }
 */
export interface SqlListenConnection {
  query(text: string): Promise<unknown>
  on(
    event: "notification",
    listener: (message: { channel: string; payload?: string | undefined }) => void
  ): unknown
  on(event: "error" | "end", listener: (error?: unknown) => void): unknown
  end(): Promise<void>
}

/**
 * How the SQL store hears about changes committed by other servers.
 *
 * @example
 * const listen: SqlListenOptions = { connect }
 */
export interface SqlListenOptions {
  /** Opens the dedicated listening connection; called again (with backoff) whenever it is lost. */
  readonly connect: () => Promise<SqlListenConnection>
  /** First reconnection delay. Default 100 ms, doubling up to `maxDelayMs`. */
  readonly minDelayMs?: number | undefined
  /** Default 5 seconds. */
  readonly maxDelayMs?: number | undefined
}

/** A committed change announced on the channel. */
export interface AnnouncedChange {
  readonly orderId: string
  readonly version: number
}

/** What a listener tells the store. */
export interface ListenerEvents {
  readonly onChange: (change: AnnouncedChange) => void
  /** Listening (again): changes may have been missed while the connection was down. */
  readonly onListening: () => void
  readonly onError: (error: unknown) => void
}

/** Stops listening and closes the connection. */
export interface OrderListener {
  close(): Promise<void>
}

/** Reads `{"o": orderId, "v": version}`; anything else is ignored. */
export const parseAnnouncement = (payload: string | undefined): AnnouncedChange | undefined => {
  try {
    const parsed: unknown = JSON.parse(payload ?? "")
    if (typeof parsed !== "object" || parsed === null) return undefined
    const { o, v } = parsed as { o?: unknown; v?: unknown }
    return typeof o === "string" && typeof v === "number" ? { orderId: o, version: v } : undefined
  } catch {
    return undefined
  }
}

/**
 * Listens on one dedicated connection, reconnecting with exponential backoff. Every (re)start
 * calls `onListening` so the store can re-send the current state of what its clients watch.
 */
export const startSqlOrderListener = (options: SqlListenOptions, events: ListenerEvents): OrderListener => {
  const minDelay = options.minDelayMs ?? 100
  const maxDelay = options.maxDelayMs ?? 5_000
  let closed = false
  let current: SqlListenConnection | undefined
  let timer: ReturnType<typeof setTimeout> | undefined
  let delay = minDelay

  const retry = () => {
    if (closed || timer !== undefined) return
    timer = setTimeout(() => {
      timer = undefined
      void open()
    }, delay)
    timer.unref?.()
    delay = Math.min(maxDelay, delay * 2)
  }

  const open = async () => {
    let connection: SqlListenConnection | undefined
    try {
      connection = await options.connect()
      if (closed) {
        await connection.end().catch(() => undefined)
        return
      }
      const lost = (error?: unknown) => {
        if (current !== connection) return
        current = undefined
        if (error !== undefined) events.onError(error)
        connection?.end().catch(() => undefined)
        retry()
      }
      connection.on("error", lost)
      connection.on("end", () => lost())
      connection.on("notification", (message) => {
        if (message.channel !== ORDER_EVENTS_CHANNEL) return
        const change = parseAnnouncement(message.payload)
        if (change !== undefined) events.onChange(change)
      })
      current = connection
      await connection.query(`LISTEN ${ORDER_EVENTS_CHANNEL}`)
      delay = minDelay
      events.onListening()
    } catch (error) {
      events.onError(error)
      if (current === connection) current = undefined
      await connection?.end().catch(() => undefined)
      retry()
    }
  }

  void open()
  return {
    async close() {
      closed = true
      if (timer !== undefined) clearTimeout(timer)
      const connection = current
      current = undefined
      await connection?.end().catch(() => undefined)
    }
  }
}

/** PGlite's own LISTEN, for the embedded store (one process, so it never reconnects). */
export const startPgliteOrderListener = (
  db: { listen(channel: string, callback: (payload: string) => void): Promise<() => Promise<void>> },
  events: ListenerEvents
): OrderListener => {
  const unlisten = db.listen(ORDER_EVENTS_CHANNEL, (payload) => {
    const change = parseAnnouncement(payload)
    if (change !== undefined) events.onChange(change)
  })
  unlisten.then(events.onListening, events.onError)
  return {
    async close() {
      await (await unlisten.catch(() => undefined))?.()
    }
  }
}

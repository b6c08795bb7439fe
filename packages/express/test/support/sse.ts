/** One parsed server-sent event. */
export interface SseEvent {
  readonly event: string
  readonly data: string
  readonly id?: string
}

/**
 * Reads a `text/event-stream` response event by event (comments included as `comment` events),
 * so tests wait for what the server sends instead of sleeping.
 */
export const sseReader = (response: Response) => {
  if (response.body === null) throw new Error("no body")
  const reader = response.body.getReader()
  const decoder = new TextDecoder()
  let buffer = ""
  const parse = (block: string): SseEvent | undefined => {
    const lines = block.split("\n")
    if (lines.every((line) => line.startsWith(":"))) return { event: "comment", data: lines.join("\n") }
    let event = "message"
    let id: string | undefined
    const data: Array<string> = []
    for (const line of lines) {
      if (line.startsWith("event: ")) event = line.slice(7)
      else if (line.startsWith("data: ")) data.push(line.slice(6))
      else if (line.startsWith("id: ")) id = line.slice(4)
      else if (line.startsWith("retry: ")) event = "retry"
    }
    return { event, data: data.join("\n"), ...(id === undefined ? {} : { id }) }
  }
  return {
    async next(): Promise<SseEvent> {
      for (;;) {
        const end = buffer.indexOf("\n\n")
        if (end >= 0) {
          const block = buffer.slice(0, end)
          buffer = buffer.slice(end + 2)
          const parsed = parse(block)
          if (parsed !== undefined) return parsed
          continue
        }
        const { value, done } = await reader.read()
        if (done) throw new Error("stream ended")
        buffer += decoder.decode(value, { stream: true })
      }
    },
    /** Skips `retry:` and comments until a named event arrives. */
    async nextEvent(name = "status"): Promise<SseEvent> {
      for (;;) {
        const event = await this.next()
        if (event.event === name) return event
      }
    },
    cancel: () => reader.cancel()
  }
}

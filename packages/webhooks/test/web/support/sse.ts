/** One parsed server-sent event; comments come as `comment` events, the `retry:` line as `retry`. */
export interface SseEvent {
  readonly event: string
  readonly data: string
  readonly id?: string
}

/**
 * Reads a `text/event-stream` body event by event, so tests wait for what the server sends
 * instead of sleeping. `done()` resolves when the server ends the stream.
 */
export const sseReader = (response: Response) => {
  if (response.body === null) throw new Error("no body")
  const reader = response.body.getReader()
  const decoder = new TextDecoder()
  let buffer = ""
  const parse = (block: string): SseEvent => {
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
          return parse(block)
        }
        const { value, done } = await reader.read()
        if (done) throw new Error("stream ended")
        buffer += decoder.decode(value, { stream: true })
      }
    },
    /** Skips other events until one named `name` arrives. */
    async nextEvent(name = "status"): Promise<SseEvent> {
      for (;;) {
        const event = await this.next()
        if (event.event === name) return event
      }
    },
    /** Reads until the server closes the stream. */
    async done(): Promise<void> {
      for (;;) {
        const { done } = await reader.read()
        if (done) return
      }
    },
    cancel: () => reader.cancel()
  }
}

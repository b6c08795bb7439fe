// @vitest-environment node
import { describe, expect, it } from "vitest"
import { createMiaClient, MiaRequestError } from "../src/index.js"

const recorder = () => {
  const calls: Array<{ url: string; init: RequestInit }> = []
  const fetch = async (input: RequestInfo | URL, init: RequestInit = {}) => {
    calls.push({ url: String(input), init })
    return Response.json({ ok: true })
  }
  return { calls, fetch }
}

describe("createMiaClient", () => {
  it("requires apiBase and says what to pass", () => {
    expect(() => createMiaClient({ apiBase: "" })).toThrow(/apiBase="\/api\/mia"/)
  })

  it("joins apiBase and path, sends JSON and the configured headers", async () => {
    const { calls, fetch } = recorder()
    const client = createMiaClient({
      apiBase: "https://shop.example/api/mia/",
      fetch,
      headers: () => ({ "x-csrf": "t1" })
    })
    const { body, status } = await client.request<{ ok: boolean }>("POST", "/orders/1/refunds", {
      reason: "x"
    })
    expect(body).toEqual({ ok: true })
    expect(status).toBe(200)
    expect(calls[0]?.url).toBe("https://shop.example/api/mia/orders/1/refunds")
    expect(calls[0]?.init).toMatchObject({
      method: "POST",
      credentials: "same-origin",
      body: '{"reason":"x"}',
      headers: { accept: "application/json", "content-type": "application/json", "x-csrf": "t1" }
    })
  })

  it("sends no content-type on a request without a body", async () => {
    const { calls, fetch } = recorder()
    await createMiaClient({ apiBase: "/api", fetch, headers: { authorization: "Bearer a" } }).request(
      "GET",
      "/x"
    )
    expect(calls[0]?.init.headers).toEqual({ accept: "application/json", authorization: "Bearer a" })
    expect(calls[0]?.init.body).toBeNull()
  })

  it("turns a 404 without a problem body into a hint about apiBase", async () => {
    const client = createMiaClient({
      apiBase: "/wrong",
      fetch: async () => new Response("Cannot GET", { status: 404 })
    })
    const error = await client.request("GET", "/orders/1").catch((e: unknown) => e)
    expect(error).toBeInstanceOf(MiaRequestError)
    expect(error).toMatchObject({ status: 404, code: "http_404", retryable: false })
    expect((error as Error).message).toBe(
      "GET /wrong/orders/1 answered HTTP 404: is the router mounted at apiBase?"
    )
  })

  it("passes an abort through unchanged", async () => {
    const controller = new AbortController()
    const client = createMiaClient({
      apiBase: "/api",
      fetch: (_input, init) =>
        new Promise((_resolve, reject) =>
          init?.signal?.addEventListener("abort", () => reject(new DOMException("aborted", "AbortError")))
        )
    })
    const pending = client.request("GET", "/x", undefined, controller.signal)
    controller.abort()
    await expect(pending).rejects.toMatchObject({ name: "AbortError" })
  })

  it("opens no event stream when EventSource is null or missing", () => {
    expect(createMiaClient({ apiBase: "/api", EventSource: null }).openEvents("/x")).toBeUndefined()
    expect("EventSource" in globalThis).toBe(false)
    expect(createMiaClient({ apiBase: "/api" }).openEvents("/x")).toBeUndefined()
  })
})

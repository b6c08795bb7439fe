import { afterEach, describe, expect, it, vi } from "vitest"
import { Effect } from "effect"
import {
  createMiaQrClient,
  type MiaQrPromiseClient,
  MiaValidationError,
  makeMiaQrClient
} from "../../src/index.js"
import { BASE_URL, CLIENT_ID, CLIENT_SECRET, fakeBank, ok, QR_ID, qrDetails } from "./fake-bank.js"

const bank = fakeBank()

const credentials = { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET }

let client: MiaQrPromiseClient | undefined

afterEach(async () => {
  await client?.close()
  client = undefined
})

const makeClient = (extra: Partial<Parameters<typeof createMiaQrClient>[0]> = {}) => {
  client = createMiaQrClient({ ...credentials, baseUrl: BASE_URL, retryBaseDelayMs: 1, ...extra })
  return client
}

const rejection = async (promise: Promise<unknown>) => {
  try {
    await promise
  } catch (error) {
    return error
  }
  throw new Error("expected a rejection")
}

const thrown = (build: () => unknown) => {
  try {
    build()
  } catch (error) {
    return error
  }
  throw new Error("expected a throw")
}

/** A `fetch` that answers like the bank without any network, recording the URLs it was given. */
const loopbackFetch = () => {
  const urls: Array<string> = []
  const fetch = async (input: string | URL | Request) => {
    const url = input instanceof Request ? input.url : String(input)
    urls.push(url)
    return new URL(url).pathname === "/v2/auth/token"
      ? Response.json({ ok: true, result: { accessToken: "local-token", expiresIn: 300 } })
      : Response.json({ ok: true, result: qrDetails })
  }
  return { urls, fetch: fetch as typeof globalThis.fetch }
}

describe("baseUrl over plain http", () => {
  it.each([
    "http://sandbox.maibmerchants.md",
    "http://api.maibmerchants.md:80",
    "http://localhost.example.com:8080",
    "http://127.0.0.2:8080",
    "http://10.0.0.1:8080"
  ])("is refused for %s: the secret would travel in clear", (baseUrl) => {
    const error = thrown(() => createMiaQrClient({ ...credentials, baseUrl }))
    expect(error).toBeInstanceOf(MiaValidationError)
    expect(error).toMatchObject({ field: "baseUrl", rule: "https" })
    expect(String((error as Error).message)).not.toContain(CLIENT_SECRET)
    expect(bank.recorded).toHaveLength(0)
  })

  it("is refused by the Effect API and the layer too, before anything is sent", async () => {
    const error = await Effect.runPromise(
      Effect.scoped(
        Effect.flip(makeMiaQrClient({ ...credentials, baseUrl: "http://sandbox.maibmerchants.md" }))
      )
    )
    expect(error).toBeInstanceOf(MiaValidationError)
    expect(error).toMatchObject({ field: "baseUrl", rule: "https" })
    expect(bank.recorded).toHaveLength(0)
  })

  it.each([
    ["http://127.0.0.1:8787", "http://127.0.0.1:8787"],
    ["http://localhost:8787", "http://localhost:8787"],
    ["http://[::1]:8787", "http://[::1]:8787"],
    ["http://LOCALHOST:8787/", "http://LOCALHOST:8787"]
  ])("is accepted for the loopback host %s", async (baseUrl, expected) => {
    const local = loopbackFetch()
    const mia = makeClient({ baseUrl, fetch: local.fetch })
    expect(mia.baseUrl).toBe(expected)
    const qr = await mia.getQr(QR_ID)
    expect(qr.qrId).toBe(QR_ID)
    expect(local.urls.map((url) => new URL(url).href)).toEqual([
      new URL("/v2/auth/token", baseUrl).href,
      new URL(`/v2/mia/qr/${QR_ID}`, baseUrl).href
    ])
    expect(bank.recorded).toHaveLength(0)
  })

  it("https is accepted for any host", () => {
    expect(makeClient({ baseUrl: "https://sandbox.maibmerchants.md" }).baseUrl).toBe(
      "https://sandbox.maibmerchants.md"
    )
  })
})

describe("listExtensions (experimental GET /v2/mia/qr/extension)", () => {
  const extension = {
    extensionId: "40e6ba44-7dff-48cc-91ec-386a38318c68",
    qrId: QR_ID,
    status: "Active",
    amount: 100,
    amountMin: null,
    amountMax: null,
    currency: "MDL",
    description: "Table 4",
    orderId: "456",
    createdAt: "2029-10-22T10:02:28+03:00",
    expiresAt: "2029-10-22T11:02:28+03:00"
  }

  it("sends count, offset and the filters as a query and decodes a page", async () => {
    bank.on("GET /v2/mia/qr/extension", () => ok({ totalCount: 11, items: [extension] }))
    const page = await makeClient().listExtensions({
      count: 5,
      offset: 10,
      qrId: QR_ID,
      status: "active" as "Active",
      orderId: "456",
      sortBy: "createdAt",
      order: "desc",
      createdAtFrom: new Date("2029-10-22T00:00:00Z")
    })
    expect(page.totalCount).toBe(11)
    expect(page.items).toEqual([
      {
        extensionId: extension.extensionId,
        qrId: QR_ID,
        status: "Active",
        amount: 100,
        currency: "MDL",
        description: "Table 4",
        orderId: "456",
        createdAt: extension.createdAt,
        expiresAt: extension.expiresAt
      }
    ])
    const [call] = bank.apiCalls()
    expect(call?.method).toBe("GET")
    expect(call?.path).toBe("/v2/mia/qr/extension")
    expect(call?.query).toEqual({
      count: "5",
      offset: "10",
      qrId: QR_ID,
      status: "Active",
      orderId: "456",
      sortBy: "createdAt",
      order: "desc",
      createdAtFrom: "2029-10-22T00:00:00.000Z"
    })
    expect(call?.headers.authorization).toBe("Bearer token-1")
  })

  it("without a filter sends the default page", async () => {
    bank.on("GET /v2/mia/qr/extension", () => ok({ totalCount: 0, items: [] }))
    const page = await makeClient().listExtensions()
    expect(page).toEqual({ totalCount: 0, items: [] })
    expect(bank.apiCalls()[0]?.query).toEqual({ count: "20", offset: "0" })
  })

  it("validates the filter before sending anything", async () => {
    const mia = makeClient()
    expect(await rejection(mia.listExtensions({ count: 0 }))).toMatchObject({ field: "count" })
    expect(await rejection(mia.listExtensions({ status: "Unknown" as "Active" }))).toBeInstanceOf(
      MiaValidationError
    )
    expect(bank.recorded).toHaveLength(0)
  })

  it("a malformed page is a MiaResponseError", async () => {
    bank.on("GET /v2/mia/qr/extension", () => ok({ totalCount: 1, items: [{ qrId: QR_ID }] }))
    const error = await rejection(makeClient().listExtensions())
    expect(error).toMatchObject({ _tag: "MiaResponseError" })
  })
})

describe("headers of a request without a body", () => {
  it("a GET sends no Content-Type and no body; a POST sends JSON", async () => {
    bank.on(`GET /v2/mia/qr/${QR_ID}`, () => ok(qrDetails))
    bank.on("GET /v2/mia/qr/extension", () => ok({ totalCount: 0, items: [] }))
    bank.on(`POST /v2/mia/qr/${QR_ID}/cancel`, () => ok({ qrId: QR_ID, status: "Cancelled" }))
    const mia = makeClient()
    await mia.getQr(QR_ID)
    await mia.listExtensions({ qrId: QR_ID })
    await mia.cancelQr(QR_ID, { reason: "x" })
    const [getQr, list, cancel] = bank.apiCalls()
    for (const call of [getQr, list]) {
      expect(call?.method).toBe("GET")
      expect(call?.headers["content-type"]).toBeUndefined()
      expect(call?.rawBody).toBe("")
      expect(call?.headers.accept).toBe("application/json")
    }
    expect(cancel?.headers["content-type"]).toBe("application/json")
    expect(cancel?.body).toEqual({ reason: "x" })
  })
})

describe("close()", () => {
  it("lets a call under way finish and refuses new ones", async () => {
    let release: () => void = () => undefined
    const released = new Promise<void>((resolve) => {
      release = resolve
    })
    bank.on(`GET /v2/mia/qr/${QR_ID}`, async () => {
      await released
      return ok(qrDetails)
    })
    const mia = makeClient()
    const underWay = mia.getQr(QR_ID)
    await vi.waitFor(() => expect(bank.apiCalls()).toHaveLength(1))
    let closed = false
    const closing = mia.close().then(() => {
      closed = true
    })
    const refused = await rejection(mia.getQr(QR_ID))
    expect(refused).toBeInstanceOf(MiaValidationError)
    expect(refused).toMatchObject({ field: "client", rule: "closed" })
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(closed).toBe(false)
    release()
    const qr = await underWay
    expect(qr.qrId).toBe(QR_ID)
    await closing
    expect(closed).toBe(true)
    expect(bank.apiCalls()).toHaveLength(1)
    // Closing again is harmless; every later call is refused, iterators too.
    await mia.close()
    expect(await rejection(mia.listExtensions())).toMatchObject({ rule: "closed" })
    expect(await rejection(mia.allQrs().next())).toMatchObject({ rule: "closed" })
    expect(bank.apiCalls()).toHaveLength(1)
  })

  it("Symbol.asyncDispose closes the client", async () => {
    bank.on(`GET /v2/mia/qr/${QR_ID}`, () => ok(qrDetails))
    const mia = makeClient()
    await mia.getQr(QR_ID)
    await mia[Symbol.asyncDispose]()
    expect(await rejection(mia.getQr(QR_ID))).toMatchObject({ rule: "closed" })
  })
})

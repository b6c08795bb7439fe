import { HttpResponse, http } from "msw"
import { setupServer } from "msw/node"
import { afterAll, afterEach, beforeAll } from "vitest"

export const BASE_URL = "https://bank.test"
export const CLIENT_ID = "749c564f-1a65-48e3-a4bf-b7932b6ae3db"
export const CLIENT_SECRET = "0d922db8-9a2f-4c66-a60d-76a762c9bb04"
export const SIGNATURE_KEY = "8508706b-3454-4733-8295-56e617c4abcf"
export const QR_ID = "123e4567-e89b-12d3-a456-426614174000"
export const PAY_ID = "6d24e4a5-c6bf-4d3e-bf7a-8d2123faf4e9"

/** A request as the bank received it. */
export interface Recorded {
  readonly method: string
  readonly path: string
  readonly query: Record<string, string>
  readonly headers: Record<string, string>
  readonly body: unknown
  readonly rawBody: string
}

type Reply = Response | Promise<Response>
type Route = (request: Recorded, attempt: number, raw: Request) => Reply

/**
 * A scripted bank on msw: routes keyed by `METHOD /path`, every request recorded. The token
 * route answers by default; tests replace routes per case.
 */
export const fakeBank = () => {
  const recorded: Array<Recorded> = []
  const routes = new Map<string, Route>()
  const attempts = new Map<string, number>()
  let tokenCounter = 0

  const defaultToken: Route = () => {
    tokenCounter += 1
    return HttpResponse.json({
      result: { accessToken: `token-${tokenCounter}`, expiresIn: 300, tokenType: "Bearer" },
      ok: true
    })
  }

  const server = setupServer(
    http.all(`${BASE_URL}/*`, async ({ request }) => {
      const url = new URL(request.url)
      const rawBody = await request.text()
      let body: unknown
      try {
        body = rawBody === "" ? undefined : JSON.parse(rawBody)
      } catch {
        body = rawBody
      }
      const headers: Record<string, string> = {}
      request.headers.forEach((value, name) => {
        headers[name] = value
      })
      const entry: Recorded = {
        method: request.method,
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        headers,
        body,
        rawBody
      }
      recorded.push(entry)
      const key = `${request.method} ${url.pathname}`
      const attempt = (attempts.get(key) ?? 0) + 1
      attempts.set(key, attempt)
      const route = routes.get(key) ?? (key === "POST /v2/auth/token" ? defaultToken : undefined)
      if (!route)
        return HttpResponse.json(
          { ok: false, errors: [{ errorCode: "404", errorMessage: `no route ${key}` }] },
          { status: 404 }
        )
      return route(entry, attempt, request)
    })
  )

  beforeAll(() => server.listen({ onUnhandledRequest: "error" }))
  afterEach(() => {
    server.resetHandlers()
    recorded.length = 0
    routes.clear()
    attempts.clear()
    tokenCounter = 0
  })
  afterAll(() => server.close())

  return {
    recorded,
    /** Replaces the answer of `METHOD /path`. */
    on: (key: string, route: Route) => {
      routes.set(key, route)
    },
    /** Requests other than the token call. */
    apiCalls: () => recorded.filter((entry) => entry.path !== "/v2/auth/token"),
    tokenCalls: () => recorded.filter((entry) => entry.path === "/v2/auth/token")
  }
}

export const ok = (result: unknown, init?: ResponseInit) => HttpResponse.json({ result, ok: true }, init)

export const fail = (status: number, errors: Array<Record<string, unknown>>, init?: ResponseInit) =>
  HttpResponse.json({ errors, ok: false }, { status, ...init })

export const qrDetails = {
  qrId: QR_ID,
  extensionId: null,
  orderId: "123",
  status: "Active",
  type: "Dynamic",
  url: "https://mia-qr.bnm.md/1/m/BNM/AGR0123456789abcdef0123456789abcd",
  amountType: "Fixed",
  amount: 50,
  amountMin: null,
  amountMax: null,
  currency: "MDL",
  description: "Order #123",
  callbackUrl: "https://shop.md/mia/callback",
  redirectUrl: "https://shop.md/thanks",
  createdAt: "2029-10-22T10:02:28.1380956+00:00",
  updatedAt: "2029-10-22T10:02:28.1380956+00:00",
  expiresAt: "2029-10-22T10:32:28+03:00",
  terminalId: "P011111"
}

export const payment = {
  payId: PAY_ID,
  referenceId: "QR000123456789",
  qrId: QR_ID,
  extensionId: "40e6ba44-7dff-48cc-91ec-386a38318c68",
  orderId: "123",
  amount: 50,
  commission: 0.5,
  currency: "MDL",
  description: "Payment for order #123",
  payerName: "John D.",
  payerIban: "MD24AG00225100013104168",
  status: "Executed",
  executedAt: "2024-08-05T10:32:28+03:00",
  refundedAt: null,
  terminalId: "P011111"
}

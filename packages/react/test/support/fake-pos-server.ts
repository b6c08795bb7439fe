import type { PosChargeView, PosReportView, PosSessionView, ProblemDetails } from "@mia-sdk/core/wire"

const problem = (status: number, code: string, detail: string): ProblemDetails => ({
  type: `https://mia-sdk.dev/problems/${code}`,
  title: detail,
  status,
  detail,
  code,
  retryable: status >= 500
})

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": status >= 400 ? "application/problem+json" : "application/json" }
  })

/**
 * A fake `miaPos` router behind a `fetch` stub (the contract of `@mia-sdk/core/wire` pos.ts), with
 * the state a test drives: one terminal, one seller (`seller` / `sandbox`), OTP `123456`.
 */
export const createFakePosServer = (options: { ttlMs?: number } = {}) => {
  const ttlMs = options.ttlMs ?? 300_000
  const requests: Array<{ method: string; path: string; body: unknown; at: number }> = []
  const charges = new Map<string, PosChargeView>()
  const failures: Array<{ status: number; code: string; detail: string }> = []
  let session: PosSessionView = { activated: false, loggedIn: false, shift: null }
  let shiftCount = 0
  let chargeCount = 0

  const server = {
    apiBase: "/api/pos",
    requests,
    charges,
    get session() {
      return session
    },
    /** Answer the next request with this problem. */
    fail(status: number, code = "unavailable", detail = "Try later") {
      failures.push({ status, code, detail })
    },
    /** The customer pays (or the bank changes) the charge; polls see it. */
    setState(chargeId: string, state: string) {
      charges.set(chargeId, { ...charges.get(chargeId)!, state })
    },
    posts: (path: string) => requests.filter((r) => r.method === "POST" && r.path === path),
    polls: (chargeId: string) =>
      requests.filter((r) => r.method === "GET" && r.path === `/charges/${chargeId}`),
    fetch: async (input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> => {
      const url = new URL(String(input), "http://shop.test")
      const path = url.pathname.replace(/^\/api\/pos/, "")
      const method = init.method ?? "GET"
      const body = typeof init.body === "string" ? JSON.parse(init.body) : undefined
      requests.push({ method, path: path + url.search, body, at: Date.now() })
      const failure = failures.shift()
      if (failure) return json(failure.status, problem(failure.status, failure.code, failure.detail))
      const route = `${method} ${path}`
      const shift = session.shift
      switch (route) {
        case "GET /session":
          return json(200, session)
        case "POST /activation":
          session = { ...session, activation: { maskedPhoneNumber: "+373*****01", waitTimeToResend: 60 } }
          return json(200, session)
        case "POST /activation/resend":
          return json(200, session)
        case "POST /activation/confirm":
          if (body.otp !== "123456")
            return json(400, problem(400, "otp_invalid", "The code is wrong: 2 attempts left"))
          session = { activated: true, loggedIn: false, shift: null }
          return json(200, session)
        case "POST /login":
          if (body.password !== "sandbox")
            return json(401, problem(401, "login_failed", "Wrong username or password"))
          session = { ...session, loggedIn: true, seller: { name: "Sandbox Seller" }, shift: { open: false } }
          return json(200, session)
        case "POST /logout":
          session = { ...session, loggedIn: false, seller: undefined, shift: null }
          return json(200, session)
        case "POST /shift/open":
          shiftCount++
          session = {
            ...session,
            shift: { open: true, shiftId: String(5000 + shiftCount), openedAt: "2026-11-21T08:00:00" }
          }
          return json(200, session)
        case "POST /shift/close":
          session = { ...session, shift: { open: false }, lastClosedShiftId: shift?.shiftId }
          return json(200, session)
        case "POST /charges": {
          if (!shift?.open) return json(409, problem(409, "shift_closed", "Open a shift before charging"))
          chargeCount++
          const charge: PosChargeView = {
            chargeId: `qr-${chargeCount}`,
            url: `https://sandbox.mia-sdk.local/pos/qr/${chargeCount}`,
            amount: body.amount,
            currency: "MDL",
            state: "active",
            expiresAt: new Date(Date.now() + ttlMs).toISOString()
          }
          charges.set(charge.chargeId, charge)
          return json(201, charge)
        }
      }
      const charge = /^\/charges\/([^/]+)$/.exec(path)
      if (charge) {
        const found = charges.get(decodeURIComponent(charge[1]!))
        if (!found) return json(404, problem(404, "not_found", "No such charge"))
        if (method === "DELETE") {
          if (found.state !== "active")
            return json(409, problem(409, "not_active", `The charge is ${found.state}`))
          server.setState(found.chargeId, "cancelled")
        }
        return json(200, charges.get(found.chargeId))
      }
      const report = /^\/reports\/(x|z)$/.exec(path)
      if (report && method === "GET") {
        const view: PosReportView = {
          kind: report[1] as "x" | "z",
          shiftId: url.searchParams.get("shiftId") ?? shift?.shiftId,
          paymentCount: 2,
          paymentSum: 300.5,
          totalSum: 300.5,
          transactions: []
        }
        return json(200, view)
      }
      return json(404, problem(404, "not_found", `No route ${route}`))
    }
  }
  return server
}

export type FakePosServer = ReturnType<typeof createFakePosServer>

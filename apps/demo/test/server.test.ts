import { mkdtemp, rm } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { createMiaQrClient } from "@mia-sdk/core"
import type {
  CheckoutSession,
  OrderView,
  PosChargeView,
  PosReportView,
  PosSessionView,
  RefundView,
  RtpSession
} from "@mia-sdk/core/wire"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { startDemo } from "../server/start.js"
import type {
  AdminOrder,
  CreatedOrder,
  DemoInfo,
  PhonePayment,
  PhoneQr,
  PhoneRequest,
  PhoneRequestAnswer,
  Product,
  ReconcileSummary,
  SmsMessage
} from "../shared/types.js"
import { bootDemo, call, cookieJar, problemOf, until } from "./helpers.js"

let booted: Awaited<ReturnType<typeof bootDemo>>
// Booting compiles PGlite's WebAssembly: slow on a busy machine.
beforeAll(async () => {
  booted = await bootDemo()
}, 90_000)
afterAll(async () => {
  await booted?.cleanup()
}, 30_000)

// The browser the tests shop with: the orders it creates are remembered in its cookie.
const shopper = cookieJar()

const order = async (items = [{ productId: "espresso-beans", quantity: 2 }]) => {
  const created = await call<CreatedOrder>(
    booted.demo,
    "POST",
    "/api/shop/orders",
    { items },
    { jar: shopper }
  )
  expect(created.status).toBe(201)
  return created.body
}

const checkout = async (orderId: string) => {
  const session = await call<CheckoutSession>(
    booted.demo,
    "POST",
    `/api/mia/orders/${orderId}/checkout`,
    undefined,
    { jar: shopper }
  )
  expect(session.status).toBe(201)
  return session.body
}

const statusOf = async (orderId: string) =>
  (await call<OrderView>(booted.demo, "GET", `/api/mia/orders/${orderId}`, undefined, { jar: shopper })).body
    .status

describe("the demo server", () => {
  it("says how it is wired", async () => {
    const { status, body } = await call<DemoInfo>(booted.demo, "GET", "/api/demo/info")
    expect(status).toBe(200)
    expect(body).toMatchObject({
      bank: "embedded",
      database: "pglite",
      phone: true,
      pos: true,
      adminTokenRequired: false
    })
    expect(body.posDefaults?.username).toBe("cashier")
  })

  it("lists the catalog", async () => {
    const { body } = await call<Product[]>(booted.demo, "GET", "/api/shop/products")
    expect(body.map((p) => p.id)).toContain("espresso-beans")
  })

  it("creates an order priced by the server", async () => {
    const created = await order([
      { productId: "placinta", quantity: 3 },
      { productId: "moka-pot", quantity: 1 }
    ])
    expect(created).toMatchObject({ amount: 455.74, currency: "MDL" })
    expect(created.orderId).toMatch(/^\d{8}$/)
    const again = await call<CreatedOrder>(
      booted.demo,
      "GET",
      `/api/shop/orders/${created.orderId}`,
      undefined,
      {
        jar: shopper
      }
    )
    expect(again.body).toEqual(created)
  })

  it("answers a bad cart with problem+json naming the field", async () => {
    const result = await call(booted.demo, "POST", "/api/shop/orders", {
      items: [{ productId: "tea", quantity: 1 }]
    })
    expect(result.status).toBe(400)
    expect(result.type).toContain("application/problem+json")
    expect(problemOf(result)).toMatchObject({
      status: 400,
      code: "validation",
      errors: [{ field: "items[0].productId" }]
    })
  })

  it("answers unknown orders and API routes with 404 problem+json", async () => {
    expect(problemOf(await call(booted.demo, "GET", "/api/admin/orders/nope"))).toMatchObject({ status: 404 })
    const missing = await call(booted.demo, "GET", "/api/nothing-here")
    expect(missing.status).toBe(404)
    expect(problemOf(missing).detail).toBe("No route GET /api/nothing-here.")
  })

  it("serves the storefront for every page path", async () => {
    for (const path of ["/", "/admin", "/checkout/123", "/pos"]) {
      const page = await call(booted.demo, "GET", path)
      expect(page.status).toBe(200)
      expect(page.text).toContain("<title>storefront</title>")
    }
  })

  it("takes a payment from the phone to the paid order, then refunds it from the admin", async () => {
    const created = await order()
    const session = await checkout(created.orderId)
    expect(session).toMatchObject({ orderId: created.orderId, amount: 379, status: "pending", reused: false })

    const payable = await call<PhoneQr[]>(booted.demo, "GET", "/api/phone/qrs")
    expect(payable.body).toContainEqual(
      expect.objectContaining({ qrId: session.qrId, source: "shop", amount: 379, merchant: "Cafeneaua Mia" })
    )
    const shown = await call<PhoneQr>(booted.demo, "GET", `/api/phone/qrs/${session.qrId}`)
    expect(shown.body.description).toBe(created.description)

    const paid = await call<PhonePayment>(booted.demo, "POST", "/api/phone/pay", { qrId: session.qrId })
    expect(paid.status).toBe(200)
    expect(paid.body).toMatchObject({ qrId: session.qrId, amount: 379, currency: "MDL" })

    // The bank's signed callback reaches the webhook on its own, after test-pay answered.
    await until("the callback marks the order paid", async () =>
      (await statusOf(created.orderId)) === "processing" ? true : undefined
    )
    const gone = await call(booted.demo, "GET", `/api/phone/qrs/${session.qrId}`)
    expect(gone.status).toBe(404)
    const twice = await call(booted.demo, "POST", "/api/phone/pay", { qrId: session.qrId })
    expect(problemOf(twice)).toMatchObject({ status: 409, code: "conflict" })

    // The admin page's partial refund of "5,50": sent as 5.5 with one Idempotency-Key per
    // submission, so sending it twice (a double click, a retry) refunds once.
    const refundPath = `/api/mia/orders/${created.orderId}/refunds`
    const partial = { reason: "Broken cup", amount: 5.5 }
    const once = { headers: { "idempotency-key": "refund-form-1" } }
    const first = await call<RefundView>(booted.demo, "POST", refundPath, partial, once)
    expect(first.status).toBe(201)
    expect(first.body).toMatchObject({ amount: 5.5, order: { status: "processing", refundedAmount: 5.5 } })
    const replay = await call<RefundView>(booted.demo, "POST", refundPath, partial, once)
    expect(replay.status).toBe(201)
    expect(replay.headers.get("idempotent-replayed")).toBe("true")
    expect(replay.body).toMatchObject({ refundId: first.body.refundId, order: { refundedAmount: 5.5 } })

    // An empty amount field sends no amount key: the whole remainder.
    const refund = await call<RefundView>(booted.demo, "POST", refundPath, { reason: "Returned" })
    expect(refund.status).toBe(201)
    expect(refund.body).toMatchObject({ amount: 373.5, order: { status: "refunded", refundedAmount: 379 } })

    const detail = await call<AdminOrder>(booted.demo, "GET", `/api/admin/orders/${created.orderId}`)
    expect(detail.body.transitions.map((t) => t.to)).toEqual(
      ["pending", "pending", "processing", "processing", "refunded"].slice(-detail.body.transitions.length)
    )
    expect(detail.body.transitions.at(-1)).toMatchObject({
      from: "processing",
      to: "refunded",
      actor: "admin (demo)"
    })
    const list = await call<AdminOrder[]>(booted.demo, "GET", "/api/admin/orders")
    expect(list.body[0]?.order.orderId).toBe(created.orderId)
  })

  it("keeps an order to the browser that created it: a stranger guessing its id gets 403", async () => {
    const { demo } = booted
    const created = await order()
    const path = `/api/mia/orders/${created.orderId}`
    const session = await checkout(created.orderId)

    const [set] = (
      await call(demo, "POST", "/api/shop/orders", { items: [{ productId: "cup", quantity: 1 }] })
    ).setCookies
    expect(set).toMatch(/^mia_demo_orders=[^;]+; Path=\/api; Max-Age=\d+; HttpOnly; SameSite=Lax$/)

    const stranger = cookieJar()
    await call(
      demo,
      "POST",
      "/api/shop/orders",
      { items: [{ productId: "cup", quantity: 1 }] },
      { jar: stranger }
    )
    // Its own order's cookie, a cookie naming the order with a made-up signature, no cookie at all.
    const forged = cookieJar()
    forged.cookies.set("mia_demo_orders", `${created.orderId}.AAAAAAAAAAAAAAAAAAAAAA`)
    for (const jar of [stranger, forged, cookieJar()]) {
      for (const [method, target] of [
        ["POST", `${path}/checkout`],
        ["GET", path],
        ["GET", `${path}/events`],
        ["GET", `/api/shop/orders/${created.orderId}`]
      ] as const) {
        const answer = await call(demo, method, target, undefined, { jar })
        expect(answer.status, `${method} ${target}`).toBe(403)
        expect(answer.text).not.toContain(session.qrId)
      }
    }
    expect(problemOf(await call(demo, "GET", path, undefined, { jar: stranger }))).toMatchObject({
      code: "order_forbidden"
    })
    // The shopper's own browser still follows it.
    expect((await call<OrderView>(demo, "GET", path, undefined, { jar: shopper })).body.status).toBe(
      "pending"
    )
  })

  it("pays an order by phone number: the request reaches the phone, a decline shows at once, an accept pays", async () => {
    const created = await order()
    const rtpPath = `/api/mia/orders/${created.orderId}/rtp`
    const refused = await call(booted.demo, "POST", rtpPath, { alias: "069112222" }, { jar: shopper })
    expect(problemOf(refused)).toMatchObject({ status: 400, errors: [{ field: "alias" }] })
    const badPhone = await call(booted.demo, "GET", "/api/phone/requests?alias=069112222")
    expect(problemOf(badPhone)).toMatchObject({ status: 400, errors: [{ field: "alias" }] })

    const sent = await call<RtpSession>(
      booted.demo,
      "POST",
      rtpPath,
      { alias: "37369112222" },
      { jar: shopper }
    )
    expect(sent.status).toBe(201)
    const waiting = await call<PhoneRequest[]>(booted.demo, "GET", "/api/phone/requests?alias=37369112222")
    expect(waiting.body).toEqual([expect.objectContaining({ rtpId: sent.body.rtpId, amount: 379 })])
    await call(booted.demo, "POST", `/api/phone/requests/${sent.body.rtpId}/decline`, {})
    // maib sends no callback for a decline; the demo's phone has the shop ask the bank at once.
    const declined = await call<OrderView>(
      booted.demo,
      "GET",
      `/api/mia/orders/${created.orderId}`,
      undefined,
      { jar: shopper }
    )
    expect(declined.body).toMatchObject({
      status: "pending",
      rtp: { rtpId: sent.body.rtpId, status: "rejected" }
    })
    const again = await call(booted.demo, "POST", `/api/phone/requests/${sent.body.rtpId}/accept`, {})
    expect(problemOf(again)).toMatchObject({ status: 409 })

    const second = await call<RtpSession>(
      booted.demo,
      "POST",
      rtpPath,
      { alias: "37369112222" },
      { jar: shopper }
    )
    const accepted = await call<PhoneRequestAnswer>(
      booted.demo,
      "POST",
      `/api/phone/requests/${second.body.rtpId}/accept`,
      {}
    )
    expect(accepted.body).toMatchObject({ answer: "accepted", payId: expect.any(String) })
    await until("the RTP callback marks the order paid", async () =>
      (await statusOf(created.orderId)) === "processing" ? true : undefined
    )
  })

  it("refuses to pay without a qrId", async () => {
    const result = await call(booted.demo, "POST", "/api/phone/pay", {})
    expect(problemOf(result)).toMatchObject({ status: 400, errors: [{ field: "qrId" }] })
  })
})

describe("reconciliation", () => {
  const bankClient = () => {
    const { sandboxUrl, sandbox } = booted.demo
    if (sandboxUrl === undefined || sandbox === undefined)
      throw new Error("the test demo has no embedded sandbox")
    return createMiaQrClient({ baseUrl: sandboxUrl, ...sandbox.credentials })
  }

  it("recovers a payment whose callback could not be applied, from the admin's button", async () => {
    const { demo } = booted
    const created = await order([{ productId: "cup", quantity: 1 }])
    const session = await checkout(created.orderId)
    const sandbox = demo.sandbox
    if (sandbox === undefined) throw new Error("the test demo has no embedded sandbox")
    // The shopper pays the order's QR, but the callback can't be applied: the bank won't confirm
    // the payment to the webhook (503), so the webhook answers 503 and the order stays pending
    // while the money is at the bank.
    const outage = sandbox.faults.add({
      method: "GET",
      path: "/v2/mia/payments/{payId}",
      fault: { type: "status", status: 503 }
    })
    try {
      await sandbox.pay({ qrId: session.qrId })
      expect(await statusOf(created.orderId)).toBe("pending")

      const report = await call<ReconcileSummary>(demo, "POST", "/api/admin/reconcile")
      expect(report.status).toBe(200)
      expect(report.body.details).toContain(`Order ${created.orderId} is now processing.`)
      expect(report.body.changed).toBeGreaterThanOrEqual(1)
      expect(report.body.bankCalls).toBeGreaterThanOrEqual(1)
    } finally {
      outage.remove()
    }
    const detail = await call<AdminOrder>(demo, "GET", `/api/admin/orders/${created.orderId}`)
    expect(detail.body.transitions.at(-1)).toMatchObject({
      from: "pending",
      to: "processing",
      actor: "admin-reconcile"
    })
    expect(detail.body.order.paidAmount).toBe(120)
  })

  it("cancels an order whose QR was cancelled at the bank", async () => {
    const { demo } = booted
    const created = await order([{ productId: "placinta", quantity: 1 }])
    const session = await checkout(created.orderId)
    const bank = bankClient()
    await bank.cancelQr(session.qrId, { reason: "Shopper left" })
    await bank.close()

    const report = await call<ReconcileSummary>(demo, "POST", "/api/admin/reconcile")
    expect(report.body.details).toContain(`Order ${created.orderId} is now cancelled.`)
    expect(await statusOf(created.orderId)).toBe("cancelled")
    const phone = await call(demo, "GET", `/api/phone/qrs/${session.qrId}`)
    expect(phone.status).toBe(404)
  })
})

describe("the till", () => {
  it("activates with the SMS code, takes a payment from the phone and reports it", async () => {
    const { demo } = booted
    expect((await call<PosSessionView>(demo, "GET", "/api/pos/session")).body.activated).toBe(false)
    const started = await call<PosSessionView>(demo, "POST", "/api/pos/activation", {})
    expect(started.body.activation?.maskedPhoneNumber).toBe("+373*****456")

    const inbox = await call<SmsMessage[]>(demo, "GET", "/api/demo/sms-inbox")
    expect(inbox.body[0]).toMatchObject({ to: "+37369123456", code: expect.stringMatching(/^\d{6}$/) })
    expect(inbox.body[0]?.text).toContain(inbox.body[0]?.code)

    await call(demo, "POST", "/api/pos/activation/confirm", { otp: inbox.body[0]?.code })
    const login = await call<PosSessionView>(demo, "POST", "/api/pos/login", {
      username: "cashier",
      password: "mia-demo"
    })
    expect(login.body).toMatchObject({ loggedIn: true, seller: { name: "Ana Rusu" }, shift: { open: false } })
    await call(demo, "POST", "/api/pos/shift/open")

    const charge = await call<PosChargeView>(demo, "POST", "/api/pos/charges", { amount: 42.5 })
    expect(charge.status).toBe(201)
    const payable = await call<PhoneQr[]>(demo, "GET", "/api/phone/qrs")
    expect(payable.body).toContainEqual(
      expect.objectContaining({ qrId: charge.body.chargeId, source: "pos", amount: 42.5 })
    )
    const paid = await call<PhonePayment>(demo, "POST", "/api/phone/pay", { qrId: charge.body.chargeId })
    expect(paid.body).toMatchObject({ qrId: charge.body.chargeId, amount: 42.5, currency: "MDL" })
    const after = await call<PosChargeView>(demo, "GET", `/api/pos/charges/${charge.body.chargeId}`)
    expect(after.body.state).toBe("paid")

    const closed = await call<PosSessionView>(demo, "POST", "/api/pos/shift/close")
    expect(closed.body.lastClosedShiftId).toBeDefined()
    const z = await call<PosReportView>(demo, "GET", "/api/pos/reports/z")
    expect(z.body).toMatchObject({ kind: "z", paymentCount: 1, paymentSum: 42.5, totalSum: 42.5 })
    const pdf = await fetch(`${demo.url}/api/pos/reports/z?format=pdf`)
    expect(pdf.headers.get("content-type")).toMatch(/^application\/pdf/)
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString("latin1")
    ).toBe("%PDF-")
  })
})

describe("restarts", () => {
  it("keep the orders in the data folder", async () => {
    const dataDir = await mkdtemp(join(tmpdir(), "mia-demo-restart-"))
    try {
      const first = await bootDemo(dataDir)
      const browser = cookieJar()
      const created = await call<CreatedOrder>(
        first.demo,
        "POST",
        "/api/shop/orders",
        { items: [{ productId: "gift-card", quantity: 1 }] },
        { jar: browser }
      )
      await first.cleanup()
      const second = await bootDemo(dataDir)
      try {
        const list = await call<AdminOrder[]>(second.demo, "GET", "/api/admin/orders")
        expect(list.body.map((o) => o.order.orderId)).toEqual([created.body.orderId])
        expect(list.body[0]?.order).toMatchObject({ status: "pending", amount: 400 })
        // The cookie's signing secret is in the database: the shopper still reaches the order.
        const again = await call(second.demo, "GET", `/api/mia/orders/${created.body.orderId}`, undefined, {
          jar: browser
        })
        expect(again.status).toBe(200)
      } finally {
        await second.cleanup()
      }
    } finally {
      await rm(dataDir, { recursive: true, force: true })
    }
  }, 120_000)
})

describe("with a real bank", () => {
  const ADMIN_TOKEN = "demo-admin-token-for-tests"
  const realBank = {
    MIA_CLIENT_ID: "client",
    MIA_CLIENT_SECRET: "secret",
    MIA_BASE_URL: "http://127.0.0.1:9",
    DEMO_ADMIN_TOKEN: ADMIN_TOKEN
  }

  it("hides the simulated phone and the till, which need the embedded sandbox", async () => {
    const work = await mkdtemp(join(tmpdir(), "mia-demo-real-"))
    const demo = await startDemo({
      port: 0,
      dataDir: work,
      reconcileEveryMs: 0,
      env: { ...realBank, MIA_SIGNATURE_KEY: "key" },
      log: () => undefined
    })
    try {
      expect((await call<DemoInfo>(demo, "GET", "/api/demo/info")).body).toMatchObject({
        bank: "maib-sandbox",
        phone: false,
        pos: false
      })
      expect((await call(demo, "GET", "/api/phone/qrs")).status).toBe(404)
      expect((await call(demo, "GET", "/api/demo/sms-inbox")).status).toBe(404)
      expect(demo.sandboxUrl).toBeUndefined()
    } finally {
      await demo.close()
      await rm(work, { recursive: true, force: true })
    }
  }, 90_000)

  it("guards the admin API and refunds with the admin token, and lets it open any order", async () => {
    const work = await mkdtemp(join(tmpdir(), "mia-demo-real-"))
    const demo = await startDemo({
      port: 0,
      dataDir: work,
      reconcileEveryMs: 0,
      env: { ...realBank, MIA_SIGNATURE_KEY: "key" },
      log: () => undefined
    })
    const right = { headers: { "x-demo-admin-token": ADMIN_TOKEN } }
    const wrong = { headers: { "x-demo-admin-token": `${ADMIN_TOKEN}x` } }
    try {
      expect((await call<DemoInfo>(demo, "GET", "/api/demo/info")).body.adminTokenRequired).toBe(true)
      const guarded = [
        ["GET", "/api/admin/orders", undefined],
        ["GET", "/api/admin/orders/12345678", undefined],
        ["POST", "/api/admin/reconcile", {}],
        ["POST", "/api/mia/orders/12345678/refunds", { reason: "Returned" }]
      ] as const
      for (const [method, path, body] of guarded) {
        const missing = await call(demo, method, path, body)
        expect(missing.status, `${method} ${path} without a token`).toBe(401)
        expect(problemOf(missing).code).toBe("admin_token_required")
        expect(problemOf(missing).detail).toMatch(/x-demo-admin-token/)
        expect(missing.headers.get("www-authenticate")).toMatch(/x-demo-admin-token/)
        const refused = await call(demo, method, path, body, wrong)
        expect(refused.status, `${method} ${path} with a wrong token`).toBe(403)
        expect(problemOf(refused).code).toBe("admin_token_invalid")
      }
      expect((await call(demo, "GET", "/api/admin/orders", undefined, right)).status).toBe(200)
      // Past the guard: the refund route itself answers (no such order).
      const refund = await call(
        demo,
        "POST",
        "/api/mia/orders/12345678/refunds",
        { reason: "Returned" },
        right
      )
      expect(refund.status).toBe(404)

      // The shop works as before; its orders are the shopper's, and the admin's with the token.
      const shopper = cookieJar()
      const created = await call<CreatedOrder>(
        demo,
        "POST",
        "/api/shop/orders",
        { items: [{ productId: "cup", quantity: 1 }] },
        { jar: shopper }
      )
      const path = `/api/mia/orders/${created.body.orderId}`
      expect((await call(demo, "GET", path, undefined, { jar: shopper })).status).toBe(200)
      expect((await call(demo, "GET", path, undefined, right)).status).toBe(200)
      expect((await call(demo, "GET", path)).status).toBe(403)
      expect((await call(demo, "GET", path, undefined, wrong)).status).toBe(403)
    } finally {
      await demo.close()
      await rm(work, { recursive: true, force: true })
    }
  }, 90_000)

  it("refuses to start without the admin token, saying how to set it", async () => {
    const work = await mkdtemp(join(tmpdir(), "mia-demo-real-"))
    try {
      const { DEMO_ADMIN_TOKEN: _token, ...withoutToken } = realBank
      await expect(
        startDemo({
          port: 0,
          dataDir: work,
          reconcileEveryMs: 0,
          env: { ...withoutToken, MIA_SIGNATURE_KEY: "key" },
          log: () => undefined
        })
      ).rejects.toThrow(
        /DEMO_ADMIN_TOKEN is required with a real bank.*set DEMO_ADMIN_TOKEN to a long random secret/
      )
      // Options can't get round it either.
      await expect(
        startDemo({ port: 0, dataDir: work, env: {}, bank: "maib-sandbox", log: () => undefined })
      ).rejects.toThrow(/DEMO_ADMIN_TOKEN is required/)
    } finally {
      await rm(work, { recursive: true, force: true })
    }
  })

  it("refuses to start on maib production", async () => {
    const work = await mkdtemp(join(tmpdir(), "mia-demo-real-"))
    try {
      for (const env of [
        { ...realBank, MIA_SIGNATURE_KEY: "key", MIA_ENV: "production" },
        { ...realBank, MIA_SIGNATURE_KEY: "key", MIA_BASE_URL: "https://api.maibmerchants.md" }
      ]) {
        await expect(
          startDemo({ port: 0, dataDir: work, reconcileEveryMs: 0, env, log: () => undefined })
        ).rejects.toThrow(/refused: the demo never moves real money/)
      }
    } finally {
      await rm(work, { recursive: true, force: true })
    }
  })

  it("refuses to start without the signature key the webhook needs", async () => {
    const work = await mkdtemp(join(tmpdir(), "mia-demo-real-"))
    try {
      await expect(
        startDemo({ port: 0, dataDir: work, reconcileEveryMs: 0, env: realBank, log: () => undefined })
      ).rejects.toThrow(/MIA_SIGNATURE_KEY is required/)
    } finally {
      await rm(work, { recursive: true, force: true })
    }
  }, 90_000)
})

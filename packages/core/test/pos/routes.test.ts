import { HttpResponse, http } from "msw"
import { setupServer } from "msw/node"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { defaultPosRoutes, type PosOperation, type PosRouteTable } from "../../src/index.js"
import { placeIds } from "../../src/pos/internal/route-ids.js"
import { resolvePosRoutes } from "../../src/pos/routes.js"
import { BASE_URL, mswClient } from "./helpers/msw-pos.js"

/** The merged table, or a failed test when overrides were rejected. */
const tableOf = (resolved: ReturnType<typeof resolvePosRoutes>): PosRouteTable => {
  if (Array.isArray(resolved)) throw new Error(`rejected: ${JSON.stringify(resolved)}`)
  return resolved as PosRouteTable
}

describe("the route table", () => {
  it("covers every operation, and marks the paths seed 000 prints as confirmed", () => {
    const confirmed = Object.entries(defaultPosRoutes)
      .filter(([, route]) => route.source === "confirmed")
      .map(([operation]) => operation)
    expect(Object.keys(defaultPosRoutes)).toHaveLength(30)
    expect(confirmed.sort()).toEqual(
      [
        "activationInit",
        "activationConfirm",
        "sellerLogin",
        "sellerRefresh",
        "sellerLogout",
        "shiftCheck",
        "shiftOpen",
        "shiftClose",
        "qrListActive",
        "qrCreate",
        "qrCancel",
        "qrExtensionCreate",
        "qrExtensionCheck",
        "qrExtensionCancel",
        "zReport"
      ].sort()
    )
  })

  it("merges overrides: a path alone keeps the method, an object may change it", () => {
    const table = tableOf(
      resolvePosRoutes({
        qrGet: "/x/{qrId}",
        settingsSet: { method: "PUT", path: "/x/settings" }
      })
    )
    expect(table.qrGet).toEqual({ method: "GET", path: "/x/{qrId}", source: "custom" })
    expect(table.settingsSet).toEqual({ method: "PUT", path: "/x/settings", source: "custom" })
    expect(table.qrCreate).toBe(defaultPosRoutes.qrCreate)
  })

  it("reports every bad override", () => {
    expect(resolvePosRoutes({ qrGet: "x", qrCancel: "/ok", nope: "/y" } as never)).toEqual([
      expect.objectContaining({ operation: "qrGet" }),
      expect.objectContaining({ operation: "nope" })
    ])
  })

  it("places ids in the route's placeholders or the query, and names a missing placeholder", () => {
    expect(placeIds("qrGet", "/a/{qrId}", { ids: { qrId: "q", x: "1" }, query: { y: "2" } })).toEqual({
      params: { qrId: "q", x: "1" },
      query: { y: "2", x: "1" },
      body: undefined
    })
    expect(
      placeIds("transactionReturn", "/tx/return", { pathOnly: { txId: "7" }, body: { txId: 7 } })
    ).toEqual({
      params: { txId: "7" },
      query: undefined,
      body: { txId: 7 }
    })
    expect(placeIds("qrGet", "/a/{qrId}", {})).toMatchObject({
      field: "routes.qrGet",
      rule: "path_placeholder"
    })
  })
})

describe("overrides on the wire", () => {
  const seen: Array<{ method: string; path: string; search: string }> = []
  const server = setupServer(
    http.all(`${BASE_URL}/*`, ({ request }) => {
      const url = new URL(request.url)
      seen.push({ method: request.method, path: url.pathname, search: url.search })
      return HttpResponse.json({
        result: "success",
        qrSettings: {},
        txInfo: { id: 1, amount: 1 },
        isEnded: true
      })
    })
  )
  beforeAll(() => server.listen({ onUnhandledRequest: "error" }))
  afterAll(() => server.close())

  it("uses the overridden method and path, and sends unused ids as query parameters", async () => {
    const pos = mswClient({
      routes: {
        settingsSet: { method: "PUT", path: "/bank/settings" },
        transactionDetails: "/bank/transaction",
        transactionList: "/bank/shifts/{shiftId}/transactions",
        transactionReturn: "/bank/tx/{txId}/return"
      }
    })
    await pos.settings.set({ qrType: "dynamic", qrAmountType: "fixed" })
    await pos.transactions.get("1042")
    await pos.transactions.list({ shiftId: "5", txId: "90" })
    await pos.transactions.return({ txId: "1042", reasonCode: "r" })
    await pos.qr.get("qr-é_1")
    await pos.close()
    expect(seen).toEqual([
      { method: "PUT", path: "/bank/settings", search: "" },
      { method: "GET", path: "/bank/transaction", search: "?txId=1042" },
      { method: "GET", path: "/bank/shifts/5/transactions", search: "?txId=90" },
      // The return's txId travels in the body; the path uses it too, and no query is added.
      { method: "POST", path: "/bank/tx/1042/return", search: "" },
      // Ids in a path are URL-encoded.
      { method: "GET", path: "/pos/api/v2/qr/qr-%C3%A9_1", search: "" }
    ])
  })

  it("every operation's route can be overridden", () => {
    const overrides = Object.fromEntries(
      (Object.keys(defaultPosRoutes) as Array<PosOperation>).map((operation) => [
        operation,
        `/custom/${operation}`
      ])
    )
    const table = tableOf(resolvePosRoutes(overrides))
    for (const [operation, route] of Object.entries(table)) {
      expect(route).toEqual({
        method: defaultPosRoutes[operation as PosOperation].method,
        path: `/custom/${operation}`,
        source: "custom"
      })
    }
  })
})

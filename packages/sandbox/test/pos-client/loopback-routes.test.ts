import { afterAll, beforeAll, expect, it } from "vitest"
import { defaultPosRoutes, type MiaPosPromiseClient } from "@mia-sdk/core"
import { activateAndLogIn, posClient } from "./helpers/activate.js"
import { type PosSandboxServer, startPosSandboxServer } from "./helpers/pos-sandbox-server.js"

/**
 * A bank whose deployment puts some operations elsewhere: the loopback adapter maps its paths
 * back to the simulator's, and records what the client really sent.
 */
const bankPaths = (url: URL): string => {
  const qr = /^\/bank-x\/qr-info\/([^/]+)$/.exec(url.pathname)
  if (qr) return `/pos/api/v2/qr/${qr[1]}${url.search}`
  if (url.pathname === "/bank-x/transactions") {
    const shiftId = url.searchParams.get("shiftId")
    const rest = new URLSearchParams(url.searchParams)
    rest.delete("shiftId")
    return `/pos/api/v1/shift/${shiftId}/tx${rest.size > 0 ? `?${rest}` : ""}`
  }
  if (url.pathname === "/bank-x/activation/resend-otp") return "/pos/api/v1/terminal-activation/resend"
  return `${url.pathname}${url.search}`
}

let server: PosSandboxServer
let pos: MiaPosPromiseClient

beforeAll(async () => {
  server = await startPosSandboxServer({ otp: { resendWaitSeconds: 0 } }, bankPaths)
  pos = posClient(server, {
    routes: {
      qrGet: "/bank-x/qr-info/{qrId}",
      transactionList: { path: "/bank-x/transactions" },
      activationResendOtp: "/bank-x/activation/resend-otp"
    }
  })
  await activateAndLogIn(server, pos)
})
afterAll(async () => {
  await pos.close()
  await server.close()
})

it("uses an overridden path with its placeholder filled", async () => {
  await pos.shift.open()
  const qr = await pos.qr.create({ qrType: "dynamic", amountType: "fixed", amount: 3 })
  const lookup = await pos.qr.get(qr.qrId)
  expect(lookup.qr?.qrId).toBe(qr.qrId)
  expect(server.seen.at(-1)).toMatchObject({ method: "GET", path: `/bank-x/qr-info/${qr.qrId}` })
  expect(server.count(`/pos/api/v2/qr/${qr.qrId}`)).toBe(0)
})

it("sends an id the custom path does not use as a query parameter", async () => {
  const qr = await pos.qr.create({ qrType: "dynamic", amountType: "fixed", amount: 4 })
  server.sandbox.pay(qr.qrId)
  const page = await pos.transactions.list()
  expect(page.transactions).toHaveLength(1)
  const sent = server.seen.at(-1)!
  expect(sent.path).toBe("/bank-x/transactions")
  expect(sent.query.get("shiftId")).toBe((await pos.session.get()).shiftId)
})

it("keeps the built-in paths of operations that were not overridden, and reports the table in use", async () => {
  expect(pos.routes.qrGet).toEqual({ method: "GET", path: "/bank-x/qr-info/{qrId}", source: "custom" })
  expect(pos.routes.qrCreate).toEqual(defaultPosRoutes.qrCreate)
  expect(server.count("/pos/api/v2/qr")).toBe(2)
})

it("an overridden activation path is used before login too", async () => {
  const other = posClient(server, { routes: { activationResendOtp: "/bank-x/activation/resend-otp" } })
  await other.activation.init({ terminalId: "10002", merchantIdno: "1003600012345" })
  await other.activation.resendOtp()
  expect(server.seen.at(-1)?.path).toBe("/bank-x/activation/resend-otp")
  await other.close()
})

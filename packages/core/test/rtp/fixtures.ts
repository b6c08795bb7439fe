import {
  createMiaRtpClient,
  type CreateMiaRtpClientOptions,
  type MiaRtpPromiseClient
} from "../../src/index.js"
import { BASE_URL, CLIENT_ID, CLIENT_SECRET } from "../qr/fake-bank.js"

export const RTP_ID = "123e4567-e89b-12d3-a456-426614174000"
export const PAY_ID = "c56a4180-65aa-42ec-a945-5fd21dec0538"
export const REFUND_ID = "0f8fad5b-d9cb-469f-a165-70867728950e"
export const ALIAS = "37369112221"

/** A request to pay as the status endpoint documents it (no payId, no alias). */
export const rtpDetails = {
  rtpId: RTP_ID,
  orderId: "INV123",
  status: "Created",
  amount: 150,
  currency: "MDL",
  description: "Invoice #123",
  callbackUrl: "https://merchant.example.com/callback",
  redirectUrl: "https://merchant.example.com/success",
  createdAt: "2029-10-22T10:32:28+03:00",
  updatedAt: "2029-10-22T10:32:58+03:00",
  expiresAt: "2029-10-22T10:33:28+03:00",
  terminalId: "P011111"
}

/** The documented test-accept example: status under `rtpStatus`, a GUID in `signature`. */
export const testAcceptAnswer = {
  rtpId: RTP_ID,
  rtpStatus: "Active",
  orderId: "123",
  payId: "6d24e4a5-c6bf-4d3e-bf7a-8d2123faf4e9",
  amount: 10,
  commission: 2.5,
  currency: "MDL",
  payerName: "John D.",
  payerIban: "MD88AG000000011621810140",
  executedAt: "2024-11-29T10:56:52.1380956+00:00",
  signature: "592b6999-fdd0-4fd3-9708-5cb9df590dee"
}

export const inMinutes = (minutes: number) => new Date(Date.now() + minutes * 60_000)

/** A valid `createRtp` input, one hour ahead. */
export const createInput = () => ({
  alias: ALIAS,
  amount: 150,
  description: "Invoice #123",
  expiresAt: inMinutes(60)
})

/** A client of the fake bank; every test file closes it after each test. */
export const rtpClient = (options: Partial<CreateMiaRtpClientOptions> = {}): MiaRtpPromiseClient =>
  createMiaRtpClient({
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    baseUrl: BASE_URL,
    retryBaseDelayMs: 1,
    ...options
  })

/** The rejection of `promise`, which must reject. */
export const rejection = async (promise: Promise<unknown>) => {
  try {
    await promise
  } catch (error) {
    return error
  }
  throw new Error("expected a rejection")
}

import { afterEach, describe, expect, it } from "vitest"
import {
  createMiaSandbox,
  createSandboxClock,
  type MiaSandbox,
  SandboxPaymentError
} from "../../src/index.js"
import { type CallbackReceiver, startCallbackReceiver } from "../support/callback-receiver.js"
import { ALIAS, START } from "./support/rtp-bank.js"

let sandbox: MiaSandbox | undefined
let receiver: CallbackReceiver | undefined
afterEach(async () => {
  await sandbox?.close()
  await receiver?.close()
})

/** A sandbox on loopback, reached with plain fetch as a phone app or curl would. */
const setup = async () => {
  receiver = await startCallbackReceiver()
  sandbox = createMiaSandbox({ callbackRetryDelays: [5], clock: createSandboxClock(START) })
  const { url } = await sandbox.listen()
  const json = async (method: string, path: string, body?: unknown, token?: string) => {
    const response = await fetch(`${url}${path}`, {
      method,
      headers: {
        ...(body === undefined ? {} : { "content-type": "application/json" }),
        ...(token === undefined ? {} : { authorization: `Bearer ${token}` })
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) })
    })
    return { status: response.status, body: await response.json() }
  }
  const { clientId, clientSecret } = sandbox.credentials
  const token = (await json("POST", "/v2/auth/token", { clientId, clientSecret })).body.result.accessToken
  const create = async (overrides: Record<string, unknown> = {}) =>
    (
      await json(
        "POST",
        "/v2/rtp",
        {
          alias: ALIAS,
          amount: 99.99,
          currency: "MDL",
          description: "Coffee beans",
          orderId: "A-1",
          expiresAt: "2026-03-01T10:30:00Z",
          callbackUrl: `${receiver!.url}/cb`,
          ...overrides
        },
        token
      )
    ).body.result.rtpId as string
  return { sandbox, json, create, token }
}

describe("the payer's phone (RTP inbox)", () => {
  it("lists a phone's pending requests over HTTP without a token, newest first", async () => {
    const { sandbox, json, create } = await setup()
    const first = await create({ orderId: "A-1" })
    sandbox.clock.advance(1000)
    const second = await create({ orderId: "A-2" })
    await create({ alias: "37360000000" })
    const inbox = await json("GET", `/v2/sandbox/rtp/inbox/${ALIAS}`)
    expect(inbox.status).toBe(200)
    expect(inbox.body).toEqual({
      result: {
        alias: ALIAS,
        items: [
          {
            rtpId: second,
            alias: ALIAS,
            orderId: "A-2",
            status: "Created",
            amount: 99.99,
            currency: "MDL",
            description: "Coffee beans",
            createdAt: "2026-03-01T10:00:01.0000000+00:00",
            expiresAt: "2026-03-01T10:30:00Z"
          },
          expect.objectContaining({ rtpId: first })
        ]
      },
      ok: true
    })
    expect(sandbox.rtp.inbox(ALIAS).map((item) => item.rtpId)).toEqual([second, first])
    const bad = await json("GET", "/v2/sandbox/rtp/inbox/+37369112221")
    expect([bad.status, bad.body.errors[0].errorCode]).toEqual([400, "12000"])
  })

  it("accepts over HTTP: payment answer, callback, and the request leaves the inbox", async () => {
    const { sandbox, json, create, token } = await setup()
    const rtpId = await create()
    const accepted = await json("POST", `/v2/sandbox/rtp/inbox/${rtpId}/accept`, { payerName: "Ion P." })
    expect(accepted.body.result).toMatchObject({
      rtpId,
      rtpStatus: "Accepted",
      payId: expect.any(String),
      amount: 99.99,
      payerName: "Ion P.",
      payerIban: "MD88AG000000011621810140"
    })
    const delivery = await sandbox.deliveries.waitFor({ rtpId, status: "delivered" })
    expect(delivery.body.result.payerName).toBe("Ion P.")
    expect((await json("GET", `/v2/sandbox/rtp/inbox/${ALIAS}`)).body.result.items).toEqual([])
    expect((await json("GET", `/v2/rtp/${rtpId}`, undefined, token)).body.result.status).toBe("Accepted")
    const again = await json("POST", `/v2/sandbox/rtp/inbox/${rtpId}/accept`)
    expect([again.status, again.body.errors[0].errorCode]).toEqual([409, "24005"])
  })

  it("declines over HTTP: Rejected, no callback", async () => {
    const { sandbox, json, create } = await setup()
    const rtpId = await create()
    const rejected = await json("POST", `/v2/sandbox/rtp/inbox/${rtpId}/reject`)
    expect(rejected.body.result).toMatchObject({ rtpId, status: "Rejected", alias: ALIAS })
    expect(sandbox.deliveries.list()).toEqual([])
    const unknown = await json("POST", "/v2/sandbox/rtp/inbox/6d24e4a5-c6bf-4d3e-bf7a-8d2123faf4e9/reject")
    expect([unknown.status, unknown.body.errors[0].errorCode]).toEqual([404, "23000"])
  })

  it("drops expired requests from the inbox as the sandbox clock moves", async () => {
    const { sandbox, json, create } = await setup()
    await create()
    sandbox.clock.advance(30 * 60_000)
    expect((await json("GET", `/v2/sandbox/rtp/inbox/${ALIAS}`)).body.result.items).toEqual([])
  })

  it("works in code: sandbox.rtp.inbox / accept / reject / list", async () => {
    const { sandbox, create } = await setup()
    const one = await create()
    const two = await create()
    await sandbox.rtp.reject(two)
    const payment = await sandbox.rtp.accept(one, { payerIban: "MD24AG000225100014156789" })
    expect(payment).toMatchObject({ rtpId: one, payerIban: "MD24AG000225100014156789", payerName: "John D." })
    expect(sandbox.rtp.list({ alias: ALIAS }).map((request) => request.status)).toEqual([
      "Accepted",
      "Rejected"
    ])
    expect(sandbox.rtp.get(one)?.payId).toBe(payment.payId)
    await expect(sandbox.rtp.accept(two)).rejects.toBeInstanceOf(SandboxPaymentError)
    expect(() => sandbox.rtp.inbox("069112221")).toThrow(RangeError)
    sandbox.reset()
    expect(sandbox.rtp.list()).toEqual([])
  })
})

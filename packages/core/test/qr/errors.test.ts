import { HttpResponse } from "msw"
import { afterEach, describe, expect, it } from "vitest"
import {
  createMiaQrClient,
  isMiaError,
  MiaApiError,
  MiaAuthError,
  type MiaQrPromiseClient,
  MiaResponseError
} from "../../src/index.js"
import { BASE_URL, CLIENT_ID, CLIENT_SECRET, fail, fakeBank, ok, QR_ID, qrDetails } from "./fake-bank.js"

const bank = fakeBank()
let client: MiaQrPromiseClient

afterEach(async () => {
  await client?.close()
})

const makeClient = () => {
  client = createMiaQrClient({
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    baseUrl: BASE_URL,
    retryBaseDelayMs: 0
  })
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

describe("envelope and error mapping", () => {
  it("an error envelope with HTTP 200 is a MiaApiError, not a success", async () => {
    bank.on(`GET /v2/mia/qr/${QR_ID}`, () =>
      HttpResponse.json({
        errors: [
          {
            errorCode: "maib.merchant.payments-13000",
            errorMessage: "QR {{qrId}} is not found.",
            errorArgs: { qrId: QR_ID }
          }
        ]
      })
    )
    makeClient()
    const error = await rejection(client.getQr(QR_ID))
    expect(error).toBeInstanceOf(MiaApiError)
    const apiError = error as MiaApiError
    expect(apiError.status).toBe(200)
    expect(apiError.errors).toEqual([
      {
        errorCode: "maib.merchant.payments-13000",
        errorMessage: "QR {{qrId}} is not found.",
        errorArgs: { qrId: QR_ID }
      }
    ])
    expect(apiError.message).toContain(`QR ${QR_ID} is not found.`)
    expect(apiError.hasCode("13000")).toBe(true)
    expect(apiError.retryable).toBe(false)
    expect(bank.apiCalls()).toHaveLength(1)
  })

  it("ok: false with HTTP 200 is an error even without errors[]", async () => {
    bank.on(`GET /v2/mia/qr/${QR_ID}`, () => HttpResponse.json({ ok: false, result: qrDetails }))
    makeClient()
    const error = await rejection(client.getQr(QR_ID))
    expect(error).toBeInstanceOf(MiaApiError)
    expect((error as MiaApiError).errors).toEqual([])
  })

  it("a 409 carries every errors[] entry, the status, the operation and the raw body", async () => {
    const errors = [
      { errorCode: "14005", errorMessage: "QR {{qrId}} is already cancelled.", errorArgs: { qrId: QR_ID } },
      {
        errorCode: 14019,
        errorMessage: "QR code's state does not allow this operation: `{{state}}`.",
        errorArgs: { state: "Paid" }
      }
    ]
    bank.on(`POST /v2/mia/qr/${QR_ID}/cancel`, () => fail(409, errors))
    makeClient()
    const error = (await rejection(client.cancelQr(QR_ID, { reason: "x" }))) as MiaApiError
    expect(error).toBeInstanceOf(MiaApiError)
    expect(error._tag).toBe("MiaApiError")
    expect(error.status).toBe(409)
    expect(error.operation).toBe("cancelQr")
    expect(error.errors.map((entry) => entry.errorCode)).toEqual(["14005", "14019"])
    expect(error.code).toBe("14005")
    expect(error.hasCode("maib.merchant.payments-14019")).toBe(true)
    expect(error.body).toEqual({ errors, ok: false })
    expect(error.message).toContain("already cancelled")
    expect(error.message).toContain("does not allow this operation: `Paid`")
    expect(isMiaError(error)).toBe(true)
  })

  it("a non-JSON body is a MiaResponseError with a snippet", async () => {
    bank.on(
      `GET /v2/mia/qr/${QR_ID}`,
      () =>
        new HttpResponse("<html>Bad gateway</html>", {
          status: 200,
          headers: { "content-type": "text/html" }
        })
    )
    makeClient()
    const error = (await rejection(client.getQr(QR_ID))) as MiaResponseError
    expect(error).toBeInstanceOf(MiaResponseError)
    expect(error.reason).toBe("not_json")
    expect(error.status).toBe(200)
    expect(error.bodySnippet).toContain("Bad gateway")
    expect(error.retryable).toBe(false)
  })

  it("the firewall's 403 { supportId } (no envelope) is a MiaApiError with status 403", async () => {
    bank.on(`GET /v2/mia/qr/${QR_ID}`, () => HttpResponse.json({ supportID: "1234567890" }, { status: 403 }))
    makeClient()
    const error = (await rejection(client.getQr(QR_ID))) as MiaApiError
    expect(error).toBeInstanceOf(MiaApiError)
    expect(error.status).toBe(403)
    expect(error.body).toEqual({ supportID: "1234567890" })
    expect(error.message).toContain("Forbidden")
  })

  it("JSON without the envelope and a 2xx status is a MiaResponseError", async () => {
    bank.on(`GET /v2/mia/qr/${QR_ID}`, () => HttpResponse.json(qrDetails))
    makeClient()
    const error = (await rejection(client.getQr(QR_ID))) as MiaResponseError
    expect(error).toBeInstanceOf(MiaResponseError)
    expect(error.reason).toBe("not_an_envelope")
  })

  it("a result missing a needed field is a MiaResponseError naming the path", async () => {
    bank.on(`GET /v2/mia/qr/${QR_ID}`, () => ok({ ...qrDetails, qrId: undefined }))
    makeClient()
    const error = (await rejection(client.getQr(QR_ID))) as MiaResponseError
    expect(error).toBeInstanceOf(MiaResponseError)
    expect(error.reason).toBe("unexpected_result")
    expect(error.message).toContain("qrId")
  })

  it("refused credentials are a MiaAuthError that never shows the secret", async () => {
    bank.on("POST /v2/auth/token", () =>
      fail(401, [
        {
          errorCode: "11000",
          errorMessage: "Invalid credentials. Please check 'clientId' and 'clientSecret'."
        }
      ])
    )
    makeClient()
    const error = (await rejection(client.getQr(QR_ID))) as MiaAuthError
    expect(error).toBeInstanceOf(MiaAuthError)
    expect(error.status).toBe(401)
    expect(error.errors[0]?.errorCode).toBe("11000")
    expect(error.retryable).toBe(false)
    expect(bank.tokenCalls()).toHaveLength(1)
    expect(bank.apiCalls()).toHaveLength(0)
    for (const text of [error.message, String(error), JSON.stringify(error), error.stack ?? ""]) {
      expect(text).not.toContain(CLIENT_SECRET)
    }
  })

  it("a token response without a token is a MiaResponseError that does not echo the body", async () => {
    bank.on("POST /v2/auth/token", () => ok({ accessToken: "x", expiresIn: "soon" }))
    makeClient()
    const error = (await rejection(client.getQr(QR_ID))) as MiaResponseError
    expect(error).toBeInstanceOf(MiaResponseError)
    expect(error.bodySnippet).toBe("")
    expect(error.message).not.toContain("soon")
  })

  it("every error class is a real Error with a readable name", async () => {
    bank.on(`GET /v2/mia/qr/${QR_ID}`, () =>
      fail(404, [{ errorCode: "13000", errorMessage: "QR {{qrId}} is not found." }])
    )
    makeClient()
    const error = (await rejection(client.getQr(QR_ID))) as MiaApiError
    expect(error).toBeInstanceOf(Error)
    expect(error.name).toBe("MiaApiError")
    expect(error.stack).toContain("MiaApiError")
  })
})

describe("token responses the client cannot use", () => {
  it("an empty accessToken is a MiaResponseError and nothing else is sent", async () => {
    bank.on("POST /v2/auth/token", () => ok({ accessToken: "", expiresIn: 300 }))
    client = createMiaQrClient({
      clientId: CLIENT_ID,
      clientSecret: CLIENT_SECRET,
      baseUrl: BASE_URL,
      maxRetries: 0
    })
    const error = (await rejection(client.getQr(QR_ID))) as MiaResponseError
    expect(error).toBeInstanceOf(MiaResponseError)
    expect(error.operation).toBe("token")
    expect(bank.apiCalls()).toHaveLength(0)
  })
})

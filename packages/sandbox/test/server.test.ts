import { describe, expect, it } from "vitest"
import { createMiaSandbox } from "../src/index.js"

const token = async (url: string, credentials: { clientId: string; clientSecret: string }) => {
  const response = await fetch(`${url}/v2/auth/token`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(credentials)
  })
  return { status: response.status, body: await response.json() }
}

describe("sandbox.listen()", () => {
  it("serves the bank on a free loopback port and stops on close()", async () => {
    const sandbox = createMiaSandbox()
    const server = await sandbox.listen({ port: 0 })
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    expect(server.url).toBe(`http://127.0.0.1:${server.port}`)
    const answer = await token(server.url, sandbox.credentials)
    expect(answer.status).toBe(200)
    expect(answer.body.result.tokenType).toBe("Bearer")
    await server.close()
    await expect(fetch(`${server.url}/v2/auth/token`, { method: "POST" })).rejects.toThrow()
  })

  it("shares one bank between servers and closes them all with sandbox.close()", async () => {
    const sandbox = createMiaSandbox()
    const [first, second] = await Promise.all([sandbox.listen(), sandbox.listen()])
    const { accessToken } = (await token(first.url, sandbox.credentials)).body.result
    const list = await fetch(`${second.url}/v2/mia/qr`, {
      headers: { authorization: `Bearer ${accessToken}` }
    })
    expect(list.status).toBe(200)
    await sandbox.close()
    await expect(fetch(`${first.url}/v2/mia/qr`)).rejects.toThrow()
    await expect(fetch(`${second.url}/v2/mia/qr`)).rejects.toThrow()
  })

  it("turns a drop fault into a closed connection", async () => {
    const sandbox = createMiaSandbox({ faults: [{ times: 1, fault: { type: "drop" } }] })
    const server = await sandbox.listen()
    await expect(fetch(`${server.url}/v2/mia/qr`)).rejects.toThrow(/fetch failed/)
    expect((await fetch(`${server.url}/v2/mia/qr`)).status).toBe(401)
    await sandbox.close()
  })

  it("passes headers and bodies through unchanged, firewall included", async () => {
    const sandbox = createMiaSandbox()
    const server = await sandbox.listen()
    const withType = await fetch(`${server.url}/v2/mia/qr`, {
      headers: { "content-type": "application/json" }
    })
    expect(withType.status).toBe(403)
    const wrong = await token(server.url, { clientId: "x", clientSecret: "y" })
    expect(wrong.status).toBe(401)
    expect(wrong.body.errors[0].errorCode).toBe("11000")
    await sandbox.close()
  })

  it("closes its servers when disposed", async () => {
    const sandbox = createMiaSandbox()
    const server = await sandbox.listen()
    await sandbox[Symbol.asyncDispose]()
    await expect(fetch(`${server.url}/v2/mia/qr`)).rejects.toThrow()
  })

  it("rejects when the port is taken", async () => {
    const sandbox = createMiaSandbox()
    const server = await sandbox.listen()
    await expect(sandbox.listen({ port: server.port })).rejects.toThrow(/EADDRINUSE/)
    await sandbox.close()
  })
})

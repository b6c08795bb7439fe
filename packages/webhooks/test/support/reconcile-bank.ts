import { createMiaQrClient } from "@mia-sdk/core"
import { createMiaSandbox, createSandboxClock, type SandboxClock } from "@mia-sdk/sandbox"
import type { ReconciliationPort } from "../../src/index.js"
import type { TestBank } from "./bank.js"

/** The sandbox bank on loopback with a frozen clock: the shop, the reconciler and the bank share it. */
export const startClockedBank = async (): Promise<TestBank & { readonly clock: SandboxClock }> => {
  const clock = createSandboxClock(Math.floor(Date.now() / 1000) * 1000)
  const sandbox = createMiaSandbox({ clock, callbackRetryDelays: [3_600_000] })
  const server = await sandbox.listen({ port: 0, host: "127.0.0.1" })
  const { clientId, clientSecret, signatureKey } = sandbox.credentials
  const client = createMiaQrClient({
    clientId,
    clientSecret,
    baseUrl: server.url,
    maxRetries: 0,
    timeoutMs: 5_000
  })
  return {
    clock,
    sandbox,
    server,
    client,
    signatureKey,
    async callbackBody(filter) {
      const delivery = await sandbox.deliveries.waitFor({ ...filter, minAttempts: 1 })
      return JSON.stringify(delivery.body)
    },
    async close() {
      await client.close()
      await server.close()
      await sandbox.close()
    }
  }
}

/** One request the reconciler made through the client: the method and its first argument. */
export interface BankCall {
  readonly method: string
  readonly arg: unknown
}

const RECONCILIATION_METHODS = new Set<PropertyKey>(["listPayments", "getQr", "getPayment"])

/** The real client behind a Proxy that records every reconciliation request it forwards. */
export const countingClient = (client: ReconciliationPort) => {
  const calls: Array<BankCall> = []
  const api = new Proxy(client, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver)
      if (typeof value !== "function" || !RECONCILIATION_METHODS.has(property)) return value
      return (...args: Array<unknown>) => {
        calls.push({ method: String(property), arg: args[0] })
        return value.apply(target, args)
      }
    }
  })
  return { api, calls }
}

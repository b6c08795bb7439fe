import type { ReconciliationPort } from "../../src/index.js"

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

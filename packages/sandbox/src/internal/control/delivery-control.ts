import type { CallbackDelivery, DeliveryFilter, DeliveryLog } from "../../deliveries.js"
import { invalidRequest } from "../error-catalog.js"
import { fail, type Outcome, succeed } from "../outcome.js"
import { badParameter, unknownField, wholeNumberIn } from "./control-fields.js"

const KINDS: ReadonlyArray<CallbackDelivery["kind"]> = ["payment", "refund", "rtp"]
const STATUSES: ReadonlyArray<CallbackDelivery["status"]> = ["pending", "delivered", "failed"]
const TEXT_FILTERS = ["id", "qrId", "rtpId", "payId", "refundId"] as const

/** Reads a `DeliveryFilter` from the query string; every name and value is checked. */
const filterFrom = (query: URLSearchParams): Outcome<DeliveryFilter> => {
  const unknown = unknownField(query.keys(), [...TEXT_FILTERS, "kind", "status", "minAttempts"])
  if (unknown) return fail(unknown)
  const filter: { -readonly [K in keyof DeliveryFilter]: DeliveryFilter[K] } = {}
  for (const name of TEXT_FILTERS) {
    const value = query.get(name)
    if (value !== null) filter[name] = value
  }
  const kind = query.get("kind")
  if (kind !== null) {
    const known = KINDS.find((candidate) => candidate === kind)
    if (known === undefined) return fail(badParameter("kind", KINDS.join(", ")))
    filter.kind = known
  }
  const status = query.get("status")
  if (status !== null) {
    const known = STATUSES.find((candidate) => candidate === status)
    if (known === undefined) return fail(badParameter("status", STATUSES.join(", ")))
    filter.status = known
  }
  const minAttempts = query.get("minAttempts")
  if (minAttempts !== null) {
    const count = /^\d+$/.test(minAttempts) ? wholeNumberIn(Number(minAttempts), 0, 1000) : undefined
    if (count === undefined) return fail(badParameter("minAttempts", "a whole number >= 0"))
    filter.minAttempts = count
  }
  return succeed(filter)
}

/** `GET /v2/sandbox/deliveries?status=failed&...`: `sandbox.deliveries.list(filter)`, oldest first. */
export const listDeliveries = (
  log: DeliveryLog,
  query: URLSearchParams
): Outcome<{ readonly items: ReadonlyArray<CallbackDelivery> }> => {
  const filter = filterFrom(query)
  return filter.ok ? succeed({ items: log.list(filter.value) }) : filter
}

/** `POST /v2/sandbox/deliveries/{id}/redeliver`: `sandbox.deliveries.redeliver(id)`, answered after the attempt. */
export const redeliver = async (log: DeliveryLog, id: string): Promise<Outcome<CallbackDelivery>> => {
  const delivery = await log.redeliver(id)
  if (delivery === undefined) {
    return fail({
      ...invalidRequest(`There is no callback delivery ${id}; GET /v2/sandbox/deliveries lists them`),
      status: 404
    })
  }
  return succeed(delivery)
}

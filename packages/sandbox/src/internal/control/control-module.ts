import type { SandboxClock } from "../../clock.js"
import type { DeliveryLog } from "../../deliveries.js"
import type { FaultControls } from "../../faults.js"
import type { SandboxRouteModule } from "../../route-module.js"
import { type ApiRoute, createApiModule } from "../api-module.js"
import type { AccessTokens } from "../mia/access-tokens.js"
import { succeed } from "../outcome.js"
import type { RouteTemplate } from "../route-table.js"
import { advanceClock, readClock, setClock } from "./clock-control.js"
import { listDeliveries, redeliver } from "./delivery-control.js"
import { addFault, clearFaults, listFaults, removeFault, setCallbackFaults } from "./fault-control.js"

/** The in-code APIs the control endpoints drive: the very objects `sandbox.clock` etc. are. */
export interface ControlTargets {
  readonly clock: SandboxClock
  readonly deliveries: DeliveryLog
  readonly faults: FaultControls
  /** `sandbox.reset()`. */
  readonly reset: () => void
}

/** The paths of the control endpoints (the payer's phone, `/v2/sandbox/rtp/`, is not one of them). */
export const CONTROL_PATHS = /^\/v2\/sandbox\/(clock|reset|deliveries|faults)(\/|$)/i

const routeTable = (targets: ControlTargets): ReadonlyArray<RouteTemplate<ApiRoute>> => {
  const route = (method: string, path: string, run: ApiRoute["run"]) => ({
    method,
    path: `/v2/sandbox${path}`,
    route: { authenticated: false, sandboxOnly: true, run }
  })
  const { clock, deliveries, faults } = targets
  return [
    route("GET", "/clock", () => succeed(readClock(clock))),
    route("POST", "/clock/advance", ({ body }) => advanceClock(clock, body)),
    route("POST", "/clock/set", ({ body }) => setClock(clock, body)),
    route("POST", "/reset", () => {
      targets.reset()
      return succeed({ reset: true })
    }),
    route("GET", "/deliveries", ({ query }) => listDeliveries(deliveries, query)),
    route("POST", "/deliveries/{id}/redeliver", ({ params }) => redeliver(deliveries, params.id ?? "")),
    route("GET", "/faults", () => succeed(listFaults(faults))),
    route("POST", "/faults", ({ body }) => addFault(faults, body)),
    route("DELETE", "/faults", () => succeed(clearFaults(faults))),
    route("DELETE", "/faults/{id}", ({ params }) => removeFault(faults, params.id ?? "")),
    route("POST", "/faults/callbacks", ({ body }) => setCallbackFaults(faults, body))
  ]
}

/**
 * The sandbox's control endpoints under `/v2/sandbox/`: clock, reset, callback deliveries and
 * faults over HTTP, for merchants who test from PHP, Python or curl. Every route calls the same
 * in-code API a JavaScript test calls. No token; and the bank's quirks (errors with HTTP 200,
 * namespaced codes, the firewall) do not apply: this is the sandbox's console, not the bank.
 */
export const createControlModule = (targets: ControlTargets, tokens: AccessTokens): SandboxRouteModule =>
  createApiModule(CONTROL_PATHS, routeTable(targets), tokens, {
    envelope: { errorCodes: "numeric", errorsWithHttp200: false },
    firewall: false
  })

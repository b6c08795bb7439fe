import { createMiaPosClient, type CreateMiaPosClientOptions, type MiaPosPromiseClient } from "@mia-sdk/core"
import { SELLER, TERMINAL, testDevice } from "./device.js"
import type { PosSandboxServer } from "./pos-sandbox-server.js"

/** A Promise client on the loopback simulator; `extra` overrides any option. */
export const posClient = (
  server: PosSandboxServer,
  extra: Partial<CreateMiaPosClientOptions> = {}
): MiaPosPromiseClient =>
  createMiaPosClient({ baseUrl: server.baseUrl, device: testDevice, maxRetries: 0, ...extra })

/** Activates terminal 10001 with the OTP from the simulator's inbox. */
export const activate = async (server: PosSandboxServer, pos: MiaPosPromiseClient, terminal = TERMINAL) => {
  const started = await pos.activation.init(terminal)
  const otpCode = server.sandbox.inbox.latestCode({ terminalActivationId: started.terminalActivationId })
  if (otpCode === undefined) throw new Error("the simulator sent no OTP")
  await pos.activation.confirm({ otpCode })
  return started.terminalActivationId
}

/** Activates and logs the default seller in. */
export const activateAndLogIn = async (server: PosSandboxServer, pos: MiaPosPromiseClient) => {
  const terminalActivationId = await activate(server, pos)
  await pos.seller.login(SELLER)
  return terminalActivationId
}

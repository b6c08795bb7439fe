import {
  createMemoryPosSessionStore,
  createMiaPosClient,
  type CreateMiaPosClientOptions
} from "../../../src/index.js"
import { testDevice } from "./device.js"

export const BASE_URL = "https://miapos.bank.test"
export const ACTIVATION_ID = "e559d17a-a29b-49c0-878b-af3de2495d39"

/** A session that is activated and logged in, so msw tests start at the interesting request. */
export const loggedInStore = (accessToken = "access-1", refreshToken = "refresh-1") =>
  createMemoryPosSessionStore({
    terminalActivationId: ACTIVATION_ID,
    shiftId: "77",
    tokens: { accessToken, refreshToken, accessTokenExpiresAt: Date.now() + 3_600_000 }
  })

/** A Promise client for msw tests: no retries unless asked, logged in unless a store is given. */
export const mswClient = (extra: Partial<CreateMiaPosClientOptions> = {}) =>
  createMiaPosClient({
    baseUrl: BASE_URL,
    device: testDevice,
    sessionStore: loggedInStore(),
    maxRetries: 0,
    ...extra
  })

/** The body the MiaPos API answers a successful operation with. */
export const ok = (fields: Record<string, unknown> = {}) => ({ result: "success", ...fields })

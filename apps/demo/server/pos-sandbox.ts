import type { PosSandboxOptions } from "@mia-sdk/sandbox"
import type { PosDefaults } from "../shared/types.js"

const terminal = {
  terminalId: "20001",
  merchantIdno: "1003600077777",
  merchantName: "Cafeneaua Mia SRL",
  storeName: "Cafeneaua Mia, Centru",
  storeAddress: "bd. Stefan cel Mare 75, Chisinau",
  phoneNumber: "+37369123456",
  posId: 1,
  mcc: "5814"
}

const seller = { id: 1, username: "cashier", password: "mia-demo", fullName: "Ana Rusu" }

/**
 * The café's till in the embedded MiaPos simulator: one terminal, one cashier, dynamic QRs with a
 * fixed amount that live five minutes.
 * @example
 * const pos = createPosSandbox(DEMO_POS_SANDBOX)
 */
export const DEMO_POS_SANDBOX: PosSandboxOptions = {
  terminals: [{ ...terminal, settings: { qrType: "dynamic", qrAmountType: "fixed", qrTtl: 300 } }],
  sellers: [seller],
  bank: { bankName: "maib (embedded sandbox)" }
}

/**
 * What the cashier screen prefills with the embedded sandbox (a real terminal's come from the bank).
 * @example
 * DEMO_POS_DEFAULTS.username // "cashier"
 */
export const DEMO_POS_DEFAULTS: PosDefaults = {
  terminalId: terminal.terminalId,
  merchantIdno: terminal.merchantIdno,
  username: seller.username,
  password: seller.password
}

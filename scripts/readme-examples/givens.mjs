// What a README fragment may take as given: `<!-- example: typecheck; given: app, store -->` puts
// these lines in front of the block before it is type-checked. Two kinds:
// - `declare` lines stand for the reader's own code (a route's raw body, their Express app, a
//   session lookup): a block that needs one can only be type-checked, never run;
// - `import` lines stand for an import shown in an earlier block of the same section: a block with
//   only those may still run.
// Keep the types honest: they are what the SDK's own types say the reader would have.

const qrClient = 'ReturnType<typeof import("@mia-sdk/core").createMiaQrClient>'
const posClient = 'ReturnType<typeof import("@mia-sdk/core").createMiaPosClient>'

/** @type {Readonly<Record<string, string>>} */
export const GIVENS = {
  // The reader's values and functions.
  app: 'declare const app: import("express").Express',
  amount: "declare const amount: number",
  authorize: 'declare const authorize: (req: import("@mia-sdk/express").MiaRequest) => boolean',
  askCashier: "declare function askCashier(question: string): Promise<string>",
  baseUrl: "declare const baseUrl: string",
  cashierOf:
    'declare function cashierOf(req: import("@mia-sdk/express").MiaRequest): Promise<{ email: string } | undefined>',
  checkout: 'declare const checkout: import("@mia-sdk/webhooks").MiaCheckout',
  client: `declare const client: ${qrClient}`,
  device: 'declare const device: import("@mia-sdk/core").PosDeviceInfo',
  LoginForm:
    'declare function LoginForm(props: { onSubmit: (body: { username: string; password: string }) => unknown; error?: string | undefined }): import("react").ReactElement',
  markPaid: "declare function markPaid(orderId: string | undefined, payId: string): Promise<void>",
  mia: `declare const mia: ${qrClient}`,
  otherRtpId: "declare const otherRtpId: string",
  pos: `declare const pos: ${posClient}`,
  print: "declare function print(bytes: Uint8Array): void",
  qrId: "declare const qrId: string",
  qrIdOrScannedUrl: "declare const qrIdOrScannedUrl: string",
  qrUrl: "declare const qrUrl: string",
  rawBody: "declare const rawBody: string",
  render: "declare function render(snapshot: unknown): void",
  request: "declare const request: Request",
  response:
    "declare const response: { status(code: number): { json(body: unknown): void } } // your framework's response",
  sandbox: 'declare const sandbox: import("@mia-sdk/sandbox").MiaSandbox',
  sessionStore: 'declare const sessionStore: import("@mia-sdk/core").PosSessionStore',
  shopperOf: "declare function shopperOf(request: Request): Promise<{ orderIds: string[] } | undefined>",
  showQr: "declare function showQr(text: string): void",
  staffOf: "declare function staffOf(request: Request): Promise<{ email: string } | undefined>",
  storedPayId: "declare const storedPayId: string",
  store: 'declare const store: import("@mia-sdk/webhooks").OrderStore',
  terminal: "declare const terminal: { terminalId: string; merchantIdno: string }",

  // Imports shown in an earlier block of the same section.
  createMiaQrClient: 'import { createMiaQrClient } from "@mia-sdk/core"',
  createMiaPosClient: 'import { createMiaPosClient } from "@mia-sdk/core"',
  createMiaSandbox: 'import { createMiaSandbox } from "@mia-sdk/sandbox"',
  miaPos: 'import { miaPos } from "@mia-sdk/express"',
  pg: 'import pg from "pg"'
}

/** Whether a given is an import (a block with only those can still run). */
export const isImportGiven = (name) => GIVENS[name]?.startsWith("import ") === true

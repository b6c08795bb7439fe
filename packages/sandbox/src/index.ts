export type { SandboxPayment, SandboxQr, SandboxRefund, SandboxTestPayResult } from "./bank-views.js"
export { createSandboxClock } from "./clock.js"
export type { SandboxClock } from "./clock.js"
export { createMiaSandbox } from "./create-mia-sandbox.js"
export type {
  CallbackDelivery,
  DeliveryAttempt,
  DeliveryFilter,
  DeliveryLog,
  DeliveryStatus
} from "./deliveries.js"
export type { CallbackFaults, FaultControls, FaultHandle, FaultRule, SandboxFault } from "./faults.js"
export { DEFAULT_CALLBACK_RETRY_DELAYS, DEFAULT_SANDBOX_CREDENTIALS } from "./options.js"
export type { MiaSandboxOptions, SandboxQuirks } from "./options.js"
export type { SandboxRouteModule } from "./route-module.js"
export type { SandboxRtpOptions } from "./rtp-options.js"
export type { RtpSandbox, SandboxRtpFilter } from "./rtp-sandbox.js"
export type {
  SandboxRtp,
  SandboxRtpInboxItem,
  SandboxRtpPayer,
  SandboxRtpPayment,
  SandboxRtpStatus
} from "./rtp-views.js"
export { SandboxPaymentError } from "./sandbox.js"
export type {
  MiaSandbox,
  SandboxCredentials,
  SandboxListenOptions,
  SandboxPayInput,
  SandboxServer,
  SandboxState
} from "./sandbox.js"
export * from "./pos/index.js"

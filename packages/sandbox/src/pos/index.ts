export { createPosSandbox } from "./create-pos-sandbox.js"
export type { PosSandbox } from "./create-pos-sandbox.js"
export type { PosSandboxRoute } from "./sandbox-route.js"
export type { PosPaymentOutcome, PosPaymentRefusal, PosPaymentRequest } from "./internal/pay-qr.js"
export { POS_SANDBOX_DEFAULTS } from "./options.js"
export type {
  PosBankInfo,
  PosOtpOptions,
  PosQrAmountType,
  PosQrSettings,
  PosQrType,
  PosQuirks,
  PosSandboxOptions,
  PosSellerConfig,
  PosTerminalConfig
} from "./options.js"
export type { PosOtpInbox, PosOtpInboxFilter, PosOtpMessage } from "./otp-inbox.js"
export type {
  PosActivationRecord,
  PosExtensionRecord,
  PosQrRecord,
  PosQrStatus,
  PosRecordedRequest,
  PosSessionRecord,
  PosSettingsRecord,
  PosShiftRecord,
  PosTransactionRecord
} from "./records.js"
export type { PosReportFormat } from "./reports/report-response.js"
export type { PosSandboxState } from "./state.js"

export { DEFAULT_POS_TIME_ZONE, formatPosDateTime, parsePosDateTime, withPosOffset } from "./date-time.js"
export {
  isMiaPosError,
  type KnownPosResultCode,
  type MiaPosError,
  MiaPosResultError,
  MiaPosSessionError,
  type MiaPosSessionErrorReason
} from "./errors/index.js"
export type {
  PosActivationConfirmInput,
  PosActivationInitInput,
  PosActivationRef,
  PosAmounts,
  PosCreateQrInput,
  PosGetQrOptions,
  PosLegacyZReportInput,
  PosListActiveQrsFilter,
  PosListTransactionsInput,
  PosQrV1CreateInput,
  PosReceiptInput,
  PosReturnInput,
  PosSellerCredentials,
  PosSetQrSettingsInput,
  PosShiftReportInput,
  PosZReportInput
} from "./inputs.js"
export { makeMiaPosClient, makeMiaPosClientWithHttpClient } from "./make-client.js"
export { MiaPosClient, type MiaPosClientConfigOverrides, miaPosClientConfig } from "./mia-pos-client.js"
export type {
  PosActivationConfirmed,
  PosActivationStarted,
  PosOtpResent,
  PosTerminalInfo
} from "./model/activation.js"
export type { OpenString, PosPlatformType, PosQrAmountType, PosQrType } from "./model/common.js"
export type {
  PosExtensionStatus,
  PosQr,
  PosQrExtension,
  PosQrLookup,
  PosQrState,
  PosQrV1,
  PosQrV1Status
} from "./model/qr.js"
export type {
  PosLegacyZReport,
  PosReceiptData,
  PosReport,
  PosReportFormat,
  PosReportTransaction,
  PosShiftReportData
} from "./model/report.js"
export type { PosSellerInfo, PosSellerLoggedIn } from "./model/seller.js"
export type { PosQrSettings } from "./model/settings.js"
export type { PosShift } from "./model/shift.js"
export type {
  PosReturnRequested,
  PosTransaction,
  PosTransactionDetails,
  PosTransactionPage,
  PosTransactionType
} from "./model/transaction.js"
export type { MiaPosClientOptions, PosDeviceInfo } from "./options.js"
export {
  type CreateMiaPosClientOptions,
  createMiaPosClient,
  type MiaPosPromiseClient
} from "./promise-client.js"
export {
  defaultPosRoutes,
  type PosHttpMethod,
  type PosOperation,
  type PosRoute,
  type PosRouteOverrides,
  type PosRouteTable
} from "./routes.js"
export {
  createMemoryPosSessionStore,
  type PosSession,
  type PosSessionStore,
  type PosTokens,
  parsePosSession
} from "./session/index.js"
export type {
  MiaPosClientService,
  PosActivationApi,
  PosQrApi,
  PosQrV1Api,
  PosReportOf,
  PosReportsApi,
  PosSellerApi,
  PosSessionApi,
  PosSessionInfo,
  PosSettingsApi,
  PosShiftApi,
  PosTransactionsApi
} from "./service.js"

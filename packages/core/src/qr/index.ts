export { MIA_BASE_URLS, type MiaEnvironment } from "./environment.js"
export type {
  MiaCancelExtensionInput,
  MiaCancelQrInput,
  MiaCreateHybridQrInput,
  MiaCreateQrInput,
  MiaExtensionInput,
  MiaListExtensionsFilter,
  MiaListPaymentsFilter,
  MiaListQrsFilter,
  MiaRefundInput,
  MiaTestPayInput
} from "./inputs.js"
export { makeMiaQrClient, makeMiaQrClientWithHttpClient } from "./make-client.js"
export { MiaQrClient, type MiaQrClientConfigOverrides, miaQrClientConfig } from "./mia-qr-client.js"
export type { MiaQrClientOptions } from "./options.js"
export {
  type CreateMiaQrClientOptions,
  createMiaQrClient,
  type MiaPlainAccessToken,
  type MiaQrPromiseClient
} from "./promise-client.js"
export type {
  MiaAmountType,
  MiaPaymentStatus,
  MiaQrStatus,
  MiaQrType,
  MiaRefundStatus
} from "./schemas/common.js"
export type { MiaPage } from "./schemas/page.js"
export type { MiaPayment, MiaRefundResult, MiaTestPayResult } from "./schemas/payment.js"
export type {
  MiaCancelQrResult,
  MiaCreateHybridQrResult,
  MiaCreateQrResult,
  MiaExtensionResult,
  MiaQrDetails,
  MiaQrExtension
} from "./schemas/qr.js"
export type { MiaAccessToken, MiaQrClientService, MiaRefundOptions } from "./service.js"

export type {
  MiaCreateRtpInput,
  MiaListRtpsQuery,
  MiaRtpReasonInput,
  MiaRtpTestAcceptInput
} from "./inputs.js"
export { makeMiaRtpClient, makeMiaRtpClientWithHttpClient } from "./make-client.js"
export { MiaRtpClient, type MiaRtpClientConfigOverrides } from "./mia-rtp-client.js"
export type { MiaRtpCallbackNotification, MiaRtpCallbackVerification } from "./notification.js"
export type { MiaRtpClientOptions } from "./options.js"
export {
  type CreateMiaRtpClientOptions,
  createMiaRtpClient,
  type MiaRtpPromiseClient
} from "./promise-client.js"
export type { MiaRtpStatus } from "./schemas/common.js"
export type { MiaRtpRefundResult } from "./schemas/refund.js"
export type { MiaCancelRtpResult, MiaCreateRtpResult, MiaRtp } from "./schemas/rtp.js"
export type { MiaRtpTestAcceptResult, MiaRtpTestRejectResult } from "./schemas/test-result.js"
export type { MiaRtpClientService } from "./service.js"
export { verifyMiaRtpCallback } from "./verify-callback.js"

export { canonicalCallbackString } from "./canonical-string.js"
export type { CanonicalStringFailure } from "./canonical-string.js"
export type {
  MiaCallbackNotification,
  MiaCallbackRejection,
  MiaCallbackVerification
} from "./notification.js"
export { signMiaCallback } from "./sign-callback.js"
export { verifyMiaCallback } from "./verify-callback.js"
export type { MiaRtpCallbackNotification, MiaRtpCallbackVerification } from "../rtp/notification.js"
export { verifyMiaRtpCallback } from "../rtp/verify-callback.js"

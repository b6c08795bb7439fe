// Replaced with the package version at build time (tsup `define`); source runs report "0.0.0-source".
declare const __MIA_SDK_VERSION__: string | undefined

export const SDK_VERSION: string =
  typeof __MIA_SDK_VERSION__ === "string" ? __MIA_SDK_VERSION__ : "0.0.0-source"

/** Sent on every request, so the bank (and proxies) can tell which SDK and version called. */
export const SDK_USER_AGENT = `mia-sdk/${SDK_VERSION}`

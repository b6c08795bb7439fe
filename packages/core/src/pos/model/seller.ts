/**
 * The seller is logged in. The token pair itself stays inside the client and its session store.
 *
 * @example
 * const session: PosSellerLoggedIn = { accessTokenExpiresAt: new Date(Date.now() + 300_000) }
 */
export interface PosSellerLoggedIn {
  readonly accessTokenExpiresAt: Date
}

/**
 * Who is logged in, on which terminal, merchant, place and bank. Numeric ids are given as strings.
 *
 * @example
 * const info: PosSellerInfo = { seller: { id: "7", fullName: "Ana Popescu" }, terminal: { terminalId: "T123" } }
 */
export interface PosSellerInfo {
  readonly seller?: { readonly id?: string | undefined; readonly fullName?: string | undefined } | undefined
  readonly terminal?:
    | { readonly terminalId?: string | undefined; readonly posId?: string | undefined }
    | undefined
  readonly merchant?: { readonly name?: string | undefined; readonly idno?: string | undefined } | undefined
  readonly place?: { readonly name?: string | undefined; readonly address?: string | undefined } | undefined
  readonly bank?:
    | {
        readonly name?: string | undefined
        /** Logo, as the API sends it (a URL or Base64). */
        readonly image?: string | undefined
        readonly userGuideUrl?: string | undefined
        readonly supportPhone?: string | undefined
        readonly supportEmail?: string | undefined
      }
    | undefined
}

import { MIA_MAX_AMOUNT } from "@mia-sdk/core"

// One set of money conversions for the whole sandbox (and the client): see core's money module.
export { formatMinorUnits, fromMinorUnits } from "@mia-sdk/core"
export { toMinor as toMinorUnits } from "../../internal/money.js"

/** The API's upper bound for one amount, in minor units (100000.00 MDL). */
export const MAX_AMOUNT_MINOR = MIA_MAX_AMOUNT * 100

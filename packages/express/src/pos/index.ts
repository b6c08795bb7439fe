export { miaPos } from "./mia-pos.js"
export type { MiaPosAuthorization, MiaPosOptions, MiaPosRouterClient } from "./options.js"

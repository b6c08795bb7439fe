export { miaPos } from "./mia-pos.js"
export type { MiaPosOptions, MiaPosRouterClient } from "./options.js"

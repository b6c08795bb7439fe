export * from "./callback/index.js"

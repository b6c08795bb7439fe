// Express 4 is installed under the alias `express4` for the compatibility suite. Its API surface
// used by the tests (`express()`, `use`, `post`, `json`) is typed like Express 5's.
declare module "express4" {
  import express from "express"
  export default express
}

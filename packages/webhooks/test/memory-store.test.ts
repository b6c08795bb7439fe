import { createMemoryOrderStore } from "../src/index.js"
import { manualClock } from "./support/clock.js"
import { describeOrderStoreContract } from "./support/store-contract.js"

describeOrderStoreContract("memory store", async () => {
  const clock = manualClock()
  return { store: createMemoryOrderStore({ now: clock.now }), advance: clock.advance }
})

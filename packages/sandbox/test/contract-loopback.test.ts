import { describeMiaQrContract } from "./contract/mia-qr-contract.js"

describeMiaQrContract("loopback")

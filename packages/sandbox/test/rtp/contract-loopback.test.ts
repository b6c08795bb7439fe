import { describeRtpContract } from "./contract/rtp-contract.js"

describeRtpContract("loopback")

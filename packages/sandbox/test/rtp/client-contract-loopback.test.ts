import { describeRtpClientContract } from "./contract/rtp-client-contract.js"

describeRtpClientContract("loopback")

import { RTP_SWITCH_NAMES } from "./cli-rtp-switches.js"
import { renderWalkthroughs } from "./cli-walkthroughs.js"

/** Indents every line of a block, for nesting it under a heading of the help text. */
const indent = (text: string, by = "  "): string =>
  text
    .split("\n")
    .map((line) => (line === "" ? line : `${by}${line}`))
    .join("\n")

/**
 * The control endpoints as `--help` lists them: method, path, and the body or answer in short.
 * The README's table says the same at length.
 */
export const CONTROL_ENDPOINTS_HELP = `Control endpoints (sandbox only, no token, never hit by injected faults; --no-control
turns them off). Answers use the bank's envelope: {"result": ..., "ok": true}, and bad input
is a 400 whose errorArgs.parameter names the field.
  GET    /v2/sandbox/clock                        {now, epochMs}: the sandbox time
  POST   /v2/sandbox/clock/advance                {"ms":900000} moves it forward (QRs and tokens expire)
  POST   /v2/sandbox/clock/set                    {"now":"2026-03-01T10:00:00Z"} jumps to an instant
  POST   /v2/sandbox/reset                        forgets QRs, payments, tokens, requests to pay, deliveries
                                                  and MiaPos state (fault rules and the clock stay)
  GET    /v2/sandbox/deliveries                   callbacks sent, with status and attempts; filters
                                                  kind, status, id, qrId, rtpId, payId, refundId, minAttempts
  POST   /v2/sandbox/deliveries/{id}/redeliver    sends one callback again now; answers after the attempt
  GET    /v2/sandbox/faults                       {items, callbackFaults}: the fault rules in force
  POST   /v2/sandbox/faults                       {"method":"POST","path":"/v2/mia/qr","times":1,
                                                   "fault":{"type":"status","status":503}}; fault types:
                                                   status (+retryAfter s), latency (ms), drop
  DELETE /v2/sandbox/faults/{id}                  removes one rule
  DELETE /v2/sandbox/faults                       removes every rule and callback fault
  POST   /v2/sandbox/faults/callbacks             {"duplicateRate":1}, {"reorderRate":0.5}; {} turns off
  GET    /pos/api/sandbox/otp-inbox               MiaPos activation codes (the owner's SMS), newest
                                                  first; filters terminalId, terminalActivationId, phoneNumber
  POST   /pos/api/sandbox/qr/{qrId}/pay           a customer pays a MiaPos QR: {"amount":25.5}`

/** `mia-sandbox --help`. */
export const CLI_USAGE = `Usage: mia-sandbox [options]

Starts the sandbox bank on a loopback HTTP server: the MIA QR API, request to pay (RTP)
and the MiaPos terminal API, at the bank's paths. Any HTTP client works; the walkthroughs
below use curl and jq.

Options (each also read from the environment variable in brackets; a flag wins):
  -p, --port <n>                 port, 0 = any free port            [MIA_SANDBOX_PORT]    default 4010
      --host <address>           interface to listen on             [MIA_SANDBOX_HOST]    default 127.0.0.1
      --client-id <id>           accepted clientId                  [MIA_SANDBOX_CLIENT_ID]
      --client-secret <secret>   accepted clientSecret              [MIA_SANDBOX_CLIENT_SECRET]
      --signature-key <key>      key callbacks are signed with      [MIA_SANDBOX_SIGNATURE_KEY]
      --token-expires-in <s>     access token lifetime in seconds   [MIA_SANDBOX_TOKEN_EXPIRES_IN] default 300
      --callback-retry-delays <ms,ms,...>  pauses between callback re-sends [MIA_SANDBOX_CALLBACK_RETRY_DELAYS]
      --forward-callbacks-to <url>  send callbacks to this origin instead [MIA_SANDBOX_FORWARD_CALLBACKS_TO]
      --seed <n>                 seed of the fault generator        [MIA_SANDBOX_SEED]
      --no-firewall              let a GET with Content-Type through instead of answering 403
      --no-control               answer 404 on the control endpoints (clock, reset, deliveries, faults)
      --rtp <name=value>         an RTP switch for what maib's documents leave open; repeatable, e.g.
                                 --rtp refundAnswer=payId --rtp statusIncludesPayId=true
                                 (names: ${RTP_SWITCH_NAMES.join(", ")})
  -h, --help                     show this text

MIA QR (bearer token from POST /v2/auth/token):
  POST /v2/mia/qr, /v2/mia/qr/hybrid   create a QR (Static, Dynamic, Hybrid)
  GET  /v2/mia/qr/{qrId}               status; GET /v2/mia/qr lists
  POST /v2/mia/test-pay                the payer pays (sends the signed callback)
  GET  /v2/mia/payments/{payId}        a payment; POST /v2/payments/{payId}/refund refunds
Request to pay (same token as MIA QR):
  POST /v2/rtp                         create a request to a phone number (373 + 8 digits)
  GET  /v2/rtp, GET /v2/rtp/{rtpId}    list (count, offset, filters, sortBy, order) and status
  POST /v2/rtp/{rtpId}/cancel          cancel a pending request
  POST /v2/rtp/{payId}/refund          full refund of an accepted request
  POST /v2/rtp/{rtpId}/test-accept     the payer accepts (sends the signed callback)
  POST /v2/rtp/{rtpId}/test-reject     the payer declines
The payer's phone (sandbox only, no token):
  GET  /v2/sandbox/rtp/inbox/{alias}           pending requests to a phone number
  POST /v2/sandbox/rtp/inbox/{rtpId}/accept    accept ({ payerName?, payerIban? })
  POST /v2/sandbox/rtp/inbox/{rtpId}/reject    decline
MiaPos terminal API under /pos/api/ (GET /pos/api/sandbox/routes lists every route).

${CONTROL_ENDPOINTS_HELP}

Walkthroughs (paste into bash step by step; they assume the default port and credentials):

${indent(renderWalkthroughs())}`

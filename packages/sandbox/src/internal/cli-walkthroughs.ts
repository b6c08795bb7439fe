import { DEFAULT_SANDBOX_CREDENTIALS } from "../options.js"
import { POS_SANDBOX_DEFAULTS } from "../pos/options.js"

/**
 * The curl walkthroughs of `mia-sandbox --help`, kept as data: the help text is rendered from
 * them and the package's tests replay the same steps against a live server (and, where bash,
 * curl and jq exist, run the rendered text itself), so the help cannot drift from the sandbox.
 */

/** One HTTP request of a walkthrough. `$NAME` in `path`, `headers` and `body` is an earlier variable. */
export interface WalkthroughRequest {
  readonly kind: "request"
  /** Printed as a `#` comment above the command. */
  readonly say: ReadonlyArray<string>
  readonly method: "GET" | "POST" | "DELETE"
  readonly path: string
  /** Besides `content-type: application/json`, which every request with a body gets. */
  readonly headers?: Readonly<Record<string, string>>
  /** JSON text, exactly as sent. */
  readonly body?: string
  /** Stores a field of the JSON answer in a shell variable; `path` is a jq path such as `.result.qrId`. */
  readonly capture?: { readonly name: string; readonly path: string }
  /** What the answer shows when the step worked; the tests check it. */
  readonly expect?: { readonly path: string; readonly equals: string }
}

/** A shell variable computed on the merchant's machine, not by the sandbox. */
export interface WalkthroughVariable {
  readonly kind: "variable"
  readonly say: ReadonlyArray<string>
  readonly name: string
  /** The shell expression, e.g. `$(jq -nr 'now + 900 | floor | todate')`. */
  readonly shell: string
  /** The same value, computed in JavaScript, for replaying the walkthrough without a shell. */
  readonly value: () => string
}

export type WalkthroughStep = WalkthroughRequest | WalkthroughVariable

/** A titled sequence of steps; the variables of one walkthrough carry over to the next. */
export interface Walkthrough {
  readonly title: string
  readonly steps: ReadonlyArray<WalkthroughStep>
}

/** Where the CLI listens unless told otherwise; the first line of the walkthroughs sets `BASE` to it. */
export const WALKTHROUGH_BASE = "http://127.0.0.1:4010"

const { clientId, clientSecret } = DEFAULT_SANDBOX_CREDENTIALS
const [terminal] = POS_SANDBOX_DEFAULTS.terminals
const [seller] = POS_SANDBOX_DEFAULTS.sellers
const bearer = (variable: string) => ({ authorization: `Bearer $${variable}` })
/** Nothing listens there: the callback fails and shows up in the delivery log with its attempts. */
const CALLBACK_URL = "http://127.0.0.1:3000/mia/callback"
const PHONE = "37369112221"

const miaQrAndRtp: Walkthrough = {
  title: "MIA QR and request to pay",
  steps: [
    {
      kind: "request",
      say: ["1. An access token (valid 300 s; the clientId/clientSecret the CLI printed)."],
      method: "POST",
      path: "/v2/auth/token",
      body: JSON.stringify({ clientId, clientSecret }),
      capture: { name: "TOKEN", path: ".result.accessToken" }
    },
    {
      kind: "variable",
      say: ["2. An expiry 15 minutes ahead (QR codes and requests to pay need one)."],
      name: "EXPIRES",
      shell: "$(jq -nr 'now + 900 | floor | todate')",
      value: () => `${new Date(Math.floor(Date.now() / 1000) * 1000 + 900_000).toISOString().slice(0, 19)}Z`
    },
    {
      kind: "request",
      say: [
        "3. A Dynamic QR for 150.25 MDL. callbackUrl is your shop's endpoint (plain http is",
        "   accepted on loopback); nothing listens on port 3000 here, see step 7."
      ],
      method: "POST",
      path: "/v2/mia/qr",
      headers: bearer("TOKEN"),
      body: JSON.stringify({
        type: "Dynamic",
        amountType: "Fixed",
        amount: 150.25,
        currency: "MDL",
        description: "Order 1001",
        orderId: "1001",
        expiresAt: "$EXPIRES",
        callbackUrl: CALLBACK_URL
      }),
      capture: { name: "QR_ID", path: ".result.qrId" }
    },
    {
      kind: "request",
      say: [
        "4. The payer pays: test-pay takes qrId, amount (lei: the QR's amount for Fixed, within",
        "   amountMin..amountMax for Controlled, any for Free), currency MDL, iban and payerName",
        "   (all required; the iban is the bank's test IBAN). The signed callback goes out."
      ],
      method: "POST",
      path: "/v2/mia/test-pay",
      headers: bearer("TOKEN"),
      body: JSON.stringify({
        qrId: "$QR_ID",
        amount: 150.25,
        currency: "MDL",
        iban: "MD88AG000000011621810140",
        payerName: "Ion Popescu"
      }),
      capture: { name: "PAY_ID", path: ".result.payId" }
    },
    {
      kind: "request",
      say: ["5. The QR's status: Paid. (No Content-Type on a GET: the bank's firewall answers 403.)"],
      method: "GET",
      path: "/v2/mia/qr/$QR_ID",
      headers: bearer("TOKEN"),
      expect: { path: ".result.status", equals: "Paid" }
    },
    {
      kind: "request",
      say: ["6. The payment: Executed, with the commission."],
      method: "GET",
      path: "/v2/mia/payments/$PAY_ID",
      headers: bearer("TOKEN"),
      expect: { path: ".result.status", equals: "Executed" }
    },
    {
      kind: "request",
      say: ["7. The callback and its attempts (re-send one: POST /v2/sandbox/deliveries/{id}/redeliver)."],
      method: "GET",
      path: "/v2/sandbox/deliveries?payId=$PAY_ID",
      expect: { path: ".result.items[0].payId", equals: "$PAY_ID" }
    },
    {
      kind: "request",
      say: [`8. Request to pay: ask the phone ${PHONE} (373 + 8 digits) for 99.99 MDL.`],
      method: "POST",
      path: "/v2/rtp",
      headers: bearer("TOKEN"),
      body: JSON.stringify({
        alias: PHONE,
        amount: 99.99,
        currency: "MDL",
        description: "Order 1002",
        orderId: "1002",
        expiresAt: "$EXPIRES",
        callbackUrl: CALLBACK_URL
      }),
      capture: { name: "RTP_ID", path: ".result.rtpId" }
    },
    {
      kind: "request",
      say: ["9. What the payer's phone shows (no token)."],
      method: "GET",
      path: `/v2/sandbox/rtp/inbox/${PHONE}`,
      expect: { path: ".result.items[0].rtpId", equals: "$RTP_ID" }
    },
    {
      kind: "request",
      say: ["10. The payer accepts: test-accept takes the request's amount and currency MDL."],
      method: "POST",
      path: "/v2/rtp/$RTP_ID/test-accept",
      headers: bearer("TOKEN"),
      body: JSON.stringify({ amount: 99.99, currency: "MDL" }),
      capture: { name: "RTP_PAY_ID", path: ".result.payId" }
    },
    {
      kind: "request",
      say: ["11. The request's status: Accepted."],
      method: "GET",
      path: "/v2/rtp/$RTP_ID",
      headers: bearer("TOKEN"),
      expect: { path: ".result.status", equals: "Accepted" }
    }
  ]
}

/** The device headers terminal activation requires (any values of the right shape). */
const DEVICE_HEADERS = {
  "x-device": "curl",
  "x-platform-type": "web",
  "x-installation-id": "0f6c1a52-8d1e-4c43-9a57-3b1e2f9d7c10",
  "x-pos-app-version": "1"
}

const miaPos: Walkthrough = {
  title: "MiaPos terminal",
  steps: [
    {
      kind: "request",
      say: [
        `1. Activate terminal ${terminal.terminalId} (merchant IDNO ${terminal.merchantIdno}); the bank`,
        "   texts a code to the owner's phone."
      ],
      method: "POST",
      path: "/pos/api/v1/terminal-activation/init",
      headers: DEVICE_HEADERS,
      body: JSON.stringify({ terminalId: terminal.terminalId, merchantIdno: terminal.merchantIdno }),
      capture: { name: "ACTIVATION_ID", path: ".terminalActivationId" }
    },
    {
      kind: "request",
      say: ["2. Read the code from the sandbox's OTP inbox (the phone), newest first."],
      method: "GET",
      path: "/pos/api/sandbox/otp-inbox?terminalActivationId=$ACTIVATION_ID",
      capture: { name: "OTP", path: ".messages[0].otpCode" }
    },
    {
      kind: "request",
      say: ["3. Confirm the activation with it (a string of 6 digits)."],
      method: "POST",
      path: "/pos/api/v1/terminal-activation/confirm",
      body: JSON.stringify({ terminalActivationId: "$ACTIVATION_ID", otpCode: "$OTP" }),
      expect: { path: ".result", equals: "success" }
    },
    {
      kind: "request",
      say: [`4. The cashier logs in (${seller.username} / ${seller.password}).`],
      method: "POST",
      path: "/pos/api/v1/seller/login",
      body: JSON.stringify({
        terminalActivationId: "$ACTIVATION_ID",
        username: seller.username,
        password: seller.password
      }),
      capture: { name: "POS_TOKEN", path: ".authTokens.accessToken" }
    },
    {
      kind: "request",
      say: ["5. Open a shift: QR codes and payments need one."],
      method: "POST",
      path: "/pos/api/v1/shift/open",
      headers: bearer("POS_TOKEN"),
      expect: { path: ".result", equals: "success" }
    },
    {
      kind: "request",
      say: ["6. A dynamic QR for 25.50 MDL; qrInfo.qrImage is a scannable PNG of qrInfo.qrText."],
      method: "POST",
      path: "/pos/api/v2/qr",
      headers: bearer("POS_TOKEN"),
      body: JSON.stringify({ qrType: "dynamic", amountType: "fixed", extension: { amount: 25.5 } }),
      capture: { name: "POS_QR_ID", path: ".qrInfo.qrId" }
    },
    {
      kind: "request",
      say: ["7. A customer pays it (sandbox only; amount in lei, payerName and payerBank optional)."],
      method: "POST",
      path: "/pos/api/sandbox/qr/$POS_QR_ID/pay",
      body: JSON.stringify({ amount: 25.5, payerName: "Ion Popescu" }),
      expect: { path: ".result", equals: "success" }
    },
    {
      kind: "request",
      say: ["8. The QR's state: paid."],
      method: "GET",
      path: "/pos/api/v2/qr/$POS_QR_ID",
      headers: bearer("POS_TOKEN"),
      expect: { path: ".state", equals: "paid" }
    }
  ]
}

/** The walkthroughs of `--help`, in order. */
export const WALKTHROUGHS: ReadonlyArray<Walkthrough> = [miaQrAndRtp, miaPos]

/** `'{"qrId":"$QR_ID"}'` -> `'{"qrId":"'$QR_ID'"}'`: the JSON stays single-quoted, variables expand. */
const shellJson = (json: string): string => `'${json.replace(/\$([A-Z_]+)/g, "'$$$1'")}'`

const shellHeader = (name: string, value: string): string =>
  value.includes("$") ? `-H "${name}: ${value}"` : `-H '${name}: ${value}'`

const renderRequest = (step: WalkthroughRequest): Array<string> => {
  const url = `"$BASE${step.path}"`
  const parts = [step.method === "GET" ? `curl -s ${url}` : `curl -s -X ${step.method} ${url}`]
  for (const [name, value] of Object.entries(step.headers ?? {})) parts.push(shellHeader(name, value))
  if (step.body !== undefined) {
    parts.push(shellHeader("content-type", "application/json"), `-d ${shellJson(step.body)}`)
  }
  const command = step.capture
    ? `${step.capture.name}=$(${parts.join(" \\\n    ")} | jq -r '${step.capture.path}')`
    : `${parts.join(" \\\n    ")} | jq .`
  return [...step.say.map((line) => `# ${line}`), command]
}

/**
 * The walkthroughs as a bash script with comments; every command is on lines of its own, so a
 * reader can paste one step at a time.
 */
export const renderWalkthroughs = (walkthroughs: ReadonlyArray<Walkthrough> = WALKTHROUGHS): string =>
  [
    `BASE=${WALKTHROUGH_BASE}`,
    ...walkthroughs.flatMap((walkthrough) => [
      "",
      `## ${walkthrough.title}`,
      ...walkthrough.steps.flatMap((step) =>
        step.kind === "variable"
          ? [...step.say.map((line) => `# ${line}`), `${step.name}=${step.shell}`]
          : renderRequest(step)
      )
    ])
  ].join("\n")

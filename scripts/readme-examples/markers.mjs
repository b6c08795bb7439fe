// Example markers for READMEs that don't carry them yet, as if `<!-- example: MARKER -->` were
// written right before the block. `block` is a piece of text found only in that block; a marker
// written in the README itself wins. A rule whose block is gone fails the run, so an edited README
// is never left half-checked: move the markers into the README when you edit it.

/** @type {Readonly<Record<string, ReadonlyArray<{ block: string, marker: string }>>>} */
export const EXTERNAL_MARKERS = {
  "packages/sandbox/README.md": [
    { block: "const server = setupServer(...sandbox.handlers)", marker: "run" },
    {
      block: "const { url, close } = await sandbox.listen({ port: 0 })",
      marker: "run; given: createMiaSandbox, createMiaQrClient"
    },
    {
      block: "npx mia-sandbox --port 4010",
      marker:
        "skip; reason: starts a server that runs until Ctrl+C; run.sh starts this CLI (with --port 0) as the bank of the run examples"
    },
    { block: "sandbox.rtp.inbox(", marker: "typecheck; given: sandbox, otherRtpId" },
    { block: "rtp: { refundAnswer:", marker: "run; given: createMiaSandbox" },
    { block: "clock: createSandboxClock()", marker: "run" },
    { block: "sandbox.deliveries.waitFor({ payId", marker: "typecheck; given: sandbox, qrId" },
    { block: 'forwardCallbacksTo: "http://127.0.0.1:3000"', marker: "run; given: createMiaSandbox" },
    { block: "seed: 42,", marker: "run; given: createMiaSandbox" },
    {
      block: '"errorMessage": "Parameter `ms` is invalid."',
      marker: "skip; reason: an answer of the sandbox, not code"
    },
    {
      block: 'curl -s -X POST "$BASE/v2/sandbox/clock/advance"',
      marker:
        "skip; reason: curl and jq against a CLI on port 4010; the same endpoints are the sandbox's own tests"
    },
    { block: "$base = 'http://127.0.0.1:4010';", marker: "skip; reason: PHP" },
    { block: "firewall: true,", marker: "run; given: createMiaSandbox" },
    { block: "sandbox.state.qrs()", marker: "typecheck; given: sandbox, qrIdOrScannedUrl, qrId, amount" },
    { block: "modules: [{ handle:", marker: "run; given: createMiaSandbox" }
  ]
}

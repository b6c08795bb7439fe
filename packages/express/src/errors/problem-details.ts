// The problem+json mapping is shared with the Web-standard handlers (@mia-sdk/webhooks/web), so
// an error answers the same on Express, Hono, Next.js or Bun.
export { PROBLEM_BASE, type Problem, toProblem } from "@mia-sdk/webhooks/web"

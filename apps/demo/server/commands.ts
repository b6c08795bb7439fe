/**
 * How a reader runs the repository's scripts: through npx, pinned to the pnpm of the root
 * `packageManager` (a test keeps the two in sync), so nothing needs installing globally and every
 * command the demo prints can be pasted as it is.
 * @example
 * console.log(`${PNPM} demo:reset forgets the orders`)
 */
export const PNPM = "npx -y pnpm@10.34.9"

// The step runner of the end-to-end scripts (the smoke programs, the Next.js driver): one line
// per step, the first failure ends the run after the cleanups, a hanging cleanup can't hold the
// verdict back. Plain JavaScript, so Node, Bun and Deno all run it.
import process from "node:process"

/** An error as one line. */
export const describe = (error) =>
  error instanceof Error ? `${error.name}: ${error.message}` : (JSON.stringify(error) ?? String(error))

/** Throws `message` unless `condition` holds: a failed step. */
export const expect = (condition, message) => {
  if (!condition) throw new Error(message)
}

/**
 * A run named `label` ("smoke on bun 1.2"): `step(name, run)` prints `ok` with `run`'s result or
 * fails the run; `cleanups` run last first; `finish(code)` ends the process; `done()` prints the
 * all-ok line and finishes with 0. `exitAfterMs` bounds the cleanups; `timed` adds each step's
 * duration to its line.
 */
export const createSteps = (label, { exitAfterMs = 5_000, timed = false } = {}) => {
  let stepNumber = 0
  let current = "start"
  const cleanups = []

  const finish = async (code) => {
    setTimeout(() => process.exit(code), exitAfterMs).unref?.()
    for (const cleanup of cleanups.reverse()) {
      try {
        await cleanup()
      } catch (error) {
        console.log(`warn  cleanup failed: ${describe(error)}`)
      }
    }
    // Bun and Deno may keep a closed server's handles alive for a while; the verdict is printed.
    process.exit(code)
  }

  const fail = async (message) => {
    console.log(`FAIL  ${String(stepNumber).padStart(2)} ${current}: ${message}`)
    console.log(`${label}: FAILED at "${current}"`)
    await finish(1)
  }

  const step = async (name, run) => {
    stepNumber += 1
    current = name
    const started = performance.now()
    let detail
    try {
      detail = await run()
    } catch (error) {
      await fail(describe(error))
    }
    const took = timed ? ` (${Math.round(performance.now() - started)} ms)` : ""
    console.log(`ok    ${String(stepNumber).padStart(2)} ${name}${detail ? `: ${detail}` : ""}${took}`)
    return detail
  }

  const done = async () => {
    console.log(`${label}: all ${stepNumber} steps ok`)
    await finish(0)
  }

  return { step, fail, finish, done, cleanups }
}

// The last lines of the test command: totals per package and overall, and a loud list of the
// suites that were skipped, with how to run them. `--clear` forgets the previous run's results.
import { existsSync, readdirSync, readFileSync, rmSync } from "node:fs"
import { join } from "node:path"

const root = new URL("..", import.meta.url).pathname
const folders = ["packages", "apps"].flatMap((group) =>
  existsSync(join(root, group)) ? readdirSync(join(root, group)).map((name) => join(group, name)) : []
)
const resultFiles = (folder) =>
  ["vitest.json", "browser.json"].map((file) => join(root, folder, "test-results", file)).filter(existsSync)

if (process.argv.includes("--clear")) {
  for (const folder of folders) for (const file of resultFiles(folder)) rmSync(file)
  process.exit(0)
}

const rows = []
const skippedSuites = []
for (const folder of folders) {
  const totals = { passed: 0, failed: 0, skipped: 0 }
  const files = resultFiles(folder)
  if (files.length === 0) continue
  for (const file of files) {
    const report = JSON.parse(readFileSync(file, "utf8"))
    if (file.endsWith("browser.json")) {
      totals.passed += report.passed
      totals.failed += report.failed
      continue
    }
    totals.passed += report.numPassedTests
    totals.failed +=
      report.numFailedTests + (report.numFailedTestSuites > 0 && report.numFailedTests === 0 ? 1 : 0)
    totals.skipped += report.numPendingTests + report.numTodoTests
    for (const suite of report.testResults ?? []) {
      const skipped = suite.assertionResults.filter(
        (test) => test.status === "pending" || test.status === "skipped"
      )
      if (skipped.length > 0)
        skippedSuites.push(`${suite.name.slice(root.length)}: ${skipped.length} skipped`)
    }
  }
  rows.push({ name: folder, ...totals })
}

const sum = (key) => rows.reduce((total, row) => total + row[key], 0)
const width = Math.max(...rows.map((row) => row.name.length), 5)
console.log("\n== test totals ==")
for (const row of rows) {
  console.log(
    `${row.name.padEnd(width)}  ${String(row.passed).padStart(5)} passed  ${String(row.failed).padStart(3)} failed  ${String(row.skipped).padStart(3)} skipped`
  )
}
if (skippedSuites.length > 0) {
  console.log("\n!! SKIPPED SUITES:")
  for (const line of skippedSuites) console.log(`!!   ${line}`)
  if (!process.env.MIA_TEST_DATABASE_URL) {
    console.log(
      "!! The PostgreSQL suites need a database: export MIA_TEST_DATABASE_URL=$(bash packages/webhooks/scripts/start-test-postgres.sh), then run the tests again."
    )
  }
}
console.log(`\nTOTAL: ${sum("passed")} passed, ${sum("failed")} failed, ${sum("skipped")} skipped`)

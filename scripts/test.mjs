// `npm test`: every unit and component test (Vitest projects of all packages and examples), then
// the browser tests when Debian's Chromium is installed. Ends with one plain summary line.
//   node scripts/test.mjs            unit tests, then browser tests if Chromium is there
//   node scripts/test.mjs --e2e      browser tests only; a missing Chromium is an error
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'

const root = join(import.meta.dirname, '..')
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
const e2eOnly = process.argv.includes('--e2e')
const reportDir = join(root, 'node_modules', '.cache', 'trickle-tests')
mkdirSync(reportDir, { recursive: true })

const totals = { passed: 0, failed: 0, skipped: 0 }
let exitCode = 0

function vitest(name, args) {
  const report = join(reportDir, `${name}.json`)
  rmSync(report, { force: true })
  const result = spawnSync(
    process.execPath,
    [
      join(root, 'node_modules', 'vitest', 'vitest.mjs'),
      'run',
      ...args,
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${report}`,
    ],
    { cwd: root, stdio: 'inherit', env: process.env },
  )
  if (result.status !== 0) exitCode = result.status ?? 1
  if (!existsSync(report)) {
    exitCode ||= 1
    totals.failed++
    console.error(`${name}: Vitest wrote no report (exit ${result.status}).`)
    return
  }
  const json = JSON.parse(readFileSync(report, 'utf8'))
  totals.passed += json.numPassedTests
  // A file that fails to load has no failed test of its own: count it once.
  const brokenFiles = json.testResults.filter(
    (file) => file.status === 'failed' && file.assertionResults.every((t) => t.status !== 'failed'),
  ).length
  totals.failed += json.numFailedTests + brokenFiles
  totals.skipped += json.numPendingTests + json.numTodoTests
}

const e2eConfigs = readdirSync(join(root, 'examples'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => join('examples', entry.name, 'vitest.e2e.config.ts'))
  .filter((file) => existsSync(join(root, file)))

if (!e2eOnly) vitest('unit', [])

if (!existsSync(chromium)) {
  const why = `Browser tests skipped: no Chromium at ${chromium} (install it with \`apt-get install -y chromium\`).`
  if (e2eOnly) {
    console.error(why)
    exitCode ||= 1
  } else console.log(why)
} else if (e2eConfigs.length === 0) {
  console.log('Browser tests: no example defines vitest.e2e.config.ts yet.')
} else {
  for (const config of e2eConfigs) vitest(`e2e-${config.split('/')[1]}`, ['--config', config])
}

console.log(`\ntests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`)
process.exit(exitCode || (totals.failed > 0 ? 1 : 0))

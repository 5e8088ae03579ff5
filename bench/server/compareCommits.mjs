import { readFileSync, writeFileSync } from 'node:fs'
import { loadavg } from 'node:os'
import { fileURLToPath } from 'node:url'
import { machineInfo } from '../lib/machineInfo.mjs'
import { runNodeScript } from '../lib/runNodeScript.mjs'
import {
  commitComparisonSection,
  commitComparisonsFile,
  comparisonPairs,
  readCommitComparisons,
  sectionEnd,
  sectionStart,
  verdict,
} from '../report/commitComparisonSection.mjs'
import { benchmarksFile } from '../report/writeBenchmarks.mjs'
import { times } from '../lib/stats.mjs'
import { prepareCheckout } from './commitCheckout.mjs'

/**
 * Server throughput of two commits, measured side by side in one run:
 *
 *   node bench/server/compareCommits.mjs <revA> <revB> [--label=TEXT] [--rounds=N] [--prepare] [--no-save]
 *
 * Each revision (a hash, `main`, `923b85f^1`, …) gets a detached git worktree of its own in the
 * temporary folder (`trickle-commit-<hash>`, kept for later runs) with its own `npm ci` (under
 * `flock /tmp/npm.lock`), so each commit's server code runs unchanged. measureCommits.mjs then
 * starts both commits' Trickle API (commitServer.mjs) on PGlite and on PostgreSQL 15, alternates
 * A and B for `--rounds` rounds (default 9, at least 5) of 16 clients sending first-visit
 * submissions on loopback, checks the rows, and counts the planner calls per submission on each
 * commit. The run takes about five minutes and stops after ten; run it under
 * `flock /tmp/bench.lock`. `--prepare` only makes the checkouts (do that outside the bench lock:
 * `npm ci` takes a while).
 *
 * The result is kept in bench/server/commitComparisons.json (the newest three runs of each pair
 * of commits; `--label` names the run) and the subsection "The server across
 * commits" of docs/benchmarks.md is rewritten from that file, as `npm run bench` writes it too.
 * `--no-save` prints the figures and leaves both files alone; `--docs` (no revisions) only
 * rewrites that subsection from the file.
 */
const args = process.argv.slice(2)
const option = (name) =>
  args
    .find((arg) => arg.startsWith(`--${name}=`))
    ?.split('=')
    .slice(1)
    .join('=')
const revisions = args.filter((arg) => !arg.startsWith('--'))
const known = ['--label=', '--rounds=', '--prepare', '--no-save', '--docs']
const unknown = args.filter(
  (arg) =>
    arg.startsWith('--') && !known.some((k) => arg === k || (k.endsWith('=') && arg.startsWith(k))),
)
const rounds = Number(option('rounds') ?? 9)
if (
  (revisions.length !== 2 && !args.includes('--docs')) ||
  unknown.length > 0 ||
  !Number.isInteger(rounds) ||
  rounds < 5 ||
  rounds > 15
) {
  console.error(
    'Usage: node bench/server/compareCommits.mjs <revA> <revB> [--label=TEXT] [--rounds=5..15] [--prepare] [--no-save] | --docs',
  )
  process.exit(2)
}

if (args.includes('--docs')) {
  writeSection(readCommitComparisons())
  process.exit(0)
}

/** How many runs of one pair of commits the results file keeps (the newest). */
const runsKept = 3

const sides = revisions.map((rev, i) => ({ label: i === 0 ? 'A' : 'B', ...prepareCheckout(rev) }))
if (args.includes('--prepare')) {
  for (const side of sides) console.log(`${side.label} = ${side.rev}: ${side.dir} is ready`)
  process.exit(0)
}

const machine = machineInfo()
const measuredAt = new Date().toISOString()
console.log(
  `Comparing ${sides.map((s) => `${s.label} = ${s.rev} (${s.sha.slice(0, 7)})`).join(' and ')}, load ${loadavg()
    .map((v) => v.toFixed(2))
    .join(', ')}`,
)
const result = await runNodeScript(
  fileURLToPath(new URL('./measureCommits.mjs', import.meta.url)),
  {
    args: [JSON.stringify({ sides, rounds })],
    label: 'compare',
    timeoutMs: 600_000,
  },
)

const comparison = {
  ...(option('label') ? { label: option('label') } : {}),
  measuredAt,
  a: { rev: sides[0].rev, sha: sides[0].sha },
  b: { rev: sides[1].rev, sha: sides[1].sha },
  machine: {
    cpuModel: machine.cpuModel,
    cores: machine.cores,
    node: machine.node,
    harness: machine.commit,
  },
  ...result,
}
for (const pair of comparisonPairs(comparison)) {
  console.log(
    `${pair.database}: A ${pair.a.perSecond.toFixed(0)}, B ${pair.b.perSecond.toFixed(0)} submissions/s; B ÷ A ${times(pair.ratio)} (per round ${times(pair.roundRatios.min)}–${times(pair.roundRatios.max)}): ${verdict(pair)}`,
  )
}
for (const calls of comparison.calls) {
  console.log(
    `${calls.side}: ${calls.planVisit.toFixed(2)} planVisit, ${calls.applySubmission.toFixed(2)} applySubmission per submission`,
  )
}

if (!args.includes('--no-save')) {
  const same = (item) => item.a.sha === comparison.a.sha && item.b.sha === comparison.b.sha
  const earlier = readCommitComparisons()
  // The newest runs of this pair, so the run-to-run spread stays visible.
  const older = earlier.filter(same).slice(1 - runsKept)
  const kept = [...earlier.filter((item) => !same(item) || older.includes(item)), comparison]
  await writeJson(commitComparisonsFile, { comparisons: kept })
  console.log(`Wrote ${commitComparisonsFile}.`)
  writeSection(kept)
}

/** Rewrites the subsection of docs/benchmarks.md from the kept comparisons. */
function writeSection(comparisons) {
  const markdown = readFileSync(benchmarksFile, 'utf8')
  writeFileSync(benchmarksFile, withSection(markdown, commitComparisonSection(comparisons)))
  console.log(`Wrote the subsection "The server across commits" of ${benchmarksFile}.`)
}

/** docs/benchmarks.md with the subsection replaced, or added at the end of the server part. */
function withSection(markdown, section) {
  const start = markdown.indexOf(sectionStart)
  const end = markdown.indexOf(sectionEnd)
  if (start !== -1 && end > start) {
    const after = markdown.slice(end + sectionEnd.length).replace(/^\n+/, '')
    return `${markdown.slice(0, start)}${section}\n${after}`
  }
  const server = markdown.indexOf('\n## 4. Server')
  const next = server === -1 ? -1 : markdown.indexOf('\n## ', server + 1)
  if (next === -1) throw new Error(`${benchmarksFile} has no server part; run npm run bench first.`)
  return `${markdown.slice(0, next + 1)}${section}\n${markdown.slice(next + 1)}`
}

/** JSON as Prettier formats it, so `prettier --check` passes on the results file. */
async function writeJson(file, data) {
  const prettier = await import('prettier')
  const options = (await prettier.resolveConfig(file)) ?? {}
  writeFileSync(file, await prettier.format(JSON.stringify(data), { ...options, filepath: file }))
}

import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { markdownTable } from '../lib/markdownTable.mjs'
import { repoRoot } from '../lib/repoRoot.mjs'
import { median, ms, times } from '../lib/stats.mjs'

/** The results of `node bench/server/compareCommits.mjs`, one entry per pair of commits. */
export const commitComparisonsFile = join(repoRoot, 'bench', 'server', 'commitComparisons.json')

/** The comparisons kept in commitComparisonsFile (none when it does not exist). */
export function readCommitComparisons() {
  if (!existsSync(commitComparisonsFile)) return []
  return JSON.parse(readFileSync(commitComparisonsFile, 'utf8')).comparisons
}

/** The lines that enclose the subsection, so compareCommits.mjs can replace it in place. */
export const sectionStart = '<!-- compareCommits: start -->'
export const sectionEnd = '<!-- compareCommits: end -->'

/**
 * Per database of one comparison: both commits' medians over the rounds, B ÷ A of the medians,
 * and B ÷ A of each round's pair (B measured right after A), whose spread is the noise.
 */
export function comparisonPairs(comparison) {
  const pairs = []
  for (const database of ['PGlite', 'PostgreSQL']) {
    const a = comparison.scenarios.find((s) => s.database === database && s.side === 'A')
    const b = comparison.scenarios.find((s) => s.database === database && s.side === 'B')
    if (!a || !b) continue
    const perRound = a.perRound.map((rate, i) => b.perRound[i] / rate)
    pairs.push({
      database,
      a,
      b,
      ratio: b.perSecond / a.perSecond,
      roundRatios: range(perRound),
      cpuRatio: b.cpuMsPerSubmission / a.cpuMsPerSubmission,
      cpuRoundRatios: range(a.cpuMsPerRound.map((cpu, i) => b.cpuMsPerRound[i] / cpu)),
    })
  }
  return pairs
}

const range = (values) => ({
  median: median(values),
  min: Math.min(...values),
  max: Math.max(...values),
})

/** What the per-round ratios say: within noise when they fall on both sides of 1. */
export function verdict(pair) {
  const { min, max } = pair.roundRatios
  if (max < 1) return 'B slower in every round'
  if (min > 1) return 'B faster in every round'
  return 'no difference beyond the round-to-round noise'
}

const short = (side) =>
  side.sha.startsWith(side.rev) ? `\`${side.rev}\`` : `\`${side.rev}\` (${side.sha.slice(0, 7)})`
const rate = (s) => `${s.perSecond.toFixed(0)} (${s.min.toFixed(0)}–${s.max.toFixed(0)})`
const load = (values) => values.map((value) => value.toFixed(2)).join(', ')

/** The subsection of docs/benchmarks.md, under the server part, with its enclosing markers. */
export function commitComparisonSection(comparisons = readCommitComparisons()) {
  if (comparisons.length === 0) return ''
  const rows = []
  const notes = []
  for (const comparison of comparisons) {
    const pairs = comparisonPairs(comparison)
    for (const pair of pairs) {
      rows.push([
        `${short(comparison.a)} → ${short(comparison.b)}`,
        pair.database,
        rate(pair.a),
        rate(pair.b),
        `**${times(pair.ratio)}**`,
        `${times(pair.roundRatios.median)} (${times(pair.roundRatios.min)}–${times(pair.roundRatios.max)})`,
        `${ms(pair.a.cpuMsPerSubmission)} → ${ms(pair.b.cpuMsPerSubmission)} (${times(pair.cpuRatio)}; per round ${times(pair.cpuRoundRatios.min)}–${times(pair.cpuRoundRatios.max)})`,
        `${ms(pair.a.p50Ms)} → ${ms(pair.b.p50Ms)}`,
        `${ms(pair.a.p99Ms)} → ${ms(pair.b.p99Ms)}`,
      ])
    }
    const calls = (side) => comparison.calls.find((c) => c.side === side)
    const loads = comparison.loads
    notes.push(
      `- ${comparison.label ? `**${comparison.label}**: ` : ''}${short(comparison.a)} → ${short(comparison.b)}, measured ${comparison.measuredAt.slice(0, 16).replace('T', ' ')} UTC (${comparison.rounds} rounds, ${comparison.scenarios.reduce((sum, s) => sum + s.submissions, 0)} submissions recorded; load average at start ${load(loads[0])}, at end ${load(loads.at(-1))}, highest 1-min ${Math.max(...loads.map((l) => l[0])).toFixed(2)}): ${pairs.map((pair) => `${pair.database} ${verdict(pair)}`).join('; ')}. \`planVisit\` calls per submission on the server: ${calls('A').planVisit.toFixed(2)} → ${calls('B').planVisit.toFixed(2)} (\`applySubmission\`: ${calls('A').applySubmission.toFixed(2)} → ${calls('B').applySubmission.toFixed(2)}; ${calls('A').submissions} submissions each).`,
    )
  }
  const first = comparisons[0]
  return [
    sectionStart,
    '',
    '### The server across commits',
    '',
    `\`node bench/server/compareCommits.mjs <revA> <revB>\` measures the Trickle API of two commits in one run, each commit's own server code unchanged: a detached git worktree per commit with its own \`npm ci\`, the server in its own process there (\`bench/server/commitServer.mjs\`, copied into that checkout's node_modules so it loads the commit's sources and dependencies). Both commits serve the same b2b-whitepaper config on PGlite (a data folder each) and on PostgreSQL ${first.postgresVersion ?? '(not measured)'}, started by the server tests' harness (a database each); ${first.concurrency} clients in the measuring process send first-visit submissions over loopback as above, no destination. Per database the commits take turns, A then B, for ${first.rounds} rounds; each turn is ${first.warmupMs / 1000} s of unrecorded warm-up, then ${first.measureMs / 1000} s or ${first.maxPerRound} submissions. Submissions per second: median over the rounds (lowest–highest round); B ÷ A per round divides each round's B by the A measured just before it, so its spread shows the noise of the machine. Server CPU per submission: the server process's user and system time (\`/proc/<pid>/stat\`) during a round's recorded stretch, divided by its submissions, median over the rounds; it includes PGlite, which runs inside the server process, but not the PostgreSQL server's own processes, and depends far less than submissions per second on what else the machine runs. Latency percentiles over all recorded submissions. Afterwards the rows of every server are checked, and a fresh PGlite server per commit counts the calls of the core's \`planVisit\` and \`applySubmission\` with V8's precise coverage (\`--count-calls\`) over ${first.calls[0].submissions} submissions. These figures come from their own runs (the dates below), not from the run that wrote the rest of this file; \`npm run bench\` keeps them (\`bench/server/commitComparisons.json\`).`,
    '',
    markdownTable(
      [
        'Commits (A → B)',
        'Database',
        'A submissions/s',
        'B submissions/s',
        'B ÷ A',
        'B ÷ A per round',
        'server CPU / submission A → B',
        'p50 A → B',
        'p99 A → B',
      ],
      rows,
      ['l', 'l', 'r', 'r', 'r', 'r', 'r', 'r', 'r'],
    ),
    '',
    ...notes,
    '',
    '"No difference beyond the round-to-round noise" means the per-round B ÷ A ratios fall on both sides of 1×: any change in throughput is smaller than the spread shown in that column. "B slower (or faster) in every round" means every round\'s B was below (above) the A measured just before it.',
    '',
    sectionEnd,
    '',
  ].join('\n')
}

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

/**
 * What the per-round ratios say: throughput (B ÷ A of submissions per second) and server CPU per
 * submission each differ only when every round leans the same way; otherwise any difference is
 * within the noise.
 */
export function verdict(pair) {
  const lean = ({ min, max }, below, above) => (max < 1 ? below : min > 1 ? above : null)
  const throughput =
    lean(pair.roundRatios, 'B slower in every round', 'B faster in every round') ??
    'throughput equal within the round-to-round noise'
  const cpu =
    lean(
      pair.cpuRoundRatios,
      'B used less server CPU per submission in every round',
      'B used more server CPU per submission in every round',
    ) ?? 'server CPU per submission equal within the noise'
  return `${throughput}, ${cpu}`
}

const short = (side) =>
  side.sha.startsWith(side.rev) ? `\`${side.rev}\`` : `\`${side.rev}\` (${side.sha.slice(0, 7)})`
const rate = (s) => `${s.perSecond.toFixed(0)} (${s.min.toFixed(0)}–${s.max.toFixed(0)})`
const when = (comparison) => comparison.measuredAt.slice(0, 16).replace('T', ' ')
const spread = (values) => `${times(Math.min(...values))}–${times(Math.max(...values))}`
const load = (values) => values.map((value) => value.toFixed(2)).join(', ')

/**
 * One line per pair of commits over all its runs: the spread of B ÷ A of the run medians, and
 * how many runs saw B differ in every round.
 */
function pairSummaries(comparisons) {
  const key = (item) => `${item.a.sha} ${item.b.sha}`
  const lines = []
  for (const pairKey of new Set(comparisons.map(key))) {
    const runs = comparisons.filter((item) => key(item) === pairKey)
    if (runs.length < 2) continue
    const pairs = runs.flatMap(comparisonPairs)
    const databases = [...new Set(pairs.map((pair) => pair.database))]
    const of = (database, pick) =>
      spread(pairs.filter((pair) => pair.database === database).map(pick))
    const leans = (pick) => {
      const one = pairs.filter((pair) => pick(pair).max < 1 || pick(pair).min > 1).length
      return one === 0 ? 'in none' : `in ${one} of ${pairs.length} (see above)`
    }
    const leaning = `Runs and databases where B differed from A in every round: submissions per second ${leans((pair) => pair.roundRatios)}, server CPU per submission ${leans((pair) => pair.cpuRoundRatios)}.`
    lines.push(
      `- **Across the ${runs.length} runs of ${short(runs[0].a)} → ${short(runs[0].b)}**: B ÷ A of submissions per second ${databases.map((database) => `${of(database, (pair) => pair.ratio)} on ${database}`).join(', ')}; of server CPU per submission ${databases.map((database) => `${of(database, (pair) => pair.cpuRatio)} on ${database}`).join(', ')}. ${leaning}`,
    )
  }
  return lines
}

/** The runs grouped by pair of commits (pairs in the order of their first run), oldest first. */
function byPair(comparisons) {
  const key = (item) => `${item.a.sha} ${item.b.sha}`
  const pairs = [...new Set(comparisons.map(key))]
  return pairs.flatMap((pair) =>
    comparisons
      .filter((item) => key(item) === pair)
      .sort((x, y) => x.measuredAt.localeCompare(y.measuredAt)),
  )
}

/** The subsection of docs/benchmarks.md, under the server part, with its enclosing markers. */
export function commitComparisonSection(comparisons = readCommitComparisons()) {
  if (comparisons.length === 0) return ''
  const rows = []
  const notes = []
  for (const comparison of byPair(comparisons)) {
    const pairs = comparisonPairs(comparison)
    for (const pair of pairs) {
      rows.push([
        `${short(comparison.a)} → ${short(comparison.b)}`,
        when(comparison),
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
      `- ${comparison.label ? `**${comparison.label}**: ` : ''}${short(comparison.a)} → ${short(comparison.b)}, measured ${when(comparison)} UTC (${comparison.rounds} rounds, ${comparison.scenarios.reduce((sum, s) => sum + s.submissions, 0)} submissions recorded; load average at start ${load(loads[0])}, at end ${load(loads.at(-1))}, highest 1-min ${Math.max(...loads.map((l) => l[0])).toFixed(2)}): ${pairs.map((pair) => `${pair.database} ${verdict(pair)}`).join('; ')}. \`planVisit\` calls per submission on the server: ${calls('A').planVisit.toFixed(2)} → ${calls('B').planVisit.toFixed(2)} (\`applySubmission\`: ${calls('A').applySubmission.toFixed(2)} → ${calls('B').applySubmission.toFixed(2)}; ${calls('A').submissions} submissions each).`,
    )
  }
  const first = comparisons[0]
  return [
    sectionStart,
    '',
    '### The server across commits',
    '',
    `\`node bench/server/compareCommits.mjs <revA> <revB>\` measures the Trickle API of two commits in one run, each commit's own server code unchanged: a detached git worktree per commit with its own \`npm ci\`, the server in its own process there (\`bench/server/commitServer.mjs\`, copied into that checkout's node_modules so it loads the commit's sources and dependencies). Both commits serve the same b2b-whitepaper config on PGlite (a data folder each) and on PostgreSQL ${first.postgresVersion ?? '(not measured)'}, started by the server tests' harness (a database each); ${first.concurrency} clients in the measuring process send first-visit submissions over loopback as above, no destination. Each server first gets ${(first.initialWarmupMs ?? 0) / 1000} s of unrecorded warm-up; then, per database, the commits take turns, A then B, for ${first.rounds} rounds; each turn is ${first.warmupMs / 1000} s of unrecorded warm-up, then ${first.measureMs / 1000} s or ${first.maxPerRound} submissions. Submissions per second: median over the rounds (lowest–highest round); B ÷ A per round divides each round's B by the A measured just before it, so its spread shows the noise of the machine. Server CPU per submission: the server process's user and system time (\`/proc/<pid>/stat\`) during a round's recorded stretch, divided by its submissions, median over the rounds; it includes PGlite, which runs inside the server process, but not the PostgreSQL server's own processes, and depends far less than submissions per second on what else the machine runs. Latency percentiles over all recorded submissions. Afterwards the rows of every server are checked, and a fresh PGlite server per commit counts the calls of the core's \`planVisit\` and \`applySubmission\` with V8's precise coverage (\`--count-calls\`) over ${first.calls[0].submissions} submissions. These figures come from their own runs (the dates below), not from the run that wrote the rest of this file; \`npm run bench\` keeps them (\`bench/server/commitComparisons.json\`).`,
    '',
    markdownTable(
      [
        'Commits (A → B)',
        'Run (UTC)',
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
      ['l', 'l', 'l', 'r', 'r', 'r', 'r', 'r', 'r', 'r'],
    ),
    '',
    ...notes,
    ...pairSummaries(comparisons),
    '',
    '"Equal within the noise" means the per-round B ÷ A ratios fall on both sides of 1×: a change, if any, is smaller than the spread of those ratios, which is the noise of the run. "In every round" means every round\'s B was below (or above) the A measured just before it. B always follows A within a round, so a machine that gets busier or quieter during a run can lean every round the same way: a lean that the other runs of the same pair do not repeat is no difference between the commits.',
    '',
    sectionEnd,
    '',
  ].join('\n')
}

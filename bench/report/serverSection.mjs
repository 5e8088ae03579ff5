import { markdownTable } from '../lib/markdownTable.mjs'
import { ms, times } from '../lib/stats.mjs'

/** The Trickle scenario and its baseline of one database, with their ratios. */
export function serverPairs(server) {
  const pairs = []
  for (const database of ['PGlite', 'PostgreSQL']) {
    const trickle = server.scenarios.find((s) => s.database === database && s.mode === 'trickle')
    const baseline = server.scenarios.find((s) => s.database === database && s.mode === 'baseline')
    if (!trickle || !baseline) continue
    pairs.push({
      database,
      trickle,
      baseline,
      throughputRatio: trickle.perSecond / baseline.perSecond,
      p50Ratio: trickle.p50Ms / baseline.p50Ms,
      p99Ratio: trickle.p99Ms / baseline.p99Ms,
    })
  }
  return pairs
}

const perSubmission = (value) => (value === undefined ? 'n/a' : value.toFixed(1))

/** Part 4 of docs/benchmarks.md: submissions per second and latency against the baseline. */
export function serverSection(server) {
  const rows = []
  for (const pair of serverPairs(server)) {
    for (const [name, item] of [
      ['Trickle API', pair.trickle],
      ['baseline: same rows, same driver', pair.baseline],
    ]) {
      rows.push([
        pair.database,
        name,
        item.perSecond.toFixed(0),
        ms(item.p50Ms),
        ms(item.p99Ms),
        perSubmission(item.perSubmission?.scans),
        perSubmission(item.perSubmission?.inserted),
        perSubmission(item.perSubmission?.updated),
        String(item.submissions),
      ])
    }
    rows.push([
      pair.database,
      '**Trickle ÷ baseline**',
      times(pair.throughputRatio),
      times(pair.p50Ratio),
      times(pair.p99Ratio),
      '',
      '',
      '',
      '',
    ])
  }
  const database =
    server.postgresSkipped === null
      ? `PostgreSQL ${server.postgresVersion} started by the server tests' harness (\`packages/server/tests/support/postgres.ts\`: Debian's postgresql 15, loopback, fsync off)`
      : `PostgreSQL: **not measured**, ${server.postgresSkipped}`
  return [
    '## 4. Server',
    '',
    `${server.concurrency} concurrent clients (one Node process, keep-alive fetch) send first-visit submissions of new visitors (the whitepaper form of the b2b-whitepaper fixture: e-mail, first name, last name, company, two consents declined) over loopback to four servers, each in its own process on the workspace sources: the Trickle API (\`createTrickleServer\`, rate limiting off as all clients share one address) and a baseline that writes **the same rows through the same driver** without Trickle (a visitor, four answers, two consent events, the consent texts, the visit counter and the submission, in one transaction; no cookie, plan, validation or reads), each on PGlite ${server.versions.pglite} (a data folder) and on ${database}. Both use \`openDatabase\` (same migrated schema, same pool of 10 for PostgreSQL) and @hono/node-server ${server.versions.honoNodeServer}. ${server.rounds} rounds; in each, every scenario in turn gets ${server.warmupMs / 1000} s of unrecorded warm-up, then ${server.measureMs / 1000} s or ${server.maxPerRound} submissions, whichever ends first. Submissions per second: median over the rounds; latency percentiles over all recorded submissions. After the run, the row counts are checked (every submission wrote the rows of a first visit), and the database's table statistics give the index and sequential scans, rows inserted and rows updated per submission.`,
    '',
    markdownTable(
      [
        'Database',
        'Server',
        'submissions/s',
        'p50',
        'p99',
        'scans / submission',
        'rows inserted / submission',
        'rows updated / submission',
        'submissions recorded',
      ],
      rows,
      ['l', 'l', 'r', 'r', 'r', 'r', 'r', 'r', 'r'],
    ),
    '',
    `Drizzle ORM ${server.versions.drizzle}, pg ${server.versions.pg}, Hono ${server.versions.hono}.`,
    '',
  ].join('\n')
}

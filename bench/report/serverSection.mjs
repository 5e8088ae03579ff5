import { markdownTable } from '../lib/markdownTable.mjs'
import { median, ms, times } from '../lib/stats.mjs'

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

/**
 * The Trickle API with one webhook destination against the same API without one, per database,
 * measured in the same run (target: at least 0.9×). With paired rounds (`pairedRatios` in the
 * results) the throughput ratio is the median of the per-round ratios, and `cpuRatio` the median
 * of the per-round CPU ms per submission, no destination ÷ webhook; an older results file has
 * neither, and its ratio is that of the two medians.
 */
export function webhookPairs(server) {
  const pairs = []
  for (const database of ['PGlite', 'PostgreSQL']) {
    const none = server.scenarios.find((s) => s.database === database && s.mode === 'trickle')
    const webhook = server.scenarios.find((s) => s.database === database && s.mode === 'webhook')
    if (!none || !webhook) continue
    const pairedRatios = webhook.pairedRatios?.length > 0 ? webhook.pairedRatios : null
    const cpuRatios = webhook.cpuRatios?.length > 0 ? webhook.cpuRatios : null
    pairs.push({
      database,
      none,
      webhook,
      throughputRatio: pairedRatios ? median(pairedRatios) : webhook.perSecond / none.perSecond,
      pairedRatios,
      cpuRatio: cpuRatios ? median(cpuRatios) : null,
      cpuRatios,
      p50Ratio: webhook.p50Ms / none.p50Ms,
      p99Ratio: webhook.p99Ms / none.p99Ms,
    })
  }
  return pairs
}

const perSubmission = (value) => (value === undefined ? 'n/a' : value.toFixed(1))
const cpuPerSubmission = (value) => (value === undefined ? 'n/a' : value.toFixed(2))

/** Ratios as "0.93×, 0.88×, 1.01×". */
export const ratioList = (values) => values.map(times).join(', ')

/** Round numbers as "1, 3 and 5". */
const roundList = (numbers) =>
  numbers.length === 1
    ? String(numbers[0])
    : `${numbers.slice(0, -1).join(', ')} and ${numbers[numbers.length - 1]}`

/** How the rounds and their slices were run, and what the CPU column holds. */
function roundsText(server) {
  const numbers = Array.from({ length: server.rounds }, (_, index) => index + 1)
  const first = numbers.filter((round) => round % 2 === 1)
  const second = numbers.filter((round) => round % 2 === 0)
  const forward = 'the baseline, the Trickle API, the Trickle API with the webhook'
  const order =
    second.length > 0
      ? `${forward} in rounds ${roundList(first)}, and the reverse order in rounds ${roundList(second)}`
      : forward
  const slice = `${server.measureMs / server.slices / 1000} s or ${Math.ceil(server.maxPerRound / server.slices)} submissions`
  return `Each server first gets ${server.initialWarmupMs / 1000} s of unrecorded warm-up, so that V8 has optimized its hot paths (with the webhook also those of its sending thread and of the receiver). Then ${server.rounds} rounds; in each, per database, every scenario first gets ${server.warmupMs / 1000} s of unrecorded warm-up, then its recorded turn in ${server.slices} slices of ${slice}, whichever ends first. The three servers of a database take turns slice by slice, first in the order of the round (${order}), then in the reverse order, and so on (an even number of rounds, so that each order counts alike: which server starts a round changed the webhook's ratio in some earlier runs), so the Trickle API without a destination always runs right next to both of its twins, which twin comes first alternates, and a drift of the machine's speed within the round falls on all three alike; the two databases also swap places every round. Submissions per second: a turn's submissions over the time of its slices, median over the rounds; latency percentiles over all recorded submissions. CPU ms per submission: the user and system time of the server process (\`/proc/<pid>/stat\`) from just before each slice's load to its end (with the webhook: to the last delivery), summed over the turn's slices and divided by its submissions, median over the rounds; it includes PGlite, which runs inside the server process, and not the clients, which run in the measuring process, or the webhook receiver, which runs in a process of its own. On PostgreSQL it adds the CPU time of the whole cluster over the same spans (the postmaster, its live child processes and the children it reaped); the cluster holds the databases of all three PostgreSQL servers, so this also counts its background processes and the webhook server's once-a-second poll of its outbox while the other two run.`
}

/** Part 4 of docs/benchmarks.md: submissions per second and latency against the baseline. */
export function serverSection(server) {
  const rows = []
  const row = (database, name, item) => [
    database,
    name,
    item.perSecond.toFixed(0),
    ms(item.p50Ms),
    ms(item.p99Ms),
    perSubmission(item.perSubmission?.scans),
    perSubmission(item.perSubmission?.inserted),
    perSubmission(item.perSubmission?.updated),
    cpuPerSubmission(item.cpuMsPerSubmission),
    String(item.submissions),
  ]
  const webhooks = webhookPairs(server)
  for (const pair of serverPairs(server)) {
    for (const [name, item] of [
      ['Trickle API', pair.trickle],
      ['baseline: same rows, same driver', pair.baseline],
    ]) {
      rows.push(row(pair.database, name, item))
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
      '',
    ])
    const webhook = webhooks.find((item) => item.database === pair.database)
    if (webhook) {
      rows.push(row(pair.database, 'Trickle API + one webhook destination', webhook.webhook))
      rows.push([
        pair.database,
        '**one webhook ÷ no destination**',
        times(webhook.throughputRatio),
        times(webhook.p50Ratio),
        times(webhook.p99Ratio),
        '',
        '',
        '',
        '',
        '',
      ])
    }
  }
  const database =
    server.postgresSkipped === null
      ? `PostgreSQL ${server.postgresVersion} started by the server tests' harness (\`packages/server/tests/support/postgres.ts\`: Debian's postgresql 15, loopback, fsync off)`
      : `PostgreSQL: **not measured**, ${server.postgresSkipped}`
  return [
    '## 4. Server',
    '',
    `${server.concurrency} concurrent clients (one Node process, keep-alive fetch) send first-visit submissions of new visitors (the whitepaper form of the b2b-whitepaper fixture: e-mail, first name, last name, company, two consents declined) over loopback to ${server.scenarios.length} servers, each in its own process on the workspace sources: the Trickle API (\`createTrickleServer\`, rate limiting off as all clients share one address), the same API with one webhook destination (see below the table), and a baseline that writes **the same rows through the same driver** without Trickle (a visitor, four answers, two consent events, the consent texts, the visit counter and the submission, in one transaction; no cookie, plan, validation or reads), each on PGlite ${server.versions.pglite} (a data folder) and on ${database}. Both use \`openDatabase\` (same migrated schema, same pool of 10 for PostgreSQL) and @hono/node-server ${server.versions.honoNodeServer}. ${roundsText(server)} After the run, the row counts are checked (every submission wrote the rows of a first visit), and the database's table statistics give the index and sequential scans, rows inserted and rows updated per submission.`,
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
        'CPU ms / submission',
        'submissions recorded',
      ],
      rows,
      ['l', 'l', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r'],
    ),
    '',
    ...webhookNotes(webhooks),
    `Drizzle ORM ${server.versions.drizzle}, pg ${server.versions.pg}, Hono ${server.versions.hono}.`,
    '',
  ].join('\n')
}

/** How the webhook rows were measured, and what arrived. */
function webhookNotes(pairs) {
  if (pairs.length === 0) return []
  const arrived = pairs.map((pair) => {
    const w = pair.webhook.webhook
    const types = Object.entries(w.byType)
      .map(([type, count]) => `${count} ${type}`)
      .join(', ')
    return `${pair.database}: ${w.events} events (${types}) in ${w.requests} requests, ${w.duplicates} duplicates; the last delivery of a slice arrived ${ms(w.drainMs)} after its last submission (median; at most ${ms(w.maxDrainMs)}); the receiver used ${w.receiverCpuMsPerEvent.toFixed(2)} ms of CPU per event (median over the rounds; not in the server's CPU time, but on the same two cores); the API alone answered ${w.apiPerSecond.toFixed(0)} submissions/s while delivering`
  })
  const paired = pairs.filter((pair) => pair.pairedRatios)
  const perRound = paired.map((pair) => {
    const cpu = pair.cpuRatios
      ? `; CPU ms per submission, no destination ÷ one webhook: ${times(pair.cpuRatio)} (${pair.none.cpuMsPerSubmission.toFixed(2)} against ${pair.webhook.cpuMsPerSubmission.toFixed(2)} ms, medians; per round ${ratioList(pair.cpuRatios)})`
      : ''
    return `${pair.database}: ${times(pair.throughputRatio)} (per round ${ratioList(pair.pairedRatios)})${cpu}`
  })
  const ratioText =
    paired.length > 0
      ? ` The ratio in the table's row "one webhook ÷ no destination" is the median of the per-round ratios: each round's submissions per second with the webhook ÷ those of the Trickle API without a destination in the same round, the two measured in alternating slices. The CPU ratio is built the same way from CPU ms per submission, the one without a destination over the one with the webhook, so below 1× means the webhook costs CPU. ${perRound.join('. ')}.`
      : ''
  return [
    `**One webhook destination** (hand-off, issue 15; target: at least 0.9× the submissions per second without one, measured in the same run): the same Trickle API with a \`webhook\` destination that serves the purposes of every field of the form, so each submission also writes its outbox row in the same statement and transaction; after the commit the delivery worker builds the event from the profile the request stored, signs the body (Standard Webhooks) and its sending thread POSTs it to a receiver on 127.0.0.1 that answers 200 at once (node:http in a process of its own, as a CRM is not the load generator; it counts event ids and does not verify signatures, which the server tests do). A webhook turn's submissions per second count the time until the receiver has every event of the outbox, not only until the last answer, at the end of each slice${paired.some((pair) => pair.cpuRatios) ? '; its CPU time counts until the server has also recorded every event as delivered (it marks them in batches, within 50 ms)' : ''}.${ratioText} After the run every acknowledged submission must have arrived as exactly one \`submission.created\` event and every outbox row must be delivered. ${arrived.join('. ')}.`,
    '',
  ]
}

import { ms, times } from '../lib/stats.mjs'
import { serverPairs, webhookPairs } from './serverSection.mjs'

/**
 * Every timed comparison of the run as "Trickle takes `factor`× as long as the comparison"
 * (for throughput: the baseline's submissions per second over Trickle's), with why, in words
 * built from the run's own figures. Sorted, slowest first.
 */
export function timedComparisons({ planner, render, server }) {
  const items = []
  if (render) {
    const { trickle, rjsf } = render.libraries
    const domWhy = `Trickle renders ${trickle.domElements} DOM elements for the 30 fields against RJSF's ${rjsf.domElements}, and on mount it also computes the visit plan, builds the form's zod schema and binds every input to the form session`
    items.push(
      {
        name: 'Rendering: mount on a warm page, Trickle ÷ RJSF',
        factor: render.ratios.mountMs,
        figures: `${ms(trickle.mountMs)} against ${ms(rjsf.mountMs)}`,
        why: `${domWhy}.`,
      },
      {
        name: 'Rendering: mount on a fresh page, Trickle ÷ RJSF',
        factor: render.ratios.coldMountMs,
        figures: `${ms(trickle.coldMountMs)} against ${ms(rjsf.coldMountMs)}`,
        why: `${domWhy}; on a fresh page the code of both runs for the first time (not yet optimised by the JIT).`,
      },
      {
        name: `Rendering: typing ${render.typedCharacters} characters, Trickle ÷ RJSF`,
        factor: render.ratios.typingMs,
        figures: `${ms(trickle.typingMs)} against ${ms(rjsf.typingMs)}`,
        why: "Trickle's inputs are uncontrolled (bound to the form session) and the typed field is no askIf dependency, so typing does not re-plan; RJSF re-renders its form from React state on every keystroke.",
      },
    )
  }
  if (server) {
    for (const pair of serverPairs(server)) {
      const t = pair.trickle.perSubmission
      const b = pair.baseline.perSubmission
      const statements =
        t && b
          ? `Per submission the table statistics count ${t.scans.toFixed(1)} index and sequential scans for Trickle against ${b.scans.toFixed(1)} for the baseline, for ${t.inserted.toFixed(0)} against ${b.inserted.toFixed(0)} rows inserted and ${t.updated.toFixed(0)} against ${b.updated.toFixed(0)} updated${t.scans <= b.scans ? ': the database does no more work for Trickle, so the gap is the work around the statements. ' : '. '}`
          : ''
      const engine =
        pair.database === 'PGlite'
          ? 'PGlite runs every statement on its one embedded connection in the server process, on the same thread as the HTTP handling, the planner and Drizzle, so the CPU work of each request and the statements queue behind each other for all 16 clients.'
          : 'On PostgreSQL the statements run in separate server processes on a pool of 10 connections, so the CPU work of the app overlaps with them better than on PGlite.'
      items.push({
        name: `Server on ${pair.database}: submissions per second, baseline ÷ Trickle`,
        factor: 1 / pair.throughputRatio,
        figures: `${pair.trickle.perSecond.toFixed(0)} against ${pair.baseline.perSecond.toFixed(0)} submissions/s; p50 ${ms(pair.trickle.p50Ms)} against ${ms(pair.baseline.p50Ms)}, p99 ${ms(pair.trickle.p99Ms)} against ${ms(pair.baseline.p99Ms)}`,
        why: `${statements}Trickle does not trust the browser: for each submission it parses and checks the JSON body, creates the visitor's row (its lock for the transaction; a returning visitor's row is locked and the stored answers, consent events and idempotency key are read), plans once with the answers and re-validates them in applySubmission before it writes, hashes the consent texts shown, and plans again for the response; around it run Hono's middleware (CORS, secure headers, the signed visitor cookie) and Drizzle's query building. The baseline only writes the rows. ${engine}`,
      })
    }
    for (const pair of webhookPairs(server)) {
      items.push({
        name: `Server on ${pair.database}: submissions per second, no destination ÷ one webhook destination`,
        factor: 1 / pair.throughputRatio,
        figures: `${pair.pairedRatios ? 'median of the per-round ratios; ' : ''}${pair.webhook.perSecond.toFixed(0)} submissions/s with the webhook (until delivered) against ${pair.none.perSecond.toFixed(0)} without; p99 ${ms(pair.webhook.p99Ms)} against ${ms(pair.none.p99Ms)}${pair.cpuRatio === null ? '' : `; CPU ${pair.webhook.cpuMsPerSubmission.toFixed(2)} ms against ${pair.none.cpuMsPerSubmission.toFixed(2)} ms per submission`}`,
        why: 'With a destination each submission also writes its outbox rows in the same transaction, and the delivery worker, in the same process and on the same database, claims each row, reads the profile and the consent texts back, builds and signs the body and POSTs it, then marks the row delivered.',
      })
    }
  }
  if (planner) {
    for (const size of planner.sizes) {
      items.push({
        name: `Planner at ${size.fields.toLocaleString('en-US')} fields: planVisit ÷ JSON.parse of the config`,
        factor: size.ratios.planVisit,
        figures: `${ms(size.medians.planVisit)} against ${ms(size.medians.jsonParse)}`,
        why: 'planVisit makes one decision object per field of the form and looks every field up in the profile.',
      })
    }
  }
  return items.sort((a, b) => b.factor - a.factor)
}

/** The closing note: every timed ratio, and the slowest one with why. */
export function slowestRatioSection(results) {
  const items = timedComparisons(results)
  if (items.length === 0) return '## The slowest ratio\n\nNo timed part ran.\n'
  const [slowest] = items
  return [
    '## The slowest ratio',
    '',
    `**${slowest.name}: ${times(slowest.factor)}** (${slowest.figures}).`,
    '',
    `Why: ${slowest.why}`,
    '',
    'Every timed ratio of this run, as "Trickle takes this many times as long" (below 1×: Trickle is faster):',
    '',
    ...items.map((item) => `- ${item.name}: ${times(item.factor)} (${item.figures})`),
    '',
  ].join('\n')
}

import { parseConfig, planVisit } from '@trickle/core'
import { Bench } from 'tinybench'
import { sendResult } from '../lib/runNodeScript.mjs'
import { median } from '../lib/stats.mjs'
import { generateConfig, returningVisitor } from './generateConfig.mjs'

/**
 * Part 2, run in its own process: planVisit for generated configs of 10 to 10,000 fields, as a
 * ratio to JSON.parse of the same config text. Every size runs once per round (`rounds`
 * rounds, the task order rotated); a round's figure is tinybench's median latency, the reported
 * figure the median over the rounds, and a ratio the median of the rounds' ratios.
 */
const sizes = [10, 100, 1_000, 10_000]
const rounds = 3
const now = new Date('2026-03-01T12:00:00Z')

const tasks = {
  jsonParse: 'JSON.parse of the config text',
  planVisit: 'planVisit (config already indexed: every plan after the first)',
  planVisitFirst: 'planVisit, first plan of a config object (builds its index)',
  parseConfig: 'parseConfig of the parsed JSON (validation, once per config)',
}

const collectGarbage = () => {
  if (typeof globalThis.gc !== 'function') {
    throw new Error('Run the planner bench with node --expose-gc (bench/run.mjs does).')
  }
  globalThis.gc()
}

function prepare(fieldCount) {
  const text = JSON.stringify(generateConfig(fieldCount))
  const parsed = parseConfig(JSON.parse(text))
  if (!parsed.ok) {
    const issues = parsed.issues.slice(0, 5).map((issue) => `${issue.path}: ${issue.message}`)
    throw new Error(`The generated config of ${fieldCount} fields is invalid: ${issues.join('; ')}`)
  }
  const config = parsed.config
  const profile = returningVisitor(config, now)
  const plan = planVisit(config, profile, { formId: 'gate', now })
  // The plan must be a real one: a decision for every field, the e-mail plus new fields asked.
  if (plan.decisions.length !== fieldCount || plan.fields.length < 2) {
    throw new Error(
      `planVisit gave ${plan.decisions.length} decisions and ${plan.fields.length} fields for ${fieldCount} fields.`,
    )
  }
  return { text, json: JSON.parse(text), config, profile, plan }
}

/** The tasks of one size, measured on the same data in every round. */
function sizeTasks(fieldCount) {
  const { text, json, config, profile, plan } = prepare(fieldCount)
  const options = { formId: 'gate', now }
  return {
    fieldCount,
    text,
    plan,
    functions: {
      jsonParse: () => JSON.parse(text),
      planVisit: () => planVisit(config, profile, options),
      // A new config object each time: the index cache (a WeakMap by config) misses.
      planVisitFirst: () => planVisit({ ...config }, profile, options),
      parseConfig: () => parseConfig(json),
    },
    perRound: Object.fromEntries(Object.keys(tasks).map((key) => [key, []])),
  }
}

/** One tinybench round of one size, the task order rotated by the round. */
async function runRound(size, round) {
  const bench = new Bench({
    time: size.fieldCount >= 10_000 ? 400 : 250,
    iterations: size.fieldCount >= 10_000 ? 8 : 32,
    warmupTime: 80,
    warmupIterations: 4,
    throws: true,
    // Each task starts on a collected heap, not on the garbage of the task before it.
    setup: collectGarbage,
  })
  const keys = Object.keys(size.functions)
  const order = [...keys.slice(round % keys.length), ...keys.slice(0, round % keys.length)]
  for (const key of order) bench.add(key, size.functions[key])
  await bench.run()
  for (const task of bench.tasks) {
    if (task.result.state !== 'completed') {
      throw new Error(`tinybench task ${task.name} ended as ${task.result.state}`)
    }
    size.perRound[task.name].push({
      p50: task.result.latency.p50,
      samples: task.result.latency.samplesCount,
    })
  }
}

function summary(size) {
  const { perRound } = size
  const medians = {}
  const ratios = {}
  const samples = {}
  for (const key of Object.keys(tasks)) {
    medians[key] = median(perRound[key].map((item) => item.p50))
    samples[key] = perRound[key].reduce((sum, item) => sum + item.samples, 0)
    ratios[key] = median(perRound[key].map((item, i) => item.p50 / perRound.jsonParse[i].p50))
  }
  console.log(
    `${size.fieldCount} fields: JSON.parse ${medians.jsonParse.toFixed(4)} ms, planVisit ${medians.planVisit.toFixed(4)} ms (${ratios.planVisit.toFixed(3)}×)`,
  )
  return {
    fields: size.fieldCount,
    configBytes: Buffer.byteLength(size.text),
    askedFields: size.plan.fields.length,
    medians,
    ratios,
    samples,
  }
}

// Rounds outermost: every size is measured once per round, so 1,000 and 10,000 fields run
// close together in time and a change of the machine's load hits both.
const prepared = sizes.map(sizeTasks)
for (let round = 0; round < rounds; round++) {
  const order = round % 2 === 0 ? prepared : [...prepared].reverse()
  for (const size of order) await runRound(size, round)
}
const results = prepared.map(summary)
const at = (count) => prepared.find((size) => size.fieldCount === count).perRound
// Growth: per round, time at 10,000 over time at 1,000; the median of the rounds.
const growth = Object.fromEntries(
  Object.keys(tasks).map((key) => [
    key,
    median(at(10_000)[key].map((item, i) => item.p50 / at(1_000)[key][i].p50)),
  ]),
)
sendResult({ tasks, rounds, sizes: results, growth })

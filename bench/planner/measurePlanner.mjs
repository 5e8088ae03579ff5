import { parseConfig, planVisit } from '@trickle/core'
import { Bench } from 'tinybench'
import { sendResult } from '../lib/runNodeScript.mjs'
import { median } from '../lib/stats.mjs'
import { generateConfig, returningVisitor } from './generateConfig.mjs'

/**
 * Part 2, run in its own process: planVisit for generated configs of 10 to 10,000 fields, as a
 * ratio to JSON.parse of the same config text. Each size runs `rounds` tinybench rounds in
 * turn with the task order rotated; a round's figure is the median latency, the reported
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

async function measureSize(fieldCount) {
  const { text, json, config, profile, plan } = prepare(fieldCount)
  const options = { formId: 'gate', now }
  const functions = {
    jsonParse: () => JSON.parse(text),
    planVisit: () => planVisit(config, profile, options),
    // A new config object each time: the index cache (a WeakMap by config) misses.
    planVisitFirst: () => planVisit({ ...config }, profile, options),
    parseConfig: () => parseConfig(json),
  }
  const perRound = Object.fromEntries(Object.keys(functions).map((key) => [key, []]))
  for (let round = 0; round < rounds; round++) {
    const bench = new Bench({
      time: fieldCount >= 10_000 ? 400 : 250,
      iterations: fieldCount >= 10_000 ? 8 : 32,
      warmupTime: 80,
      warmupIterations: 4,
      throws: true,
      // Each task starts on a collected heap, not on the garbage of the task before it.
      setup: collectGarbage,
    })
    const keys = Object.keys(functions)
    const order = [...keys.slice(round % keys.length), ...keys.slice(0, round % keys.length)]
    for (const key of order) bench.add(key, functions[key])
    await bench.run()
    for (const task of bench.tasks) {
      if (task.result.state !== 'completed') {
        throw new Error(`tinybench task ${task.name} ended as ${task.result.state}`)
      }
      perRound[task.name].push({ p50: task.result.latency.p50, samples: task.result.latency.samplesCount })
    }
  }
  const medians = {}
  const ratios = {}
  const samples = {}
  for (const key of Object.keys(functions)) {
    medians[key] = median(perRound[key].map((item) => item.p50))
    samples[key] = perRound[key].reduce((sum, item) => sum + item.samples, 0)
    ratios[key] = median(perRound[key].map((item, i) => item.p50 / perRound.jsonParse[i].p50))
  }
  console.log(
    `${fieldCount} fields: JSON.parse ${medians.jsonParse.toFixed(4)} ms, planVisit ${medians.planVisit.toFixed(4)} ms (${ratios.planVisit.toFixed(3)}×)`,
  )
  return {
    fields: fieldCount,
    configBytes: Buffer.byteLength(text),
    askedFields: plan.fields.length,
    medians,
    ratios,
    samples,
  }
}

const results = []
for (const size of sizes) results.push(await measureSize(size))
const at = (count) => results.find((item) => item.fields === count)
const growth = Object.fromEntries(
  Object.keys(tasks).map((key) => [key, at(10_000).medians[key] / at(1_000).medians[key]]),
)
sendResult({ tasks, rounds, sizes: results, growth })

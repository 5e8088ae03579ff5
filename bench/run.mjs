import { loadavg } from 'node:os'
import { fileURLToPath } from 'node:url'
import { machineInfo } from './lib/machineInfo.mjs'
import { runNodeScript } from './lib/runNodeScript.mjs'
import { measureRender } from './render/measureRender.mjs'
import { plannerSection } from './report/plannerSection.mjs'
import { privacySection } from './report/privacySection.mjs'
import { renderSection } from './report/renderSection.mjs'
import { serverSection } from './report/serverSection.mjs'
import { sizeSection } from './report/sizeSection.mjs'
import { slowestRatioSection } from './report/slowestRatio.mjs'
import { studioSection } from './studio/studioSection.mjs'
import { writeBenchmarks } from './report/writeBenchmarks.mjs'
import { measureSizes } from './size/measureSizes.mjs'

/**
 * `npm run bench`: Trickle and its peers measured side by side in one run (bundle sizes, the
 * planner, rendering in Chromium, the server, the privacy desk's lookup, the studio's page), then docs/benchmarks.md
 * rewritten from the results. `--only=sizes,planner,render,server,privacy,studio` runs some parts and
 * only prints their tables.
 * Every part has its own time limit; together they stay well under ten minutes.
 */
const allParts = ['sizes', 'planner', 'render', 'server', 'privacy', 'studio']
const script = (path) => fileURLToPath(new URL(path, import.meta.url))

const parts = {
  sizes: () => measureSizes(),
  planner: () =>
    runNodeScript(script('./planner/measurePlanner.mjs'), {
      label: 'planner',
      nodeArgs: ['--expose-gc'],
      timeoutMs: 100_000,
    }),
  render: () => measureRender({ timeLimitMs: 130_000 }),
  server: () =>
    runNodeScript(script('./server/measureServer.mjs'), { label: 'server', timeoutMs: 360_000 }),
  privacy: () =>
    runNodeScript(script('./privacy/measurePrivacy.mjs'), { label: 'privacy', timeoutMs: 110_000 }),
  studio: () =>
    runNodeScript(script('./studio/measureStudio.mjs'), { label: 'studio', timeoutMs: 150_000 }),
}

const sections = {
  sizes: sizeSection,
  planner: plannerSection,
  render: renderSection,
  server: serverSection,
  privacy: privacySection,
  studio: studioSection,
}

function selectedParts(argv) {
  const only = argv.find((arg) => arg.startsWith('--only='))
  if (!only) return allParts
  const names = only.slice('--only='.length).split(',').filter(Boolean)
  const unknown = names.filter((name) => !allParts.includes(name))
  if (unknown.length > 0 || names.length === 0) {
    throw new Error(
      `--only takes a comma-separated list of: ${allParts.join(', ')} (got "${only}").`,
    )
  }
  return names
}

const selected = selectedParts(process.argv.slice(2))
const startedAt = new Date()
const machine = machineInfo()
console.log(
  `Trickle benchmarks: ${selected.join(', ')} on ${machine.cpuModel} x${machine.cores}, Node ${machine.node}`,
)

const results = {}
const errors = {}
for (const part of selected) {
  const started = performance.now()
  console.log(`\n[${part}]`)
  try {
    results[part] = await parts[part]()
    console.log(`[${part}] done in ${((performance.now() - started) / 1000).toFixed(1)} s`)
  } catch (error) {
    errors[part] = error instanceof Error ? error.message : String(error)
    console.error(`[${part}] FAILED: ${errors[part]}`)
  }
}

for (const part of selected) {
  if (results[part]) console.log(`\n${sections[part](results[part])}`)
}
console.log(slowestRatioSection(results))

const durationMs = Date.now() - startedAt.getTime()
if (selected.length === allParts.length) {
  const file = writeBenchmarks({
    machine,
    startedAt,
    durationMs,
    loadAtEnd: loadavg(),
    results,
    errors,
  })
  console.log(`Wrote ${file} (${(durationMs / 1000).toFixed(0)} s in all).`)
} else {
  console.log(
    `Partial run (${(durationMs / 1000).toFixed(0)} s): docs/benchmarks.md left as it was.`,
  )
}
if (Object.keys(errors).length > 0) {
  console.error(`Failed parts: ${Object.keys(errors).join(', ')}`)
  process.exitCode = 1
}

import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { installedVersion } from '../lib/packageInfo.mjs'
import { markdownTable } from '../lib/markdownTable.mjs'
import { repoRoot } from '../lib/repoRoot.mjs'
import { kB, ms, times } from '../lib/stats.mjs'
import { commitComparisonSection } from './commitComparisonSection.mjs'
import { plannerSection } from './plannerSection.mjs'
import { privacyPairs, privacySection } from './privacySection.mjs'
import { renderSection } from './renderSection.mjs'
import { serverPairs, serverSection, webhookPairs } from './serverSection.mjs'
import { againstLimit, sizeSection } from './sizeSection.mjs'
import { slowestRatioSection } from './slowestRatio.mjs'
import { studioSection } from '../studio/studioSection.mjs'

export const benchmarksFile = join(repoRoot, 'docs', 'benchmarks.md')

const gib = (bytes) => `${(bytes / 1024 ** 3).toFixed(1)} GiB`
const load = (values) => values.map((value) => value.toFixed(2)).join(', ')

/** The whole of docs/benchmarks.md from the results of one run. */
export function benchmarksMarkdown({ machine, startedAt, durationMs, loadAtEnd, results, errors }) {
  const { sizes, planner, render, server, privacy } = results
  const sections = [
    '# Benchmarks',
    '',
    `> Written by \`npm run bench\` (\`bench/run.mjs\`) on ${startedAt.toISOString().slice(0, 10)} at ${startedAt.toISOString().slice(11, 16)} UTC, in ${(durationMs / 1000).toFixed(0)} s. Every figure below comes from that one run; run it again rather than editing this file. Absolute times on a shared machine are noisy: compare the medians and ratios measured side by side in the same run.`,
    '',
    headline(results),
    '## Machine and versions',
    '',
    markdownTable(
      ['', ''],
      [
        [
          'CPU',
          `${machine.cpuModel}, ${machine.cores} cores (available parallelism ${machine.availableParallelism})`,
        ],
        ['Memory', gib(machine.memoryBytes)],
        ['OS', `${machine.os} (${machine.kernel})`],
        [
          'Load average (1, 5, 15 min)',
          `at start ${load(machine.loadAverage)}; at end ${load(loadAtEnd)}`,
        ],
        ['Node / npm', `${machine.node} / ${machine.npm}`],
        ['Commit measured', machine.commit],
        ['Chromium', render?.chromium ?? 'not run'],
        ['PostgreSQL', server?.postgresVersion ?? privacy?.postgresVersion ?? 'not run'],
        [
          'Tools',
          `esbuild ${sizes?.esbuild ?? installedVersion('esbuild')}, tinybench ${installedVersion('tinybench')}, playwright-core ${installedVersion('playwright-core')}, tsx ${installedVersion('tsx')}`,
        ],
        [
          'Libraries',
          [
            'react',
            'react-dom',
            'zod',
            'zustand',
            '@rjsf/core',
            '@jsonforms/core',
            'survey-core',
            '@tanstack/react-form',
          ]
            .map((name) => `${name} ${installedVersion(name)}`)
            .join(', '),
        ],
      ],
      ['l', 'l'],
    ),
    '',
    sizes ? sizeSection(sizes) : notMeasured('1. Bundle size', errors.sizes),
    planner ? plannerSection(planner) : notMeasured('2. Planner', errors.planner),
    render ? renderSection(render) : notMeasured('3. Rendering in Chromium', errors.render),
    server ? serverSection(server) : notMeasured('4. Server', errors.server),
    // Kept from bench/server/compareCommits.mjs runs (bench/server/commitComparisons.json).
    ...[commitComparisonSection()].filter(Boolean),
    privacy
      ? privacySection(privacy)
      : notMeasured('5. Privacy desk: find a person by e-mail', errors.privacy),
    results.studio
      ? studioSection(results.studio)
      : notMeasured('6. Studio: page weight and time to first preview', errors.studio),
    slowestRatioSection(results),
    '## Running it',
    '',
    `\`npm run bench\` runs the six parts one after the other (${(durationMs / 1000).toFixed(0)} s in this run) and rewrites this file; every loop is bounded in count and time. \`node bench/run.mjs --only=sizes,planner\` runs some parts and prints their tables without touching this file. The parts: \`bench/size\` (esbuild and gzip, with a Chromium check that every entry renders), \`bench/planner\` (tinybench, in its own process), \`bench/render\` (playwright-core and Chromium), \`bench/server\` (its own process; PostgreSQL through \`packages/server/tests/support/postgres.ts\`), \`bench/privacy\` (its own process; 100,000 profiles by bulk SQL on PGlite and PostgreSQL), \`bench/studio\` (its own process; \`trickle studio\` on the B2B fixture and Chromium).`,
    '',
  ]
  return sections.join('\n')
}

function notMeasured(title, error) {
  return `## ${title}\n\n**Not measured in this run**: ${error ?? 'skipped'}\n`
}

/** The few figures people ask for first. */
function headline({ sizes, planner, render, server, privacy }) {
  const lines = ['## In short', '']
  if (sizes) {
    const byId = (id) => sizes.bundles.find((bundle) => bundle.id === id)
    const gated = byId('gated-form')
    const runtime = byId('core-runtime')
    const target = (id) => sizes.targets.find((item) => item.bundleId === id)
    lines.push(
      `- **Size**: the complete gated form is ${kB(gated.gzipBytes)} gz (target ${kB(target('gated-form').limitBytes)}: ${againstLimit(gated.gzipBytes, target('gated-form').limitBytes)}); the core's runtime import set is ${kB(runtime.gzipBytes)} gz (target ${kB(target('core-runtime').limitBytes)}: ${againstLimit(runtime.gzipBytes, target('core-runtime').limitBytes)}). Peers rendering the same form: ${sizes.bundles
        .filter((bundle) => bundle.group === 'Peer')
        .map((bundle) => `${bundle.name} ${kB(bundle.gzipBytes)}`)
        .join(', ')}.`,
    )
  }
  if (planner) {
    const at = (count) => planner.sizes.find((size) => size.fields === count)
    lines.push(
      `- **Planner**: planVisit takes ${times(at(1_000).ratios.planVisit)} the time of JSON.parse of the same config at 1,000 fields (${ms(at(1_000).medians.planVisit)}) and ${times(at(10_000).ratios.planVisit)} at 10,000 (${ms(at(10_000).medians.planVisit)}); from 1,000 to 10,000 fields its time grows ${times(planner.growth.planVisit)} (JSON.parse: ${times(planner.growth.jsonParse)}).`,
    )
  }
  if (render) {
    lines.push(
      `- **Rendering** 30 fields in Chromium, Trickle ÷ RJSF: mount ${times(render.ratios.mountMs)} (fresh page ${times(render.ratios.coldMountMs)}), typing ${render.typedCharacters} characters ${times(render.ratios.typingMs)}.`,
    )
  }
  if (server) {
    lines.push(
      `- **Server**, 16 clients: ${serverPairs(server)
        .map(
          (pair) =>
            `${pair.database} ${pair.trickle.perSecond.toFixed(0)} submissions/s (${times(pair.throughputRatio)} the baseline's ${pair.baseline.perSecond.toFixed(0)}), p99 ${ms(pair.trickle.p99Ms)}`,
        )
        .join('; ')}.`,
    )
    const webhooks = webhookPairs(server)
    if (webhooks.length > 0) {
      lines.push(
        `- **Hand-off**, one webhook destination against none, until every event is delivered (target ≥ 0.90×${webhooks.some((pair) => pair.pairedRatios) ? '; median of the per-round ratios' : ''}): ${webhooks
          .map(
            (pair) =>
              `${pair.database} ${times(pair.throughputRatio)} (${pair.webhook.perSecond.toFixed(0)} against ${pair.none.perSecond.toFixed(0)} submissions/s, ${pair.webhook.webhook.duplicates} duplicates)${pair.cpuRatio === null ? '' : ` and ${times(pair.cpuRatio)} in CPU per submission (none ÷ one webhook)`}`,
          )
          .join('; ')}.`,
      )
    }
  }
  if (privacy) {
    lines.push(
      `- **Privacy desk**, find by e-mail among ${privacy.profiles.toLocaleString('en')} profiles, with the address index against a scan of the values: ${privacyPairs(
        privacy,
      )
        .map(
          (pair) =>
            `${pair.database} p50 ${ms(pair.index.p50Ms)} against ${ms(pair.scan.p50Ms)} (${times(pair.p50Speedup)}), p99 ${ms(pair.index.p99Ms)} against ${ms(pair.scan.p99Ms)}`,
        )
        .join('; ')}.`,
    )
  }
  lines.push('')
  return lines.join('\n')
}

/** Writes docs/benchmarks.md. */
export function writeBenchmarks(run) {
  writeFileSync(benchmarksFile, benchmarksMarkdown(run))
  return benchmarksFile
}

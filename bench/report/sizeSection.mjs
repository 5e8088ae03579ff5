import { markdownTable } from '../lib/markdownTable.mjs'
import { kB } from '../lib/stats.mjs'

const percent = (value) => `${(value * 100).toFixed(1)} %`

/** `+1.20 kB over` or `0.80 kB under`, against a limit. */
export function againstLimit(bytes, limitBytes) {
  const difference = bytes - limitBytes
  return difference > 0
    ? `**${kB(difference)} over** (${percent(bytes / limitBytes)} of the limit)`
    : `${kB(-difference)} under`
}

/** Part 1 of docs/benchmarks.md: bundle sizes, budgets, where the bytes go, stylesheets. */
export function sizeSection(sizes) {
  const gated = sizes.bundles.find((bundle) => bundle.id === 'gated-form')
  const lines = [
    '## 1. Bundle size',
    '',
    `Each row is a tiny entry in \`bench/size/entries/\` that imports the library the way an app does and renders the same four-field form (the two core rows only re-export). Built with esbuild ${sizes.esbuild}: browser, ESM, minified, \`process.env.NODE_ENV = "production"\`, license comments left out, \`react\`, \`react-dom\` and their subpaths external; gzip level 9. Trickle is built **from the workspace sources** through the \`@trickle/source\` export condition (no \`npm run build\` needed). Before its size counts, every rendering entry is built again with React inside and opened in Chromium: it must show its form controls (last column).`,
    '',
    markdownTable(
      [
        'Bundle',
        'What is imported',
        'min',
        'min + gzip',
        'vs. Trickle gated form',
        'controls rendered',
      ],
      sizes.bundles.map((bundle) => [
        `${bundle.group === 'Peer' ? '' : '**'}${bundle.name}${bundle.group === 'Peer' ? '' : '**'}`,
        bundle.imports,
        kB(bundle.minBytes),
        kB(bundle.gzipBytes),
        bundle.id === 'gated-form'
          ? '1.00×'
          : `${(bundle.gzipBytes / gated.gzipBytes).toFixed(2)}×`,
        bundle.renderedControls ?? '(no UI)',
      ]),
      ['l', 'l', 'r', 'r', 'r', 'r'],
    ),
    '',
    'Packages in each bundle, at the installed versions:',
    '',
    ...sizes.bundles.map(
      (bundle) =>
        `- ${bundle.name}: ${bundle.packages.map((item) => (item.version && !item.name.startsWith('@trickle/') ? `${item.name} ${item.version}` : item.name)).join(', ')}`,
    ),
    ...(sizes.declaredNotBundled.length > 0
      ? [
          '',
          `Declared as dependencies of @trickle/react or @trickle/core but not in the gated form, because no code of theirs imports them: ${sizes.declaredNotBundled.join(', ')}.`,
        ]
      : []),
    '',
    '### Targets and budgets',
    '',
    'The targets of issue 10 and the budgets `npm run size` enforces (`.size-limit.js`, measured there on `dist/`), next to the same import sets measured here:',
    '',
    markdownTable(
      ['Limit', 'Bundle measured', 'Limit (gz)', 'Measured (gz)', 'Result'],
      [
        ...sizes.targets.map((target) => [
          `Issue 10 target: ${target.label}`,
          target.name,
          kB(target.limitBytes),
          kB(target.gzipBytes),
          againstLimit(target.gzipBytes, target.limitBytes),
        ]),
        ...sizes.budgets.map((budget) => [
          `.size-limit.js: ${budget.name}`,
          sizes.bundles.find((bundle) => bundle.id === budget.bundleId).name,
          kB(budget.limitBytes),
          kB(budget.gzipBytes),
          againstLimit(budget.gzipBytes, budget.limitBytes),
        ]),
      ],
      ['l', 'l', 'r', 'r', 'l'],
    ),
    '',
    "What the targets leave for Trickle's own code: each target minus what its dependencies cost when an app uses them the least it can (`bench/size/entries/dependencies*.ts`: the smallest zod/mini object schema, a zustand store), next to the gzip size of Trickle's own code in that bundle (all third-party packages left out; see below). Sizes do not add up exactly under gzip, so this is a close estimate, not an exact split.",
    '',
    markdownTable(
      [
        'Target',
        'Limit (gz)',
        'Dependencies alone (gz)',
        'Left for Trickle (gz)',
        "Trickle's own code now (gz)",
      ],
      sizes.targets
        .filter((target) => target.ownCodeGzipBytes !== null && target.floor)
        .map((target) => [
          `${target.label} (${target.name})`,
          kB(target.limitBytes),
          `${kB(target.floor.gzipBytes)} (${target.floor.name})`,
          kB(target.limitBytes - target.floor.gzipBytes),
          kB(target.ownCodeGzipBytes),
        ]),
      ['l', 'r', 'l', 'r', 'r'],
    ),
    '',
    '### Where the bytes go',
    '',
    "`min` is the minified bytes of each package in the bundle (esbuild metafile, exact). gzip does not split into exact shares, so `gz saved if left out` is measured: the bundle is built again without the package. A third-party package is left out of the whole bundle; a Trickle package is left out of Trickle's own code (all third-party packages out of both builds), so what it pulls in is not counted twice.",
    '',
  ]
  for (const detail of sizes.contributors) {
    lines.push(
      `**${detail.name}**: ${kB(detail.minBytes)} min, ${kB(detail.gzipBytes)} gz; Trickle's own code alone ${kB(detail.ownCodeGzipBytes)} gz.`,
      '',
      markdownTable(
        ['Package', 'min', 'share of min', 'gz saved if left out'],
        detail.packages.map((item) => [
          item.name,
          kB(item.minBytes),
          percent(item.share),
          kB(item.gzipSavedBytes),
        ]),
      ),
      '',
      'Largest modules:',
      '',
      markdownTable(
        ['Module', 'min'],
        detail.modules.map((module) => [`\`${module.path}\``, kB(module.minBytes)]),
      ),
      '',
    )
  }
  lines.push(
    '### Stylesheets (not in the figures above)',
    '',
    markdownTable(
      ['Stylesheet', 'min', 'min + gzip'],
      sizes.stylesheets.map((sheet) => [sheet.name, kB(sheet.minBytes), kB(sheet.gzipBytes)]),
    ),
    '',
    'RJSF (core theme), JSON Forms (vanilla) and TanStack Form ship no stylesheet of their own.',
    '',
  )
  return lines.join('\n')
}

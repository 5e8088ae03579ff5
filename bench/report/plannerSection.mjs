import { markdownTable } from '../lib/markdownTable.mjs'
import { kB, ms, times } from '../lib/stats.mjs'

const count = (value) => value.toLocaleString('en-US')

/** Part 2 of docs/benchmarks.md: planVisit against JSON.parse, and its growth. */
export function plannerSection(planner) {
  const cell = (size, key) =>
    key === 'jsonParse'
      ? ms(size.medians[key])
      : `${ms(size.medians[key])} (${times(size.ratios[key])})`
  return [
    '## 2. Planner',
    '',
    `\`planVisit\` on generated, valid configs (\`bench/planner/generateConfig.mjs\`: one form whose sequence holds every field but the e-mail, which it asks on every visit; every 7th field needs the sales consent, every 5th has an \`askIf\` on an earlier select, every 4th goes stale after a year) for a returning visitor who answered every other field and granted the sales consent, so the planner walks the whole sequence. Same process, tinybench; ${planner.rounds} rounds, each measuring every size in turn (so 1,000 and 10,000 fields run close together in time), the task order rotated per round, a garbage collection before each task. A figure is the median over the rounds of each round's median latency; a ratio (in brackets) is the median of the rounds' ratios to \`JSON.parse\` of the same config text.`,
    '',
    markdownTable(
      [
        'Fields',
        'Config JSON',
        'JSON.parse',
        'planVisit',
        'planVisit, first plan of a config',
        'parseConfig',
      ],
      planner.sizes.map((size) => [
        count(size.fields),
        kB(size.configBytes),
        cell(size, 'jsonParse'),
        cell(size, 'planVisit'),
        cell(size, 'planVisitFirst'),
        cell(size, 'parseConfig'),
      ]),
    ),
    '',
    '- `planVisit`: every plan after the first of a config object (its id index is kept in a WeakMap by config; the store plans many times per config).',
    '- `planVisit, first plan of a config`: a new config object each time, so the index is built too.',
    '- `parseConfig`: validation of the parsed JSON with every cross-reference check; once per config (the server at start, the CLI, or a browser app that validates at start).',
    '',
    "Growth from 1,000 to 10,000 fields (10× the fields; 1× would be constant, 10× linear), the median of the rounds' ratios:",
    '',
    markdownTable(
      ['', 'JSON.parse', 'planVisit', 'planVisit, first plan', 'parseConfig'],
      [
        [
          'time at 10,000 ÷ time at 1,000',
          times(planner.growth.jsonParse),
          times(planner.growth.planVisit),
          times(planner.growth.planVisitFirst),
          times(planner.growth.parseConfig),
        ],
      ],
    ),
    '',
  ].join('\n')
}

import { markdownTable } from '../lib/markdownTable.mjs'
import { kB, ms } from '../lib/stats.mjs'

/** Part 6 of docs/benchmarks.md: the studio's page weight and time to first preview. */
export function studioSection(studio) {
  const rows = studio.weight.map((part) => [part.name, kB(part.bytes), kB(part.gzip)])
  rows.push(['**everything the page loads**', kB(studio.total.bytes), kB(studio.total.gzip)])
  return [
    '## 6. Studio: page weight and time to first preview',
    '',
    `What \`trickle studio\` sends the browser for the B2B fixture (gzip level 9; the studio is a local page, loaded once and offline), and the time from opening the page until the first visit's form is rendered in the preview (editor, config check, \`simulateJourney\` for three visits, three forms of \`@trickle/react\`), median of ${studio.runs} page loads in Chromium, each in a fresh context. \`bench/studio/measureStudio.mjs\`.`,
    '',
    markdownTable(['Part', 'Bytes', 'Gzipped'], rows, ['l', 'r', 'r']),
    '',
    `Time to first preview: **${ms(studio.medianFirstPreviewMs)}** median (runs: ${studio.firstPreviewMs.map((v) => `${v} ms`).join(', ')}).`,
    '',
  ].join('\n')
}

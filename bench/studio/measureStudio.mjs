// The studio's page weight (what the page loads, raw and gzipped) and its time to first preview
// in Chromium (page opened until the first visit's form is rendered), median of several runs.
// Runs in its own process on the workspace sources (see lib/runNodeScript.mjs): `trickle studio`
// serves a copy of the B2B fixture on a free port.
import { copyFile, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { launchChromium } from '../lib/launchChromium.mjs'
import { repoRoot } from '../lib/repoRoot.mjs'
import { resultMarker } from '../lib/runNodeScript.mjs'
import { median } from '../lib/stats.mjs'
import { startStudio } from '../../packages/cli/src/studioCommand.ts'

const runs = 9
const timeLimitMs = 60_000
const fixture = join(repoRoot, 'packages', 'core', 'tests', 'fixtures', 'b2b-whitepaper.json')

const dir = await mkdtemp(join(tmpdir(), 'trickle-bench-studio-'))
const quiet = {
  stdout: () => {},
  stderr: () => {},
  cwd: dir,
  colors: undefined,
  confirm: undefined,
}
await copyFile(fixture, join(dir, 'trickle.config.json'))
const buildStarted = performance.now()
const studio = await startStudio(quiet, { config: 'trickle.config.json', open: false })
const startMs = performance.now() - buildStarted

try {
  // Page weight: the HTML, the script, the stylesheet and the config the page fetches.
  const weight = []
  for (const [name, path] of [
    ['page (HTML)', '/'],
    ['studio.js', '/studio.js'],
    ['studio.css', '/studio.css'],
    ['config (the fixture)', '/studio/config'],
  ]) {
    const bytes = Buffer.from(await (await fetch(new URL(path, studio.url))).arrayBuffer())
    weight.push({ name, bytes: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length })
  }

  const browser = await launchChromium()
  const firstPreviewMs = []
  const started = performance.now()
  try {
    for (let run = 0; run < runs && performance.now() - started < timeLimitMs; run++) {
      const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } })
      const page = await context.newPage()
      await page.goto(studio.url)
      await page.locator('.visit[data-visit="1"] form').waitFor({ timeout: 30_000 })
      // Milliseconds since the navigation started, in the page's own clock.
      firstPreviewMs.push(await page.evaluate(() => performance.now()))
      await context.close()
    }
  } finally {
    await browser.close()
  }
  console.log(
    `${resultMarker}${JSON.stringify({
      weight,
      total: {
        bytes: weight.reduce((sum, part) => sum + part.bytes, 0),
        gzip: weight.reduce((sum, part) => sum + part.gzip, 0),
      },
      runs: firstPreviewMs.length,
      firstPreviewMs: firstPreviewMs.map((value) => Math.round(value)),
      medianFirstPreviewMs: median(firstPreviewMs),
      startMs,
    })}`,
  )
} finally {
  await studio.close()
  await rm(dir, { recursive: true, force: true })
}

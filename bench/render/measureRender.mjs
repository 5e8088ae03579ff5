/* global window, document -- the page.evaluate callbacks run in Chromium */
import { fileURLToPath } from 'node:url'
import { launchChromium } from '../lib/launchChromium.mjs'
import { installedVersion } from '../lib/packageInfo.mjs'
import { median } from '../lib/stats.mjs'
import { modulePage, startStaticServer } from '../lib/staticServer.mjs'
import { buildBundle } from '../size/buildBundle.mjs'

const pageEntry = fileURLToPath(new URL('./page.tsx', import.meta.url))
const libraries = ['trickle', 'rjsf']
/** 20 characters, typed one key at a time. */
const typedText = 'analyticalengines202'

/**
 * Part 3: one page in Chromium renders the same 30-field form with Trickle (ProgressiveForm)
 * and with RJSF, in alternating runs: the mount time, and the time 20 keystrokes into one text
 * field cost. Warm runs share one page (after `warmup` discarded pairs); cold runs load a fresh
 * page for a single mount. Every run is checked: 30 fields rendered, the text arrived.
 */
export async function measureRender({
  runs = 15,
  warmup = 3,
  coldRuns = 5,
  timeLimitMs = 150_000,
  log = console.log,
} = {}) {
  const deadline = Date.now() + timeLimitMs
  const built = await buildBundle(pageEntry, { bundleReact: true })
  const server = await startStaticServer(
    new Map([
      ['/index.html', { type: 'text/html', body: modulePage('Render benchmark') }],
      ['/main.js', { type: 'text/javascript', body: built.code }],
    ]),
  )
  const browser = await launchChromium()
  const samples = Object.fromEntries(
    libraries.map((library) => [
      library,
      { mount: [], typing: [], keystroke: [], cold: [], elements: [] },
    ]),
  )
  try {
    const { page, errors } = await openPage(browser, server.url)
    for (let run = 0; run < warmup + runs; run++) {
      if (Date.now() > deadline) throw new Error(`render: time limit reached after ${run} runs`)
      const order = run % 2 === 0 ? libraries : [...libraries].reverse()
      for (const library of order) {
        const result = await mountAndType(page, errors, library)
        if (run < warmup) continue
        samples[library].mount.push(result.mountMs)
        samples[library].elements.push(result.elements)
        samples[library].typing.push(result.typingMs)
        samples[library].keystroke.push(...result.keystrokes)
      }
    }
    await page.close()
    for (let run = 0; run < coldRuns; run++) {
      if (Date.now() > deadline) throw new Error(`render: time limit reached in cold run ${run}`)
      const order = run % 2 === 0 ? libraries : [...libraries].reverse()
      for (const library of order) {
        const fresh = await openPage(browser, server.url)
        const mounted = await fresh.page.evaluate((lib) => window.renderBench.mount(lib), library)
        checkFields(library, mounted.fields)
        if (fresh.errors.length > 0) throw new Error(`render: page error: ${fresh.errors[0]}`)
        samples[library].cold.push(mounted.ms)
        await fresh.page.close()
      }
    }
  } finally {
    await browser.close()
    await server.close()
  }

  const summary = {}
  for (const library of libraries) {
    const s = samples[library]
    summary[library] = {
      mountMs: median(s.mount),
      typingMs: median(s.typing),
      keystrokeMs: median(s.keystroke),
      coldMountMs: median(s.cold),
      domElements: median(s.elements),
      runs: s.mount.length,
      coldRuns: s.cold.length,
    }
    log(
      `  ${library}: mount ${summary[library].mountMs.toFixed(2)} ms, 20 keystrokes ${summary[library].typingMs.toFixed(2)} ms, cold mount ${summary[library].coldMountMs.toFixed(2)} ms`,
    )
  }
  const ratio = (key) => summary.trickle[key] / summary.rjsf[key]
  return {
    chromium: browser.version(),
    react: installedVersion('react'),
    rjsf: installedVersion('@rjsf/core'),
    typedCharacters: typedText.length,
    warmup,
    libraries: summary,
    ratios: {
      mountMs: ratio('mountMs'),
      typingMs: ratio('typingMs'),
      keystrokeMs: ratio('keystrokeMs'),
      coldMountMs: ratio('coldMountMs'),
    },
    pageBundleBytes: built.minBytes,
  }
}

async function openPage(browser, url) {
  const page = await browser.newPage()
  const errors = []
  page.on('pageerror', (error) => errors.push(error.message))
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text())
  })
  await page.goto(url)
  await page.waitForFunction(() => document.title === 'ready' || undefined, undefined, {
    timeout: 30_000,
  })
  return { page, errors }
}

function checkFields(library, count) {
  if (count !== 30) {
    throw new Error(`render: ${library} rendered ${count} named fields instead of 30.`)
  }
}

async function mountAndType(page, errors, library) {
  const mounted = await page.evaluate((lib) => window.renderBench.mount(lib), library)
  checkFields(library, mounted.fields)
  const selector = await page.evaluate(() => window.renderBench.typingSelector())
  await page.click(selector)
  await page.evaluate(() => window.renderBench.startTyping())
  for (let i = 0; i < typedText.length; i++) {
    await page.keyboard.press(typedText[i])
    const done = await page.evaluate((count) => window.renderBench.keystrokesDone(count), i + 1)
    if (done !== i + 1) throw new Error(`render: ${library} keystroke ${i + 1} was not timed.`)
  }
  const typed = await page.evaluate(() => window.renderBench.stopTyping())
  await page.evaluate(() => window.renderBench.unmount())
  if (typed.value !== typedText) {
    throw new Error(`render: ${library} field holds "${typed.value}" after typing "${typedText}".`)
  }
  if (errors.length > 0) throw new Error(`render: page error: ${errors[0]}`)
  return {
    mountMs: mounted.ms,
    elements: mounted.elements,
    typingMs: typed.durations.reduce((sum, value) => sum + value, 0),
    keystrokes: typed.durations,
  }
}

/* global document -- the waitForFunction callback runs in Chromium */
import { launchChromium } from '../lib/launchChromium.mjs'
import { modulePage, startStaticServer } from '../lib/staticServer.mjs'
import { buildBundle } from './buildBundle.mjs'

const renderTimeoutMs = 15_000

/**
 * A size is only worth comparing when the entry really renders its form: each entry is built
 * again with React inside, opened in Chromium, and must show at least four form controls
 * without a page error. Returns the number of controls by entry id; throws when one fails.
 */
export async function checkEntriesRender(entries) {
  const files = new Map()
  for (const entry of entries) {
    const built = await buildBundle(entry.file, { bundleReact: true })
    files.set(`/${entry.id}.html`, {
      type: 'text/html',
      body: modulePage(entry.name, `/${entry.id}.js`),
    })
    files.set(`/${entry.id}.js`, { type: 'text/javascript', body: built.code })
  }
  const server = await startStaticServer(files)
  const browser = await launchChromium()
  const results = new Map()
  try {
    for (const entry of entries) {
      const page = await browser.newPage()
      const errors = []
      page.on('pageerror', (error) => errors.push(error.message))
      try {
        await page.goto(`${server.url}/${entry.id}.html`)
        const controls = page.locator('#root').locator('input, select, textarea')
        await page
          .waitForFunction(
            () =>
              document.querySelectorAll('#root input, #root select, #root textarea').length >= 4,
            undefined,
            { timeout: renderTimeoutMs },
          )
          .catch(() => undefined)
        const count = await controls.count()
        if (errors.length > 0 || count < 4) {
          throw new Error(
            `The size entry "${entry.name}" did not render its form in Chromium (${count} controls` +
              `${errors.length > 0 ? `; page error: ${errors[0]}` : ''}). Fix ${entry.file}.`,
          )
        }
        results.set(entry.id, { controls: count })
      } finally {
        await page.close()
      }
    }
  } finally {
    await browser.close()
    await server.close()
  }
  return results
}

// The screenshots of the privacy desk in docs/ (docs/dpo-guide.md, docs/dpo-guide.de.md):
// starts the real server (the whitepaper example's config, PGlite in a throwaway folder), lets
// two browsers submit the same address, and photographs the desk in Debian's Chromium, in
// English and German. Run: node scripts/screenshots/privacy-desk.mjs
import { randomBytes, randomUUID } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium } from 'playwright-core'
import {
  freePort,
  repoRoot,
  startTrickleServer,
} from '../../examples/whitepaper/scripts/trickleServer.mjs'

const docs = join(repoRoot, 'docs')
const address = 'klaus.beispiel@example.com'
const folder = await mkdtemp(join(tmpdir(), 'trickle-desk-shots-'))
const adminToken = randomBytes(24).toString('base64url')
const server = await startTrickleServer({
  port: await freePort(),
  dataDir: join(folder, 'data'),
  adminToken,
  mailDir: join(folder, 'mail'),
})

/** One visitor (own cookie) submits a form through the API, as the site's form does. */
async function submit(formId, values, consents, locale = 'en') {
  let cookie = ''
  const call = async (path, init = {}) => {
    const response = await fetch(`${server.url}${path}`, {
      ...init,
      headers: { 'content-type': 'application/json', ...(cookie && { cookie }), ...init.headers },
    })
    const set = response.headers.get('set-cookie')
    if (set) cookie = set.split(';')[0]
    if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`)
    return response.json()
  }
  await call(`/v1/plan?form=${formId}`)
  await call('/v1/submissions', {
    method: 'POST',
    body: JSON.stringify({ formId, idempotencyKey: randomUUID(), locale, values, consents }),
  })
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--hide-scrollbars'],
})
try {
  for (const lang of ['en', 'de']) {
    const de = lang === 'de'
    const mail = de ? 'greta.beispiel@example.com' : address
    await submit(
      'whitepaper',
      {
        email: mail,
        firstName: de ? 'Greta' : 'Klaus',
        lastName: 'Beispiel',
        company: 'Beispiel AG',
      },
      { sales: true, newsletter: false },
      lang,
    )
    await submit(
      'checklist',
      { email: mail.toUpperCase(), company: 'Beispiel AG', industry: 'retail' },
      { newsletter: true },
      lang,
    )
    const suffix = de ? '.de' : ''
    const context = await browser.newContext({
      viewport: { width: 1200, height: 860 },
      locale: de ? 'de-DE' : 'en-US',
      reducedMotion: 'reduce',
    })
    const page = await context.newPage()
    await page.goto(`${server.url}/admin/privacy?lang=${lang}`)
    await page.locator('#token').fill(adminToken)
    await page.locator('#token').press('Enter')
    await page.locator('#audit table, #audit p').first().waitFor()
    await page.locator('#email').fill(mail)
    await page.locator('#email').press('Enter')
    await page.locator('#profiles article').nth(1).waitFor()
    await page.locator('#results').evaluate((results) => results.scrollIntoView())
    await page.screenshot({ path: join(docs, `privacy-desk-find${suffix}.png`) })

    {
      const [proof] = await Promise.all([
        context.waitForEvent('page'),
        page.locator('#proofs button[data-purpose="sales"]').click(),
      ])
      await proof.waitForLoadState()
      await proof.setViewportSize({ width: 1000, height: 860 })
      await proof.screenshot({ path: join(docs, `privacy-desk-proof${suffix}.png`) })
      await proof.close()
    }

    await page.locator('#erase').focus()
    await page.keyboard.press('Enter')
    await page.locator('#confirm[open]').waitFor()
    await page.locator('#confirm-reason').fill(de ? 'E-Mail vom 6.12.2026' : 'E-mail of 6 Dec 2026')
    await page.screenshot({ path: join(docs, `privacy-desk-erase${suffix}.png`) })
    await page.locator('#confirm-ok').click()
    await page.locator('#receipt:not([hidden])').waitFor()
    await page.locator('#receipt').scrollIntoViewIfNeeded()
    await page.screenshot({ path: join(docs, `privacy-desk-receipt${suffix}.png`) })
    await context.close()
  }
} finally {
  await browser.close()
  await server.stop()
  await rm(folder, { recursive: true, force: true })
}
console.log('Screenshots written to docs/privacy-desk-*.png')

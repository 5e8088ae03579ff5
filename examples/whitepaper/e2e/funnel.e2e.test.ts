import { randomBytes } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createServer, type ViteDevServer } from 'vite'
import { afterAll, beforeAll, expect, it } from 'vitest'
import {
  exampleDir,
  freePort,
  startTrickleServer,
  type RunningTrickleServer,
} from '../scripts/trickleServer.mjs'
import { answer, newVisitor, openGate, sharedBrowser, submitGate } from './support'

// Its own Trickle server (a fresh data folder) and its own site in front of it: the browser tests
// of other files, running meanwhile, count into the shared server's funnel, never into this one.
let dataDir: string
let api: RunningTrickleServer
let site: ViteDevServer
let siteUrl: string
const adminToken = randomBytes(24).toString('base64url')

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'trickle-funnel-e2e-'))
  api = await startTrickleServer({
    port: await freePort(),
    dataDir: join(dataDir, 'data'),
    adminToken,
    mailDir: join(dataDir, 'mail'),
  })
  const port = await freePort()
  process.env['TRICKLE_API_URL'] = api.url
  try {
    site = await createServer({
      configFile: join(exampleDir, 'vite.config.ts'),
      cacheDir: join(exampleDir, 'node_modules', '.vite-funnel'),
      logLevel: 'warn',
      clearScreen: false,
      server: { host: '127.0.0.1', port, strictPort: true, hmr: false },
    })
  } finally {
    delete process.env['TRICKLE_API_URL']
  }
  await site.listen()
  siteUrl = `http://127.0.0.1:${port}`
  await fetch(`${siteUrl}/`)
  await site.warmupRequest('/src/main.tsx')
}, 180_000)

afterAll(async () => {
  await site?.close()
  await api?.stop()
  await rm(dataDir, { recursive: true, force: true })
})

const browser = sharedBrowser()

interface FunnelField {
  fieldId: string
  shown: number
  answered: number
  lastTouched: number
  dropOff: number
}
interface FunnelReport {
  forms: { formId: string; totals: Record<string, number>; fields: FunnelField[] }[]
}

const adminGet = (path: string) =>
  fetch(`${api.url}/v1/admin${path}`, { headers: { authorization: `Bearer ${adminToken}` } })

async function whitepaperFunnel(): Promise<FunnelReport['forms'][number] | undefined> {
  const report = (await (await adminGet('/funnel?form=whitepaper')).json()) as FunnelReport
  return report.forms[0]
}

/**
 * A first visit to the whitepaper gate: the form asks the e-mail, first and last name, company.
 * `left` is how many visitors have left once this one has (the report must show it).
 */
async function visit(n: number, outcome: 'submit' | 'leave', left: number): Promise<void> {
  const { page, done } = await newVisitor(browser())
  await page.goto(`${siteUrl}/?lang=en`)
  await page.locator('main#main > *').first().waitFor()
  const gate = await openGate(page, 'whitepaper')
  await answer(gate, { 'Business e-mail': `funnel${n}@example.com`, 'First name': `Person${n}` })
  if (outcome === 'submit') {
    await answer(gate, { 'Last name': 'Funnel', Company: 'Funnel Ltd' })
    await submitGate(gate)
  } else {
    // Leaving with the form half filled: the page goes away (pagehide sends the beacon). The
    // browser stays open until the beacon has arrived; closing it at once could cancel it.
    await page.goto('about:blank')
    await expect
      .poll(async () => (await whitepaperFunnel())?.totals['left'] ?? 0, {
        timeout: 30_000,
        interval: 250,
      })
      .toBeGreaterThanOrEqual(left)
  }
  await done()
}

it('counts three who submit and three who leave after the second field, in the report and the CSV', async () => {
  const plan: ('submit' | 'leave')[] = ['submit', 'leave', 'submit', 'leave', 'submit', 'leave']
  // Two browsers at a time: enough concurrency to matter, gentle on two shared cores.
  for (let i = 0; i < plan.length; i += 2) {
    const left = plan.slice(0, i + 2).filter((outcome) => outcome === 'leave').length
    await Promise.all(plan.slice(i, i + 2).map((outcome, j) => visit(i + j, outcome, left)))
  }
  await expect
    .poll(async () => (await whitepaperFunnel())?.totals, { timeout: 30_000, interval: 500 })
    .toEqual({ shown: 6, started: 6, submitted: 3, left: 3 })
  const form = await whitepaperFunnel()
  expect(form?.fields.slice(0, 4)).toEqual([
    { fieldId: 'email', shown: 6, answered: 6, lastTouched: 0, dropOff: 0 },
    { fieldId: 'firstName', shown: 6, answered: 6, lastTouched: 3, dropOff: 0.5 },
    { fieldId: 'lastName', shown: 6, answered: 3, lastTouched: 0, dropOff: 0 },
    { fieldId: 'company', shown: 6, answered: 3, lastTouched: 0, dropOff: 0 },
  ])

  const csv = await (await adminGet('/funnel.csv?form=whitepaper')).text()
  const rows = csv
    .trim()
    .split('\r\n')
    .slice(1)
    .map((line) => line.split(','))
  const count = (metric: string, field = '') =>
    rows
      .filter((cells) => cells[4] === metric && cells[5] === field)
      .reduce((total, cells) => total + Number(cells[6]), 0)
  expect([count('shown'), count('started'), count('submitted')]).toEqual([6, 6, 3])
  expect([count('left', 'email'), count('left', 'firstName')]).toEqual([0, 3])
  expect(count('field-answered', 'lastName')).toBe(3)
  // Nothing personal went into the counts.
  expect(csv).not.toContain('@example.com')
  expect(csv).not.toContain('Person')
}, 180_000)

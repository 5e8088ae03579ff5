import { spawn, type ChildProcess } from 'node:child_process'
import { copyFile, mkdtemp, readFile, rm } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import type { Locator, Page } from 'playwright-core'
import { afterAll, beforeAll, expect, inject, test } from 'vitest'
import { newVisitor, readDownload, screenshot, sharedBrowser, type AxeViolation } from './support'

// The studio, as a marketer meets it: `trickle studio` on a copy of the B2B fixture (the CLI
// run from its sources through tsx, so no build is needed), connected to the test server's
// report; and the server's own studio at /admin/studio.

const browser = sharedBrowser()
const repoRoot = resolve(import.meta.dirname, '..', '..', '..')
const fixture = join(repoRoot, 'packages', 'core', 'tests', 'fixtures', 'b2b-whitepaper.json')
const fixtureText = await readFile(fixture, 'utf8')
const axeSource = await readFile(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
)

let dir = ''
let configFile = ''
let studioUrl = ''
let child: ChildProcess | undefined

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'trickle-studio-e2e-'))
  configFile = join(dir, 'trickle.config.json')
  await copyFile(fixture, configFile)
  child = spawn(
    process.execPath,
    [
      '--conditions=@trickle/source',
      '--import',
      'tsx',
      join(repoRoot, 'packages', 'cli', 'src', 'bin.ts'),
      'studio',
      '--config',
      configFile,
      '--port',
      '0',
      '--server',
      inject('apiUrl'),
      '--no-open',
    ],
    {
      cwd: repoRoot,
      env: { ...process.env, TRICKLE_ADMIN_TOKEN: inject('adminToken'), NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  )
  let output = ''
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()))
  // The first start may build the studio's app from its sources.
  studioUrl = await new Promise<string>((done, fail) => {
    const timer = setTimeout(
      () => fail(new Error(`trickle studio did not start:\n${output}`)),
      150_000,
    )
    child?.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString()
      const match = /(http:\/\/127\.0\.0\.1:\d+\/)/.exec(output)
      if (match?.[1]) {
        clearTimeout(timer)
        done(match[1])
      }
    })
    child?.on('exit', (code) => fail(new Error(`trickle studio exited (${code}):\n${output}`)))
  })
}, 180_000)

afterAll(async () => {
  if (child && child.exitCode === null) {
    const exited = new Promise((done) => child?.once('exit', done))
    child.kill('SIGTERM')
    await exited
  }
  if (dir) await rm(dir, { recursive: true, force: true })
})

/** axe-core through the debugging protocol (the studio's policy refuses injected scripts). */
async function axeViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(axeSource)
  const { passes, violations } = await page.evaluate(async () => {
    interface Results {
      passes: unknown[]
      violations: {
        id: string
        impact: string | null
        help: string
        nodes: { target: string[] }[]
      }[]
    }
    const axe = (window as unknown as { axe: { run: (context: Document) => Promise<Results> } }).axe
    const results = await axe.run(document)
    return {
      passes: results.passes.length,
      violations: results.violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        targets: v.nodes.map((node) => node.target.join(' ')),
      })),
    }
  })
  expect(passes, 'axe-core checked no rule at all').toBeGreaterThan(10)
  return violations
}

const lineOf = (text: string, needle: string): number =>
  text.slice(0, text.indexOf(needle)).split('\n').length

/** Selects the first match of `query` in the editor, as a user does with Ctrl+F. */
async function find(page: Page, query: string): Promise<void> {
  await page.locator('.cm-content').click()
  await page.keyboard.press('Control+Home')
  await page.keyboard.press('Control+f')
  const search = page.locator('.cm-search input[name="search"]')
  // Typed key by key: the panel reads its query on key-up.
  await search.pressSequentially(query)
  await search.press('Enter')
  await page.keyboard.press('Escape')
}

/** Types over the first match of `query` (plain words: typed quotes would pair up). */
async function retype(page: Page, query: string, replacement: string): Promise<void> {
  await find(page, query)
  await page.keyboard.type(replacement)
  await page.keyboard.press('Escape')
}

function issue(page: Page, code: string): Locator {
  return page.locator(`.issues button.issue[data-code="${code}"]`)
}

function decision(page: Page, visit: number, field: string): Locator {
  return page.locator(`.visit[data-visit="${visit}"] .decisions li[data-field="${field}"]`)
}

test('trickle studio: an error at its line in en and de, visits 1-3, a journey, an accepted order, saved', async () => {
  const visitor = await newVisitor(browser(), { width: 1400, height: 1000 })
  const { page } = visitor
  await page.goto(studioUrl)
  await page.locator('.cm-content').waitFor()
  await expect
    .poll(() => page.locator('.no-issues').textContent())
    .toBe('No problems: the config is valid.')

  // Break a key: the error names it, at its line, in the list and in the editor's gutter.
  const line = lineOf(fixtureText, '"perVisit": 3')
  await retype(page, 'perVisit', 'perVisits')
  await expect
    .poll(() => issue(page, 'unknown-property').getAttribute('data-line'))
    .toBe(String(line))
  await expect
    .poll(() => issue(page, 'unknown-property').textContent())
    .toContain(`Error, Line ${line}`)
  expect(await issue(page, 'unknown-property').textContent()).toContain('perVisits')
  expect(await page.locator('.cm-lint-marker-error').count()).toBeGreaterThan(0)
  // The preview keeps the last valid config meanwhile.
  expect(await page.locator('.preview-stale').textContent()).toContain('last valid version')
  expect(await axeViolations(page), 'studio with an error').toEqual([])
  await screenshot(page, 'studio-error-en')

  // The same in German.
  await page.getByLabel('Language', { exact: true }).selectOption('de')
  await expect
    .poll(() => issue(page, 'unknown-property').textContent())
    .toContain(`Fehler, Zeile ${line}`)
  // The message itself follows the language too.
  await expect
    .poll(() => issue(page, 'unknown-property').textContent())
    .toContain('Unbekannte Eigenschaft "perVisits"')
  expect(await page.getByRole('heading', { name: 'Probleme' }).count()).toBe(1)
  // Clicking the issue puts the cursor on its line.
  await issue(page, 'unknown-property').click()
  expect(await page.locator('.cm-activeLine').textContent()).toContain('"perVisits": 3')
  await screenshot(page, 'studio-error-de')

  // Fix it.
  await retype(page, 'perVisits', 'perVisit')
  await expect
    .poll(() => page.locator('.no-issues').textContent())
    .toBe('Keine Probleme: Die Konfiguration ist gültig.')
  await page.getByLabel('Sprache', { exact: true }).selectOption('en')

  // Visits 1-3 of the whitepaper: three new fields a visit, with the reason of every decision.
  await page.getByRole('button', { name: 'Visits 1–3 of whitepaper' }).click()
  await expect.poll(() => page.locator('.visit').count()).toBe(3)
  expect(await decision(page, 1, 'firstName').getAttribute('data-ask')).toBe('yes')
  expect(await decision(page, 1, 'jobRole').textContent()).toContain(
    'this visit already asks perVisit fields',
  )
  expect(await decision(page, 2, 'firstName').textContent()).toContain('already known')
  expect(await decision(page, 2, 'jobRole').getAttribute('data-ask')).toBe('yes')
  // The real form: visit 2 asks for the job role (the form is in the config's first language).
  const visit2 = page.locator('.visit[data-visit="2"] .visit-form')
  await expect
    .poll(() => visit2.getByLabel('Position', { exact: false }).count())
    .toBeGreaterThan(0)
  expect(await visit2.getByLabel('Vorname', { exact: false }).count()).toBe(0)

  // A journey: the whitepaper, then the checklist, which skips what the whitepaper learnt.
  await page.getByRole('button', { name: 'Journey: whitepaper, then checklist' }).click()
  await expect.poll(() => page.locator('.visit').count()).toBe(2)
  expect(await page.locator('.visit[data-visit="2"] h3').textContent()).toContain('checklist')
  expect(await decision(page, 2, 'company').textContent()).toContain('already known')
  await screenshot(page, 'studio-journey', true)

  // The report's suggested order: preview it, accept it into the editor.
  await page.getByRole('tab', { name: 'Report' }).click()
  const suggestion = page.locator('.report-suggestion').filter({ hasText: 'whitepaper' }).first()
  await suggestion.getByRole('button', { name: 'Preview this order' }).click()
  await expect.poll(() => page.locator('.preview-order').count()).toBe(1)
  await page.getByRole('tab', { name: 'Report' }).click()
  await suggestion.getByRole('button', { name: 'Accept' }).click()
  await expect
    .poll(() => page.locator('.notice').textContent())
    .toContain('was rewritten in the editor')

  // Change a value too, then save: the file is written, the previous one kept.
  await find(page, '"perVisit": 3')
  await page.keyboard.press('ArrowRight')
  await page.keyboard.press('Backspace')
  await page.keyboard.type('2')
  await expect.poll(() => page.locator('.no-issues').count()).toBe(1)
  await page.getByRole('button', { name: 'Save' }).click()
  await expect
    .poll(() => page.locator('.save-status').textContent())
    .toBe('Saved to trickle.config.json.')
  const saved = JSON.parse(await readFile(configFile, 'utf8')) as {
    forms: { id: string; perVisit: number; sequence: string[] }[]
  }
  const whitepaper = saved.forms.find((form) => form.id === 'whitepaper')
  expect(whitepaper?.perVisit).toBe(2)
  expect(whitepaper?.sequence[0]).toBe('jobRole')
  expect([...(whitepaper?.sequence ?? [])].sort()).toEqual(
    [...((JSON.parse(fixtureText) as typeof saved).forms[0]?.sequence ?? [])].sort(),
  )
  expect(await readFile(`${configFile}.bak`, 'utf8')).toBe(fixtureText)
  await visitor.done()
})

test('the server’s studio asks for the admin token, then shows the server’s config and saves by download', async () => {
  const visitor = await newVisitor(browser())
  const { page } = visitor
  await page.goto(`${inject('apiUrl')}/admin/studio`)
  const token = page.getByRole('textbox', { name: 'Admin token' })
  await token.waitFor()
  expect(await page.locator('.cm-content').count()).toBe(0)
  expect(await axeViolations(page), 'studio, token').toEqual([])

  await token.fill('not-the-token')
  await page.getByRole('button', { name: 'Open' }).click()
  await expect
    .poll(() => page.getByRole('alert').textContent())
    .toBe('The server refused the token.')

  await page.getByRole('textbox', { name: 'Admin token' }).fill(inject('adminToken'))
  await page.getByRole('button', { name: 'Open' }).click()
  await page.locator('.cm-content').waitFor()
  await expect.poll(() => page.locator('.no-issues').count()).toBe(1)
  expect(await page.locator('.cm-content').textContent()).toContain('"purposes"')

  const [file] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download config' }).click(),
  ])
  expect(file.suggestedFilename()).toBe('trickle.config.json')
  const downloaded = JSON.parse((await readDownload(file)).toString('utf8')) as { forms: unknown[] }
  expect(downloaded.forms.length).toBeGreaterThan(0)
  await visitor.done()
})

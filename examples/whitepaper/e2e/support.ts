import { mkdir, readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import {
  chromium,
  type Browser,
  type BrowserContext,
  type Download,
  type Locator,
  type Page,
} from 'playwright-core'
import { afterAll, beforeAll, expect, inject } from 'vitest'

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string
    /** The same site served without a Trickle server. */
    localUrl: string
    /** The site without a server, on React 18.3. */
    react18Url: string
    vanillaUrl: string
    /** The `<trickle-gate>` custom element example. */
    webComponentUrl: string
    apiUrl: string
    adminToken: string
    mailDir: string
    artifactsDir: string
  }
}

const chromiumPath = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium'

/**
 * One Chromium for the tests of a file: launched before them, closed after them. Returns a getter
 * (the browser exists only once the tests run).
 */
export function sharedBrowser(): () => Browser {
  let browser: Browser | undefined
  beforeAll(async () => {
    browser = await launchBrowser()
  })
  afterAll(async () => {
    await browser?.close()
  })
  return () => {
    if (!browser) throw new Error('The browser is not launched yet: call it inside a test.')
    return browser
  }
}

/** Debian's Chromium, headless, without the background traffic a test has no use for. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  })
}

export interface Visitor {
  context: BrowserContext
  page: Page
  /** Uncaught errors of the page; `done` fails the test when there are any. */
  errors: string[]
  /** Closes the context; fails when the page threw. */
  done: () => Promise<void>
}

/** A new person: own cookies and localStorage, English browser, desktop or phone viewport. */
export async function newVisitor(
  browser: Browser,
  { width = 1280, height = 860, locale = 'en-US' } = {},
): Promise<Visitor> {
  const context = await browser.newContext({
    viewport: { width, height },
    locale,
    acceptDownloads: true,
    reducedMotion: 'reduce',
  })
  context.setDefaultTimeout(15_000)
  const page = await context.newPage()
  const errors: string[] = []
  page.on('pageerror', (error) => errors.push(error.message))
  const done = async () => {
    await context.close()
    expect(errors, 'uncaught errors in the page').toEqual([])
  }
  return { context, page, errors, done }
}

/** An address of the example site, in English unless `lang` says otherwise. */
export function siteUrl(path = '/', params: Record<string, string> = {}): string {
  const url = new URL(path, inject('baseUrl'))
  url.searchParams.set('lang', params['lang'] ?? 'en')
  for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value)
  return url.toString()
}

/** Loads a page of the site and waits until React rendered it (and found the server). */
export async function openSite(page: Page, path = '/', params: Record<string, string> = {}) {
  await page.goto(siteUrl(path, params))
  await page.locator('main#main > *').first().waitFor()
}

/** Opens the gate dialog of one paper (by its form id) and returns the dialog. */
export async function openGate(page: Page, formId: string): Promise<Locator> {
  await page.locator(`article[data-paper="${formId}"] button`).click()
  const dialog = page.locator(`dialog[data-paper="${formId}"]`)
  await dialog.waitFor()
  await dialog.locator('[data-trickle-mode]').waitFor()
  return dialog
}

/** Closes the open gate dialog with its close button. */
export async function closeGate(dialog: Locator): Promise<void> {
  await dialog.getByRole('button', { name: 'Close' }).click()
  await dialog.waitFor({ state: 'detached' })
}

/** The field ids the form asks, in order. */
export function askedFields(scope: Locator): Promise<string[]> {
  return scope
    .locator('[data-trickle-field]')
    .evaluateAll((elements) => elements.map((e) => e.getAttribute('data-trickle-field') ?? ''))
}

/** The purpose ids of the consent checkboxes offered, in order. */
export function offeredConsents(scope: Locator): Promise<string[]> {
  return scope
    .locator('.trickle-consents [data-trickle-consent]')
    .evaluateAll((elements) => elements.map((e) => e.getAttribute('data-trickle-consent') ?? ''))
}

/** `'form'`, `'one-click'` or `'ready'`. */
export function gateMode(dialog: Locator): Promise<string | null> {
  return dialog.locator('[data-trickle-mode]').getAttribute('data-trickle-mode')
}

/**
 * Answers fields by their visible label: text is typed, selects and radio groups are chosen
 * by the option's label.
 */
export async function answer(scope: Locator, answers: Record<string, string>): Promise<void> {
  for (const [label, value] of Object.entries(answers)) {
    const group = scope.getByRole('group', { name: label, exact: true })
    if ((await group.count()) > 0) {
      await group.getByRole('radio', { name: value, exact: true }).check()
      continue
    }
    const control = scope.getByLabel(label, { exact: true })
    const tag = await control.evaluate((element) => element.tagName)
    if (tag === 'SELECT') await control.selectOption({ label: value })
    else await control.fill(value)
  }
}

/** Clicks a download link and returns the file's bytes and name. */
export async function download(
  page: Page,
  link: Locator,
): Promise<{ name: string; bytes: Buffer; url: string }> {
  const [file] = await Promise.all([page.waitForEvent('download'), link.click()])
  return { name: file.suggestedFilename(), bytes: await readDownload(file), url: file.url() }
}

export async function readDownload(file: Download): Promise<Buffer> {
  const path = await file.path()
  return readFile(path)
}

/** The bytes are a PDF document (header and end-of-file marker). */
export function expectPdf(bytes: Buffer): void {
  expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-')
  expect(bytes.subarray(-6).toString('latin1')).toContain('%%EOF')
}

/** Submits the gate's form and waits until the download is unlocked. */
export async function submitGate(dialog: Locator): Promise<void> {
  await dialog.getByRole('button', { name: 'Get the download' }).click()
  await expect.poll(() => gateMode(dialog), { timeout: 15_000 }).toBe('ready')
}

const axeSource = createRequire(import.meta.url).resolve('axe-core/axe.min.js')

export interface AxeViolation {
  id: string
  impact: string | null
  help: string
  targets: string[]
}

/** Runs axe-core in the page (every rule that is not experimental) and returns violations. */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  await page.addScriptTag({ path: axeSource })
  const { passes, violations } = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: Document) => Promise<AxeResults> } })
      .axe
    interface AxeResults {
      passes: unknown[]
      violations: {
        id: string
        impact: string | null
        help: string
        nodes: { target: string[] }[]
      }[]
    }
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
  // An empty result must mean "checked and clean", never "nothing was checked".
  expect(passes, 'axe-core checked no rule at all').toBeGreaterThan(10)
  return violations
}

/** Saves a screenshot to artifacts/e2e/ (not committed) and returns its path. */
export async function screenshot(page: Page, name: string, fullPage = false): Promise<string> {
  const dir = inject('artifactsDir')
  await mkdir(dir, { recursive: true })
  const path = join(dir, `${name}.png`)
  await page.screenshot({ path, fullPage, animations: 'disabled' })
  return path
}

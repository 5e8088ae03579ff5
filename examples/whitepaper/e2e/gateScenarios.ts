import type { Locator, Page } from 'playwright-core'
import { expect, test } from 'vitest'
import {
  axeViolations,
  download,
  expectPdf,
  newVisitor,
  screenshot,
  sharedBrowser,
} from './support'

/**
 * The browser tests every plain-DOM gate page passes, the same the React gate passes (visit 1,
 * visit 2, "Not you?", kiosk, open gate): the vanilla example and the `<trickle-gate>` custom
 * element each call this with their page. Both pages have three gates of the whitepaper
 * example's config: `#playbook` (form `whitepaper`), `#benchmark` and `#guide`
 * (`security-guide`).
 */
export interface GatePage {
  /** Names the page in the test titles, e.g. `<trickle-gate>`. */
  name: string
  /** The page's address (`inject(...)` inside a test). */
  url: () => string
  /** The gate element with this id, e.g. `trickle-gate#playbook`. */
  gate: (page: Page, id: 'playbook' | 'benchmark' | 'guide') => Locator
  /** File name prefix of the screenshots (artifacts/e2e/). */
  screenshots: string
}

const firstFields = ['email', 'firstName', 'lastName', 'company']
const secondFields = ['email', 'jobRole', 'industry', 'companySize']
const playbookLink = 'Download The Predictive Maintenance Playbook'

/** The field ids a gate asks, in order. */
export const asked = (gate: Locator): Promise<string[]> =>
  gate
    .locator('[data-field]')
    .evaluateAll((elements) => elements.map((e) => e.getAttribute('data-field') ?? ''))

/** Answers the first visit's fields of a gate (no consent) and sends them. */
export async function answerFirstVisit(gate: Locator, email: string): Promise<void> {
  await gate.getByLabel('Business e-mail').fill(email)
  await gate.getByLabel('First name').fill('Lina')
  await gate.getByLabel('Last name').fill('Sommer')
  await gate.getByLabel('Company').fill('Sommer Hydraulik')
  await gate.getByRole('button', { name: 'Get the download' }).click()
}

const stored = (page: Page) => page.evaluate(() => Object.keys(window.localStorage))

/** Defines the gate scenarios as tests of the calling file. */
export function gateScenarios(target: GatePage): void {
  const browser = sharedBrowser()
  const open = async (search = '') => {
    const visitor = await newVisitor(browser(), { width: 900, height: 900 })
    await visitor.page.goto(`${target.url()}/${search}`)
    const gate = (id: 'playbook' | 'benchmark' | 'guide') => target.gate(visitor.page, id)
    await gate('playbook').locator('form').waitFor()
    return { visitor, page: visitor.page, gate }
  }

  test(`${target.name}: visit 1, visit 2 and "Not you?"`, async () => {
    const { visitor, page, gate } = await open()
    const playbook = gate('playbook')
    const benchmark = gate('benchmark')
    expect(await asked(playbook)).toEqual(firstFields)
    for (const box of await playbook.getByRole('checkbox').all()) {
      expect(await box.isChecked()).toBe(false)
    }

    // Sent empty: the session's errors at each field and in a summary that takes the focus.
    await playbook.getByRole('button', { name: 'Get the download' }).click()
    await playbook.locator('.error-summary:not([hidden])').waitFor()
    expect(await page.evaluate(() => document.activeElement?.className)).toBe('error-summary')
    expect(await playbook.locator('[aria-invalid="true"]').count()).toBe(4)
    expect(await axeViolations(page), `${target.name} form with errors`).toEqual([])
    await screenshot(page, `${target.screenshots}-form-errors`, true)

    await answerFirstVisit(playbook, 'plain@fernhollow-customer.example')
    const link = playbook.getByRole('link', { name: playbookLink })
    await link.waitFor()
    expectPdf((await download(page, link)).bytes)

    // Visit 2: the first download stays unlocked; the second gate asks the next fields only.
    await page.reload()
    await benchmark.locator('form').waitFor()
    expect(await playbook.locator('a.download').count()).toBe(1)
    expect(await asked(benchmark)).toEqual(secondFields)
    expect(await stored(page)).not.toEqual([])

    // "Not you?" starts fresh, and nothing of the visitor stays in this browser.
    await benchmark.getByRole('button', { name: 'Start over' }).click()
    await expect.poll(() => asked(benchmark)).toEqual(firstFields)
    expect(await asked(playbook)).toEqual(firstFields)
    expect(await stored(page)).toEqual([])
    await visitor.done()
  })

  test(`${target.name} in kiosk mode (?kiosk=1) remembers nobody`, async () => {
    const { visitor, page, gate } = await open('?kiosk=1')
    const playbook = gate('playbook')
    const benchmark = gate('benchmark')
    await answerFirstVisit(playbook, 'visitor.one@fair-guest.example')
    const link = playbook.getByRole('link', { name: playbookLink })
    expectPdf((await download(page, link)).bytes)
    expect(await page.evaluate(() => window.localStorage.length)).toBe(0)
    expect(await page.evaluate(() => window.sessionStorage.length)).toBe(0)
    // The next person meets the first questions on the other gate, nothing shown back.
    expect(await asked(benchmark)).toEqual(firstFields)
    expect(await benchmark.getByLabel('Business e-mail').inputValue()).toBe('')
    // And on this gate, once the previous person's download is closed.
    await playbook.getByRole('button', { name: 'Start over' }).click()
    await expect.poll(() => asked(playbook)).toEqual(firstFields)
    await page.reload()
    await playbook.locator('form').waitFor()
    expect(await asked(playbook)).toEqual(firstFields)
    await visitor.done()
  })

  test(`${target.name} opens with one click when nothing is left to ask (open gate)`, async () => {
    const { visitor, page, gate } = await open()
    const playbook = gate('playbook')
    const benchmark = gate('benchmark')
    const guide = gate('guide')
    // Visit 1 without any consent, visit 2 answers the rest the visitor may be asked.
    await answerFirstVisit(playbook, 'open.gate@fernhollow-customer.example')
    await playbook.locator('a.download').waitFor()
    await page.reload()
    await benchmark.locator('form').waitFor()
    expect(await asked(benchmark)).toEqual(secondFields)
    await benchmark.getByLabel('Business e-mail').fill('open.gate@fernhollow-customer.example')
    await benchmark.getByLabel('Position').selectOption('specialist')
    await benchmark.getByLabel('Industry').selectOption('it')
    await benchmark.getByLabel('Company size').selectOption('50-249')
    await benchmark.getByRole('button', { name: 'Get the download' }).click()
    await benchmark.locator('a.download').waitFor()

    // The third gate has nothing left to ask: one click, recorded as a download.
    const oneClick = guide.locator('a.download[data-download="one-click"]')
    await oneClick.waitFor()
    expect(await guide.locator('form').count()).toBe(0)
    expectPdf((await download(page, oneClick)).bytes)
    await guide.locator('a.download[data-download="ready"]').waitFor()
    await page.reload()
    await guide.locator('a.download[data-download="ready"]').waitFor()
    await visitor.done()
  })
}

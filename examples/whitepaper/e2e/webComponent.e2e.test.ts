import type { Locator, Page } from 'playwright-core'
import { expect, inject, test } from 'vitest'
import { axeViolations, download, expectPdf, newVisitor, sharedBrowser } from './support'

const browser = sharedBrowser()

const asked = (gate: Locator) =>
  gate
    .locator('[data-field]')
    .evaluateAll((elements) => elements.map((e) => e.getAttribute('data-field') ?? ''))

async function answerFirstVisit(gate: Locator, email: string) {
  await gate.getByLabel('Business e-mail').fill(email)
  await gate.getByLabel('First name').fill('Lina')
  await gate.getByLabel('Last name').fill('Sommer')
  await gate.getByLabel('Company').fill('Sommer Hydraulik')
  await gate.getByRole('button', { name: 'Get the download' }).click()
}

const stored = (page: Page) => page.evaluate(() => Object.keys(window.localStorage))

test('<trickle-gate>: visit 1, visit 2 and "Not you?" on a page with one script', async () => {
  const visitor = await newVisitor(browser(), { width: 900, height: 900 })
  const { page } = visitor
  await page.goto(inject('webComponentUrl'))
  const playbook = page.locator('trickle-gate#playbook')
  const benchmark = page.locator('trickle-gate#benchmark')
  await playbook.locator('form').waitFor()
  expect(await asked(playbook)).toEqual(['email', 'firstName', 'lastName', 'company'])
  for (const box of await playbook.getByRole('checkbox').all()) {
    expect(await box.isChecked()).toBe(false)
  }

  // Sent empty: the session's errors at each field and in a summary that takes the focus.
  await playbook.getByRole('button', { name: 'Get the download' }).click()
  await playbook.locator('.error-summary:not([hidden])').waitFor()
  expect(await playbook.locator('[aria-invalid="true"]').count()).toBe(4)
  expect(await axeViolations(page), 'custom element form with errors').toEqual([])

  await answerFirstVisit(playbook, 'element@fernhollow-customer.example')
  const link = playbook.getByRole('link', { name: 'Download The Predictive Maintenance Playbook' })
  await link.waitFor()
  expectPdf((await download(page, link)).bytes)

  // Visit 2: the download stays unlocked; the other gate asks the next fields only.
  await page.reload()
  await benchmark.locator('form').waitFor()
  expect(await playbook.locator('a.download').count()).toBe(1)
  expect(await asked(benchmark)).toEqual(['email', 'jobRole', 'industry', 'companySize'])
  expect(await stored(page)).not.toEqual([])

  // "Not you?" starts fresh, and nothing of the visitor stays in this browser.
  await benchmark.getByRole('button', { name: 'Start over' }).click()
  await expect.poll(() => asked(benchmark)).toEqual(['email', 'firstName', 'lastName', 'company'])
  expect(await asked(playbook)).toEqual(['email', 'firstName', 'lastName', 'company'])
  expect(await stored(page)).toEqual([])
  await visitor.done()
})

test('<trickle-gate> in kiosk mode (?kiosk=1) remembers nobody', async () => {
  const visitor = await newVisitor(browser(), { width: 900, height: 900 })
  const { page } = visitor
  await page.goto(`${inject('webComponentUrl')}/?kiosk=1`)
  const playbook = page.locator('trickle-gate#playbook')
  const benchmark = page.locator('trickle-gate#benchmark')
  await playbook.locator('form').waitFor()
  await answerFirstVisit(playbook, 'visitor.one@fair-guest.example')
  const link = playbook.getByRole('link', { name: 'Download The Predictive Maintenance Playbook' })
  expectPdf((await download(page, link)).bytes)
  expect(await page.evaluate(() => window.localStorage.length)).toBe(0)
  // The next person meets the first questions on the other gate, nothing shown back.
  expect(await asked(benchmark)).toEqual(['email', 'firstName', 'lastName', 'company'])
  expect(await benchmark.getByLabel('Business e-mail').inputValue()).toBe('')
  // And on this gate, once the previous person's download is closed.
  await playbook.getByRole('button', { name: 'Start over' }).click()
  await expect.poll(() => asked(playbook)).toEqual(['email', 'firstName', 'lastName', 'company'])
  await page.reload()
  await playbook.locator('form').waitFor()
  expect(await asked(playbook)).toEqual(['email', 'firstName', 'lastName', 'company'])
  await visitor.done()
})

test('<trickle-gate> opens with one click when nothing is left to ask (open gate)', async () => {
  const visitor = await newVisitor(browser(), { width: 900, height: 900 })
  const { page } = visitor
  await page.goto(inject('webComponentUrl'))
  const playbook = page.locator('trickle-gate#playbook')
  const benchmark = page.locator('trickle-gate#benchmark')
  const guide = page.locator('trickle-gate#guide')
  await playbook.locator('form').waitFor()
  // Visit 1 without any consent, visit 2 answers the rest the visitor may be asked.
  await answerFirstVisit(playbook, 'open.gate@fernhollow-customer.example')
  await playbook.locator('a.download').waitFor()
  await page.reload()
  await benchmark.locator('form').waitFor()
  expect(await asked(benchmark)).toEqual(['email', 'jobRole', 'industry', 'companySize'])
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

import type { Locator } from 'playwright-core'
import { expect, inject, test } from 'vitest'
import {
  axeViolations,
  download,
  expectPdf,
  sharedBrowser,
  newVisitor,
  screenshot,
} from './support'

const browser = sharedBrowser()

const asked = (gate: Locator) =>
  gate
    .locator('[data-field]')
    .evaluateAll((elements) => elements.map((e) => e.getAttribute('data-field') ?? ''))

test('the plain-DOM gates (core only, no framework) ask progressively too', async () => {
  const visitor = await newVisitor(browser(), { width: 900, height: 900 })
  const { page } = visitor
  await page.goto(inject('vanillaUrl'))
  const playbook = page.locator('#playbook')
  const benchmark = page.locator('#benchmark')
  await playbook.locator('form').waitFor()
  expect(await asked(playbook)).toEqual(['email', 'firstName', 'lastName', 'company'])
  for (const box of await playbook.getByRole('checkbox').all()) {
    expect(await box.isChecked()).toBe(false)
  }

  // Sent empty: the core's messages at each field and in a summary that takes the focus.
  await playbook.getByRole('button', { name: 'Get the download' }).click()
  await playbook.locator('.error-summary:not([hidden])').waitFor()
  expect(await page.evaluate(() => document.activeElement?.className)).toBe('error-summary')
  expect(await playbook.locator('[aria-invalid="true"]').count()).toBe(4)
  expect(await axeViolations(page), 'plain-DOM form with errors').toEqual([])
  await screenshot(page, 'vanilla-form-errors', true)

  await playbook.getByLabel('Business e-mail').fill('plain@fernhollow-customer.example')
  await playbook.getByLabel('First name').fill('Lina')
  await playbook.getByLabel('Last name').fill('Sommer')
  await playbook.getByLabel('Company').fill('Sommer Hydraulik')
  await playbook.getByRole('button', { name: 'Get the download' }).click()
  const link = playbook.getByRole('link', { name: 'Download The Predictive Maintenance Playbook' })
  await link.waitFor()
  expectPdf((await download(page, link)).bytes)

  // Visit 2: the first download stays unlocked; the second gate asks the next fields only.
  await page.reload()
  await benchmark.locator('form').waitFor()
  expect(await playbook.locator('a.download').count()).toBe(1)
  expect(await asked(benchmark)).toEqual(['email', 'jobRole', 'industry', 'companySize'])

  // "Not you?" starts fresh, and nothing of the visitor stays in this browser().
  await benchmark.getByRole('button', { name: 'Start over' }).click()
  await expect.poll(() => asked(benchmark)).toEqual(['email', 'firstName', 'lastName', 'company'])
  expect(await asked(playbook)).toEqual(['email', 'firstName', 'lastName', 'company'])
  expect(await page.evaluate(() => Object.keys(window.localStorage))).toEqual([])
  await visitor.done()
})

import type { Page } from 'playwright-core'
import { expect, test } from 'vitest'
import {
  answer,
  axeViolations,
  closeGate,
  gateMode,
  sharedBrowser,
  newVisitor,
  openGate,
  openSite,
  screenshot,
  submitGate,
} from './support'

const browser = sharedBrowser()

/** What has the keyboard focus: enough to decide the next key. */
function focused(page: Page) {
  return page.evaluate(() => {
    const element = document.activeElement as HTMLInputElement | null
    const label = element?.id ? document.querySelector(`label[for="${element.id}"]`) : null
    return {
      tag: element?.tagName ?? '',
      type: element?.type ?? '',
      label: label?.textContent?.trim() ?? '',
      text: element?.textContent?.trim() ?? '',
    }
  })
}

test('keyboard only: a gate can be opened, filled and submitted with Tab, Space and Enter', async () => {
  const visitor = await newVisitor(browser())
  const { page } = visitor
  await openSite(page)

  // Tab from the top of the page to the first paper's button.
  for (let i = 0; i < 40 && (await focused(page)).text !== 'Get the PDF'; i++) {
    await page.keyboard.press('Tab')
  }
  expect((await focused(page)).text).toBe('Get the PDF')
  await page.keyboard.press('Enter')
  const gate = page.locator('dialog[data-paper="whitepaper"]')
  await gate.waitFor()

  const typed: Record<string, string> = {
    'Business e-mail': 'keys@fernhollow-customer.example',
    'First name': 'Kai',
    'Last name': 'Nowak',
    Company: 'Nowak Präzision',
  }
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press('Tab')
    const now = await focused(page)
    const text = typed[now.label]
    if (now.tag === 'INPUT' && now.type !== 'checkbox' && text !== undefined) {
      await page.keyboard.type(text)
    } else if (now.tag === 'INPUT' && now.type === 'checkbox' && now.label === 'Newsletter') {
      await page.keyboard.press('Space')
    } else if (now.tag === 'BUTTON' && now.text === 'Get the download') {
      expect(await gate.getByRole('checkbox', { name: 'Newsletter' }).isChecked()).toBe(true)
      await page.keyboard.press('Enter')
      break
    }
  }
  await expect.poll(() => gateMode(gate)).toBe('ready')
  // The focus moved to the download the form unlocked.
  expect((await focused(page)).text).toMatch(/^Download /)
  await page.keyboard.press('Escape')
  await gate.waitFor({ state: 'detached' })
  // Closing gives the focus back to the button that opened the gate.
  expect((await focused(page)).text).toBe('Download')
  await visitor.done()
})

test('axe-core finds no violations on the landing page, a form with errors and the privacy center', async () => {
  const visitor = await newVisitor(browser())
  const { page } = visitor
  await openSite(page)
  expect(await axeViolations(page), 'landing page').toEqual([])
  await screenshot(page, 'desktop-landing', true)

  const gate = await openGate(page, 'whitepaper')
  await gate.getByRole('button', { name: 'Get the download' }).click()
  await gate.locator('.trickle-error-summary').waitFor()
  expect(await gate.locator('[aria-invalid="true"]').count()).toBeGreaterThanOrEqual(4)
  expect(await axeViolations(page), 'form with errors').toEqual([])
  await screenshot(page, 'desktop-form-errors')

  await answer(gate, {
    'Business e-mail': 'axe@fernhollow-customer.example',
    'First name': 'Ines',
    'Last name': 'Moreau',
    Company: 'Moreau Verpackung',
  })
  await gate.getByRole('checkbox', { name: 'Contact by our sales team' }).check()
  await submitGate(gate)
  await closeGate(gate)
  await openSite(page, '/privacy')
  await page.locator('[data-section="known"] tr[data-field="company"]').waitFor()
  expect(await axeViolations(page), 'privacy center').toEqual([])
  await screenshot(page, 'desktop-privacy-center', true)
  await visitor.done()
})

test('on a 390 px phone the page fits the screen, in German too', async () => {
  const visitor = await newVisitor(browser(), { width: 390, height: 844, locale: 'de-DE' })
  const { page } = visitor
  await openSite(page, '/', { lang: 'de' })
  expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(
    'Kennen Sie Ihre Maschinen, bevor sie stillstehen.',
  )
  const overflow = () => page.evaluate(() => document.documentElement.scrollWidth)
  expect(await overflow()).toBeLessThanOrEqual(390)
  await screenshot(page, 'phone-landing')
  await screenshot(page, 'phone-landing-full', true)

  await page.locator('article[data-paper="benchmark"] button').click()
  const gate = page.locator('dialog[data-paper="benchmark"]')
  await gate.waitFor()
  expect(await gate.getByLabel('Geschäftliche E-Mail').count()).toBe(1)
  expect(await overflow()).toBeLessThanOrEqual(390)
  await screenshot(page, 'phone-form')
  await answer(gate, {
    'Geschäftliche E-Mail': 'telefon@fernhollow-kunde.example',
    Vorname: 'Jana',
    Nachname: 'Kühn',
    Unternehmen: 'Kühn Fördertechnik',
  })
  await gate.getByRole('checkbox', { name: 'Newsletter' }).check()
  await gate.getByRole('button', { name: 'Download anfordern' }).click()
  await expect.poll(() => gateMode(gate)).toBe('ready')
  await screenshot(page, 'phone-form-done')

  // The language switch changes the form's labels, without a page load.
  await page.keyboard.press('Escape')
  await page.getByRole('link', { name: 'EN', exact: true }).click()
  await page
    .getByRole('heading', { level: 1, name: 'Know your machines before they stop.' })
    .waitFor()
  const english = await openGate(page, 'whitepaper')
  expect(await english.getByLabel('Business e-mail').count()).toBe(1)
  await closeGate(english)

  await openSite(page, '/privacy', { lang: 'de' })
  await page.locator('[data-section="known"] tr[data-field="company"]').waitFor()
  // Double opt-in: the newsletter waits for the click in the confirmation e-mail.
  expect(
    await page
      .locator('.trickle-consent-manager [data-trickle-consent="newsletter"]')
      .textContent(),
  ).toContain('Bestätigungs-E-Mail')
  expect(await overflow()).toBeLessThanOrEqual(390)
  await screenshot(page, 'phone-privacy-center', true)
  await visitor.done()
})

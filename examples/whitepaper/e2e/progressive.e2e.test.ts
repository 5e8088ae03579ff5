import { expect, inject, test } from 'vitest'
import {
  askedFields,
  closeGate,
  download,
  expectPdf,
  gateMode,
  sharedBrowser,
  newVisitor,
  offeredConsents,
  openGate,
  openSite,
  siteUrl,
  screenshot,
  submitGate,
  answer,
} from './support'

const browser = sharedBrowser()

test('each visit asks a few new fields, never a known one, until one click is enough', async () => {
  const visitor = await newVisitor(browser())
  const { page } = visitor
  await openSite(page)
  await expect.poll(() => page.locator('.mode-note').getAttribute('data-mode')).toBe('server')

  // Visit 1: the e-mail and the first three fields of the sequence; consents unticked.
  let gate = await openGate(page, 'whitepaper')
  expect(await askedFields(gate)).toEqual(['email', 'firstName', 'lastName', 'company'])
  expect(await offeredConsents(gate)).toEqual(['newsletter', 'sales'])
  for (const box of await gate.getByRole('checkbox').all())
    expect(await box.isChecked()).toBe(false)
  await answer(gate, {
    'Business e-mail': 'ada@fernhollow-customer.example',
    'First name': 'Ada',
    'Last name': 'Lindqvist',
    Company: 'Lindqvist Metallbau',
  })
  await gate.getByRole('checkbox', { name: 'Contact by our sales team' }).check()
  await submitGate(gate)
  const first = await download(page, gate.getByRole('link', { name: /^Download / }))
  expectPdf(first.bytes)
  // The server delivered it, with a short-lived token from the submission.
  expect(first.url).toContain('/api/v1/assets/whitepaper?token=')
  await closeGate(gate)

  // Visit 2 (a new page load): the next three fields, none of the known ones.
  await page.reload()
  gate = await openGate(page, 'benchmark')
  expect(await askedFields(gate)).toEqual(['email', 'jobRole', 'industry', 'companySize'])
  // Decided consents are not offered again (the sales consent was given, newsletter declined).
  expect(await offeredConsents(gate)).toEqual([])
  await answer(gate, {
    'Business e-mail': 'ada@fernhollow-customer.example',
    Position: 'Head of department',
    Industry: 'Manufacturing',
    'Company size': '250-999',
  })
  await submitGate(gate)
  expectPdf((await download(page, gate.getByRole('link', { name: /^Download / }))).bytes)
  await closeGate(gate)

  // Visit 3: the last fields (budget, because of the position and the sales consent; phone).
  await page.reload()
  gate = await openGate(page, 'security-guide')
  expect(await askedFields(gate)).toEqual(['email', 'budget', 'phone'])
  await answer(gate, {
    'Business e-mail': 'ada@fernhollow-customer.example',
    'Planned budget': '10.000 - 50.000 €',
    'Phone (optional)': '+49 40 555 0123',
  })
  await submitGate(gate)
  await closeGate(gate)

  // Visit 4: the profile is complete, so the open gate needs no form at all.
  await page.reload()
  gate = await openGate(page, 'checklist')
  expect(await gateMode(gate)).toBe('one-click')
  expect(await askedFields(gate)).toEqual([])
  await expect.poll(() => gate.getAttribute('data-download-source')).toBe('server')
  const oneClick = await download(page, gate.getByRole('link', { name: /^Download / }))
  expectPdf(oneClick.bytes)
  expect(oneClick.url).toContain('/api/v1/assets/checklist?token=')
  expect(oneClick.name).toBe('checklist.pdf')
  await closeGate(gate)

  // Papers downloaded before stay unlocked: their button now simply downloads.
  await expect(page.locator('article[data-paper="whitepaper"] button').textContent()).resolves.toBe(
    'Download',
  )
  await visitor.done()
})

test('the admin page charts fields shown and answered per visit from the server report', async () => {
  const visitor = await newVisitor(browser())
  const { page } = visitor
  // One submission of our own, so the report cannot be empty whatever order the files run in.
  await openSite(page)
  const gate = await openGate(page, 'whitepaper')
  await answer(gate, {
    'Business e-mail': 'report@fernhollow-customer.example',
    'First name': 'Rui',
    'Last name': 'Okafor',
    Company: 'Okafor Logistics',
  })
  await submitGate(gate)
  await closeGate(gate)

  await page.goto(`${siteUrl('/admin')}#token=${encodeURIComponent(inject('adminToken'))}`)
  const report = page.locator('[data-report]')
  await report.waitFor()
  const submissions = Number(await report.locator('[data-stat="submissions"]').textContent())
  expect(submissions).toBeGreaterThanOrEqual(1)
  // The chart: two bars per visit, drawn in SVG, and the same numbers in a table.
  const bars = report.locator('figure.report-chart svg rect')
  expect(await bars.count()).toBeGreaterThanOrEqual(2)
  const firstVisit = report.locator('.report-table tbody tr').first()
  expect(await firstVisit.locator('th').textContent()).toBe('Visit 1')
  const [shown, answered] = await firstVisit.locator('td').allTextContents()
  expect(Number(shown)).toBeGreaterThanOrEqual(4)
  expect(Number(answered)).toBeGreaterThanOrEqual(4)
  expect(await report.locator('.consent-rates li').count()).toBeGreaterThanOrEqual(1)
  await screenshot(page, 'desktop-admin-report', true)

  // A wrong token is refused with a message that says so.
  await page.getByLabel('Admin token').fill('not-the-token')
  await page.getByRole('button', { name: 'Show report' }).click()
  await page.locator('.admin-status .notice-error').waitFor()
  expect(await page.locator('.admin-status').textContent()).toContain('refused this token')
  await visitor.done()
})

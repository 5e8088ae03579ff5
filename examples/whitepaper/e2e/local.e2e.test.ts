import { expect, inject, test } from 'vitest'
import {
  answer,
  askedFields,
  closeGate,
  download,
  expectPdf,
  sharedBrowser,
  newVisitor,
  openGate,
  submitGate,
} from './support'

const browser = sharedBrowser()

test('without a server the site runs local-only: answers stay in the browser', async () => {
  const visitor = await newVisitor(browser())
  const { page } = visitor
  await page.goto(`${inject('localUrl')}/?lang=en`)
  await page.locator('.mode-note').waitFor()
  expect(await page.locator('.mode-note').getAttribute('data-mode')).toBe('local')

  let gate = await openGate(page, 'whitepaper')
  await answer(gate, {
    'Business e-mail': 'offline@fernhollow-customer.example',
    'First name': 'Sami',
    'Last name': 'Virtanen',
    Company: 'Virtanen Sähkö',
  })
  await submitGate(gate)
  const file = await download(page, gate.getByRole('link', { name: /^Download / }))
  expectPdf(file.bytes)
  expect(file.url).not.toContain('/api/')
  await closeGate(gate)

  // Only which fields are known is kept (persist 'known'), never the typed values.
  const stored = await page.evaluate(() => JSON.stringify({ ...window.localStorage }))
  expect(stored).toContain('firstName')
  expect(stored).not.toContain('Virtanen')

  await page.reload()
  gate = await openGate(page, 'benchmark')
  expect(await askedFields(gate)).toEqual(['email', 'jobRole', 'industry', 'companySize'])
  await visitor.done()
})

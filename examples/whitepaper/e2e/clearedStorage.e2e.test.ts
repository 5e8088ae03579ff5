import { expect, test } from 'vitest'
import {
  answer,
  askedFields,
  closeGate,
  newVisitor,
  openGate,
  openSite,
  sharedBrowser,
  submitGate,
} from './support'

const browser = sharedBrowser()

test('a returning visitor whose storage was cleared is asked the next fields, not the first', async () => {
  const visitor = await newVisitor(browser())
  const { page, context } = visitor
  await openSite(page)
  await expect.poll(() => page.locator('.mode-note').getAttribute('data-mode')).toBe('server')

  let gate = await openGate(page, 'whitepaper')
  expect(await askedFields(gate)).toEqual(['email', 'firstName', 'lastName', 'company'])
  await answer(gate, {
    'Business e-mail': 'mara@fernhollow-customer.example',
    'First name': 'Mara',
    'Last name': 'Ostrowski',
    Company: 'Ostrowski Feinmechanik',
  })
  await submitGate(gate)
  await closeGate(gate)

  // Safari's 7-day limit, or "clear site data" in part: the script's storage goes, the
  // server's HttpOnly visitor cookie stays.
  await page.evaluate(() => localStorage.clear())
  expect(await context.cookies()).not.toEqual([])
  await page.reload()
  await page.locator('main#main > *').first().waitFor()

  gate = await openGate(page, 'benchmark')
  // The pull at start takes over which fields the server knows (it may land after the form).
  await expect
    .poll(() => askedFields(gate))
    .toEqual(['email', 'jobRole', 'industry', 'companySize'])
  // Only which fields are known came back, never their values.
  const stored = await page.evaluate(() => JSON.stringify(localStorage))
  expect(stored).toContain('company')
  expect(stored).not.toContain('Ostrowski')

  await answer(gate, {
    'Business e-mail': 'mara@fernhollow-customer.example',
    Position: 'Head of department',
    Industry: 'Manufacturing',
    'Company size': '250-999',
  })
  const [response] = await Promise.all([
    page.waitForResponse(
      (r) => r.url().endsWith('/v1/submissions') && r.request().method() === 'POST',
    ),
    submitGate(gate),
  ])
  expect(response.status()).toBe(201)
  await visitor.done()
})

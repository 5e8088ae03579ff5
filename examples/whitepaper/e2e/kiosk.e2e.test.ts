import { expect, test } from 'vitest'
import {
  answer,
  askedFields,
  closeGate,
  download,
  expectPdf,
  sharedBrowser,
  newVisitor,
  openGate,
  openSite,
  submitGate,
} from './support'

const browser = sharedBrowser()

test('kiosk mode (?kiosk=1) remembers nobody: localStorage stays empty after a submit', async () => {
  const visitor = await newVisitor(browser(), { width: 1024, height: 768 })
  const { page, context } = visitor
  await openSite(page, '/', { kiosk: '1' })
  expect(await page.getByRole('note').textContent()).toContain('Trade-fair mode')

  let gate = await openGate(page, 'whitepaper')
  expect(await askedFields(gate)).toEqual(['email', 'firstName', 'lastName', 'company'])
  await answer(gate, {
    'Business e-mail': 'visitor.one@fair-guest.example',
    'First name': 'Elif',
    'Last name': 'Demir',
    Company: 'Demir Maschinenbau',
  })
  await gate.getByRole('checkbox', { name: 'Newsletter' }).check()
  await submitGate(gate)
  // The person at the tablet still gets the file (from the server, which stored the lead).
  const file = await download(page, gate.getByRole('link', { name: /^Download / }))
  expectPdf(file.bytes)
  expect(file.url).toContain('/api/v1/assets/whitepaper?token=')
  await closeGate(gate)

  expect(await page.evaluate(() => window.localStorage.length)).toBe(0)
  expect(await page.evaluate(() => window.sessionStorage.length)).toBe(0)
  // No visitor cookie either: the next person is not recognised as the previous one.
  expect((await context.cookies()).map((cookie) => cookie.name)).not.toContain('trickle_vid')

  // The next person, on the same page: asked from the start, nothing shown back.
  gate = await openGate(page, 'benchmark')
  expect(await askedFields(gate)).toEqual(['email', 'firstName', 'lastName', 'company'])
  expect(await gate.getByLabel('Business e-mail').inputValue()).toBe('')
  await answer(gate, {
    'Business e-mail': 'visitor.two@fair-guest.example',
    'First name': 'Tom',
    'Last name': 'Becker',
    Company: 'Becker Logistik',
  })
  await submitGate(gate)
  await closeGate(gate)
  expect(await page.evaluate(() => window.localStorage.length)).toBe(0)

  // The privacy link in the consent text keeps the tablet in kiosk mode.
  await page.reload()
  gate = await openGate(page, 'whitepaper')
  expect(await askedFields(gate)).toEqual(['email', 'firstName', 'lastName', 'company'])
  await gate.getByRole('link', { name: 'Privacy policy' }).first().click()
  await page.getByRole('heading', { level: 1, name: 'Privacy center' }).waitFor()
  expect(new URL(page.url()).searchParams.get('kiosk')).toBe('1')
  expect(await page.locator('[data-section="known"]').textContent()).toContain('Nothing yet')
  await visitor.done()
})

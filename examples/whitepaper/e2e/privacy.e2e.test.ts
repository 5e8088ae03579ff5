import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { expect, inject, test } from 'vitest'
import {
  answer,
  askedFields,
  closeGate,
  download,
  gateMode,
  sharedBrowser,
  newVisitor,
  offeredConsents,
  openGate,
  openSite,
  submitGate,
} from './support'

const browser = sharedBrowser()

async function goToPrivacyCenter(page: Page) {
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Privacy center' })
    .click()
  await page.getByRole('heading', { level: 1, name: 'Privacy center' }).waitFor()
}

const knownRow = (page: Page, fieldId: string) =>
  page.locator(`[data-section="known"] tr[data-field="${fieldId}"]`)

test('withdrawing the sales consent erases the phone number, and it is never asked again', async () => {
  const visitor = await newVisitor(browser())
  const { page } = visitor
  await openSite(page)

  let gate = await openGate(page, 'whitepaper')
  await answer(gate, {
    'Business e-mail': 'mika@fernhollow-customer.example',
    'First name': 'Mika',
    'Last name': 'Berg',
    Company: 'Berg Antriebstechnik',
  })
  await gate.getByRole('checkbox', { name: 'Contact by our sales team' }).check()
  await submitGate(gate)
  await closeGate(gate)

  // The checklist asks two new fields per visit.
  gate = await openGate(page, 'checklist')
  expect(await askedFields(gate)).toEqual(['email', 'industry', 'jobRole'])
  await answer(gate, {
    'Business e-mail': 'mika@fernhollow-customer.example',
    Industry: 'Retail',
    Position: 'Specialist',
  })
  await submitGate(gate)
  await closeGate(gate)

  // No budget for a specialist; the phone number is asked because sales may call.
  gate = await openGate(page, 'benchmark')
  expect(await askedFields(gate)).toEqual(['email', 'companySize', 'phone'])
  await answer(gate, {
    'Business e-mail': 'mika@fernhollow-customer.example',
    'Company size': '50-249',
    'Phone (optional)': '+49 30 555 0199',
  })
  await submitGate(gate)
  await closeGate(gate)

  await goToPrivacyCenter(page)
  // The server's copy shows the number (the browser never keeps it: the field is sensitive).
  await expect.poll(() => knownRow(page, 'phone').textContent()).toContain('+49 30 555 0199')
  expect(await knownRow(page, 'phone').textContent()).toContain('Contact by our sales team')

  const sales = page.locator('.trickle-consent-manager [data-trickle-consent="sales"]')
  expect(await sales.getAttribute('data-trickle-state')).toBe('granted')
  await sales.getByRole('button', { name: 'Withdraw' }).click()
  const status = page.locator('.trickle-consent-manager .trickle-status')
  await expect.poll(() => status.textContent()).toContain('Deleted: Phone')
  expect(await sales.getAttribute('data-trickle-state')).toBe('withdrawn')
  await expect.poll(() => knownRow(page, 'phone').count()).toBe(0)
  expect(await knownRow(page, 'company').count()).toBe(1)

  // The export (from the server) has no phone number left, and the withdrawal is on record.
  const file = await download(page, page.getByRole('button', { name: 'Download JSON' }))
  const exported = JSON.parse(file.bytes.toString('utf8')) as {
    fields: { id: string }[]
    consentHistory: { purposeId: string; decision: string }[]
  }
  expect(exported.fields.map((f) => f.id)).not.toContain('phone')
  expect(
    exported.consentHistory.filter((e) => e.purposeId === 'sales').map((e) => e.decision),
  ).toEqual(['granted', 'withdrawn'])

  // The last paper: nothing is left that may be asked, so no phone field and no sales consent.
  for (const reload of [false, true]) {
    if (reload) await page.reload()
    else await page.getByRole('link', { name: 'Whitepapers' }).first().click()
    gate = await openGate(page, 'security-guide')
    expect(await askedFields(gate)).not.toContain('phone')
    expect(await offeredConsents(gate)).not.toContain('sales')
    expect(await gateMode(gate)).toBe('one-click')
    await closeGate(gate)
  }
  await visitor.done()
})

test('"Not you?" starts fresh: the next person is asked from the start and can submit', async () => {
  const visitor = await newVisitor(browser())
  const { page } = visitor
  await openSite(page)
  let gate = await openGate(page, 'whitepaper')
  await answer(gate, {
    'Business e-mail': 'first.person@fernhollow-customer.example',
    'First name': 'Jonas',
    'Last name': 'Weber',
    Company: 'Weber Kunststoffe',
  })
  await submitGate(gate)
  await closeGate(gate)

  await page.reload()
  gate = await openGate(page, 'benchmark')
  expect(await askedFields(gate)).toEqual(['email', 'jobRole', 'industry', 'companySize'])
  await gate.getByRole('button', { name: 'Start over' }).click()
  await expect.poll(() => askedFields(gate)).toEqual(['email', 'firstName', 'lastName', 'company'])
  // Nothing of the first person is shown back.
  for (const input of await gate.locator('input[type="text"], input[type="email"]').all()) {
    expect(await input.inputValue()).toBe('')
  }
  await answer(gate, {
    'Business e-mail': 'second.person@fernhollow-customer.example',
    'First name': 'Lea',
    'Last name': 'Haas',
    Company: 'Haas Pumpen',
  })
  await submitGate(gate)
  await closeGate(gate)

  await goToPrivacyCenter(page)
  await expect.poll(() => knownRow(page, 'firstName').textContent()).toContain('Lea')
  expect(await page.locator('[data-section="known"]').textContent()).not.toContain('Jonas')
  await visitor.done()
})

test('"Erase my data" deletes everything here and on the server', async () => {
  const visitor = await newVisitor(browser())
  const { page } = visitor
  await openSite(page)
  const gate = await openGate(page, 'whitepaper')
  await answer(gate, {
    'Business e-mail': 'erase.me@fernhollow-customer.example',
    'First name': 'Noor',
    'Last name': 'Aziz',
    Company: 'Aziz Elektro',
  })
  await submitGate(gate)
  await closeGate(gate)

  await goToPrivacyCenter(page)
  await expect.poll(() => knownRow(page, 'firstName').textContent()).toContain('Noor')
  await page.getByRole('button', { name: 'Erase my data' }).click()
  await page.getByRole('button', { name: 'Yes, erase everything' }).click()
  await expect.poll(() => page.locator('.privacy-status').textContent()).toContain('erased')
  await expect
    .poll(() => page.locator('[data-section="known"]').textContent())
    .toContain('Nothing yet')

  // A new page load: this browser is a stranger to the site and to the server.
  await page.reload()
  await page.getByRole('heading', { level: 1, name: 'Privacy center' }).waitFor()
  await expect
    .poll(() => page.locator('[data-section="known"]').textContent())
    .toContain('Nothing yet')
  const cookies = await visitor.context.cookies()
  expect(cookies.map((cookie) => cookie.name)).not.toContain('trickle_vid')
  await visitor.done()
})

/** The double opt-in mail the server wrote for `to` (the tests' mailer writes JSON files). */
async function confirmationMailTo(to: string): Promise<{ confirmUrl: string; purposeId: string }> {
  const dir = inject('mailDir')
  const deadline = Date.now() + 10_000
  while (Date.now() < deadline) {
    const names = await readdir(dir).catch(() => [])
    for (const name of names) {
      const mail = JSON.parse(await readFile(join(dir, name), 'utf8')) as {
        to: string
        confirmUrl: string
        purposeId: string
      }
      if (mail.to === to) return mail
    }
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
  throw new Error(`No double opt-in mail to ${to} in ${dir}.`)
}

test('double opt-in: the link in the mail confirms the newsletter consent on record', async () => {
  const visitor = await newVisitor(browser())
  const { page } = visitor
  const address = 'double.opt-in@fernhollow-customer.example'
  await openSite(page)
  const gate = await openGate(page, 'whitepaper')
  await answer(gate, {
    'Business e-mail': address,
    'First name': 'Ole',
    'Last name': 'Brandt',
    Company: 'Brandt Armaturen',
  })
  await gate.getByRole('checkbox', { name: 'Newsletter' }).check()
  await submitGate(gate)
  await closeGate(gate)

  await goToPrivacyCenter(page)
  const newsletter = page.locator('.trickle-consent-manager [data-trickle-consent="newsletter"]')
  expect(await newsletter.getAttribute('data-trickle-state')).toBe('pending')

  const mail = await confirmationMailTo(address)
  expect(mail.purposeId).toBe('newsletter')
  // The link reaches the server through the site, like every other request of the browser.
  expect(mail.confirmUrl.startsWith(`${inject('baseUrl')}/api/v1/doi/confirm?token=`)).toBe(true)
  const confirmation = await page.goto(mail.confirmUrl)
  expect(confirmation?.status()).toBe(200)
  // Opening the link confirms nothing (mail scanners open every link): the visitor presses the
  // button on the page, and only that POST records the confirmation.
  await page.getByRole('heading', { level: 1, name: 'Confirm your consent' }).waitFor()
  await page.getByRole('button', { name: 'Confirm my consent' }).click()
  await page.getByRole('heading', { level: 1, name: 'Thank you!' }).waitFor()

  await openSite(page, '/privacy')
  const history = page.locator('[data-section="consents"] .history-table')
  await expect.poll(() => history.textContent()).toContain('confirmed')
  // The browser took the confirmation over from the server: no longer waiting for the mail.
  await expect.poll(() => newsletter.getAttribute('data-trickle-state')).toBe('granted')
  expect(await newsletter.textContent()).not.toMatch(/waiting/i)
  // It stays so after a reload, also before the server answers (the browser keeps it).
  await page.reload()
  await page.getByRole('heading', { level: 1, name: 'Privacy center' }).waitFor()
  expect(await newsletter.getAttribute('data-trickle-state')).toBe('granted')
  await visitor.done()
})

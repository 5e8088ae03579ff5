import { createHash } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { expect, inject, test } from 'vitest'
import {
  answer,
  closeGate,
  newVisitor,
  openGate,
  openSite,
  readDownload,
  sharedBrowser,
  submitGate,
  type AxeViolation,
} from './support'

// The privacy desk at /admin/privacy of the real server (PGlite data folder): a data protection
// officer answers "send me everything" and "delete me" for an address two browsers submitted.

const browser = sharedBrowser()

const config = JSON.parse(
  await readFile(join(import.meta.dirname, '..', 'src', 'trickle.config.json'), 'utf8'),
) as { purposes: { id: string; text?: { en: string; de: string } }[] }
const salesText = config.purposes.find((p) => p.id === 'sales')?.text?.en ?? ''
const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex')

/** An address no other test uses, so erasing it touches nobody else. */
const uniqueAddress = (name: string) =>
  `${name}.${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}@fernhollow-customer.example`

/** One visitor (own cookies) fills a form of the site with the address and leaves. */
async function submitOnSite(
  formId: string,
  answers: Record<string, string>,
  consent: string,
): Promise<void> {
  const visitor = await newVisitor(browser())
  await openSite(visitor.page)
  const gate = await openGate(visitor.page, formId)
  await answer(gate, answers)
  await gate.getByRole('checkbox', { name: consent }).check()
  await submitGate(gate)
  await closeGate(gate)
  await visitor.done()
}

const axeSource = await readFile(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
)

/**
 * axe-core in the desk. The desk's policy refuses injected script tags, so axe is evaluated
 * through the browser's debugging protocol instead.
 */
async function axeViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(axeSource)
  const { passes, violations } = await page.evaluate(async () => {
    interface Results {
      passes: unknown[]
      violations: {
        id: string
        impact: string | null
        help: string
        nodes: { target: string[] }[]
      }[]
    }
    const axe = (window as unknown as { axe: { run: (context: Document) => Promise<Results> } }).axe
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
  expect(passes, 'axe-core checked no rule at all').toBeGreaterThan(10)
  return violations
}

const storedToken = (page: Page) =>
  page.evaluate(() => sessionStorage.getItem('trickle-privacy-desk-token'))
const activeId = (page: Page) => page.evaluate(() => document.activeElement?.id ?? '')
const deskUrl = (lang?: string) =>
  `${inject('apiUrl')}/admin/privacy${lang === undefined ? '' : `?lang=${lang}`}`

/** Types into a field reached by its label and presses Enter, as a keyboard user would. */
async function typeAndEnter(page: Page, label: string, text: string) {
  const input = page.getByLabel(label, { exact: true })
  await input.focus()
  await input.fill(text)
  await page.keyboard.press('Enter')
}

test('find, prove, export and erase every profile of an address, by keyboard, axe-clean (en)', async () => {
  const address = uniqueAddress('klaus.desk')
  await submitOnSite(
    'whitepaper',
    { 'Business e-mail': address, 'First name': 'Klaus', 'Last name': 'Desk', Company: 'Desk AG' },
    'Contact by our sales team',
  )
  // The same person on another form, in another browser, with the address in capitals.
  await submitOnSite(
    'checklist',
    { 'Business e-mail': address.toUpperCase(), Company: 'Desk AG', Industry: 'Retail' },
    'Newsletter',
  )

  const officer = await newVisitor(browser())
  const { page, context } = officer
  await page.goto(deskUrl('en'))
  await page.getByRole('heading', { level: 1, name: 'Privacy desk' }).waitFor()
  const status = page.getByRole('status')
  const alert = page.getByRole('alert')
  expect(await axeViolations(page), 'desk, empty').toEqual([])

  // A wrong token is refused and says so; the right one is accepted.
  await typeAndEnter(page, 'Admin token', 'not-the-token')
  await expect.poll(() => alert.textContent()).toBe('The token is wrong: the server refused it.')
  expect(await storedToken(page), 'a refused token is not kept').toBeNull()
  await typeAndEnter(page, 'Admin token', inject('adminToken'))
  await expect.poll(() => status.textContent()).toBe('Token accepted.')
  expect(await storedToken(page)).toBe(inject('adminToken'))

  // Find, with the address typed in another case and with spaces around it.
  await typeAndEnter(page, 'E-mail address', `  ${address.replace(/^k/, 'K')} `)
  await expect.poll(() => status.textContent()).toBe('2 profiles hold this address.')
  const profiles = page.locator('#profiles article')
  expect(await profiles.count()).toBe(2)
  const shownText = await page.locator('#profiles').innerText()
  expect(shownText).toContain(address)
  expect(shownText).toContain(address.toUpperCase())
  expect(shownText).toContain('whitepaper')
  expect(shownText).toContain('checklist')
  expect(shownText).toContain(salesText)
  const addressHash = (await page.locator('#results-summary code').textContent()) ?? ''
  expect(addressHash).toMatch(/^[\w-]{40,}$/)
  expect(await axeViolations(page), 'desk, two profiles').toEqual([])

  // The proof of the sales consent opens as a printable page with the exact text and its hash.
  const [proof] = await Promise.all([
    context.waitForEvent('page'),
    page.getByRole('button', { name: 'Proof: sales' }).click(),
  ])
  await proof.waitForLoadState()
  const proofText = await proof.locator('body').innerText()
  expect(proofText).toContain(salesText)
  expect(proofText).toContain(sha256(salesText))
  expect(proof.url()).not.toContain('@')
  await proof.close()

  // The printable export shows both profiles.
  const [printable] = await Promise.all([
    context.waitForEvent('page'),
    page.getByRole('button', { name: 'Printable export' }).click(),
  ])
  await printable.waitForLoadState()
  const printableText = await printable.locator('body').innerText()
  expect(printableText).toContain(address)
  expect(printableText).toContain(address.toUpperCase())
  expect(printable.url()).not.toContain('@')
  await printable.close()

  // Export: a JSON file with both profiles.
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export JSON' }).click(),
  ])
  expect(file.suggestedFilename()).toMatch(/^export-[\w-]{8}\.json$/)
  const exported = JSON.parse((await readDownload(file)).toString('utf8')) as {
    profiles: unknown[]
  }
  expect(exported.profiles).toHaveLength(2)
  const exportedText = JSON.stringify(exported)
  expect(exportedText).toContain(address)
  expect(exportedText).toContain(salesText)

  // A withdrawal by letter: the purpose is chosen in the dialog and withdrawn on both profiles.
  await page.getByRole('button', { name: 'Withdraw purpose…' }).click()
  const withdrawal = page.getByRole('dialog', { name: 'Withdraw a purpose for this address' })
  await withdrawal.waitFor()
  expect(await activeId(page)).toBe('confirm-purpose')
  await withdrawal.getByLabel('Purpose').selectOption('newsletter')
  await withdrawal.getByRole('button', { name: 'Withdraw' }).click()
  await expect
    .poll(() => status.textContent())
    .toMatch(/^newsletter withdrawn on [12] of 2 profile\(s\)\./)
  expect(await profiles.count()).toBe(2)

  // Erase: the confirmation dialog, by keyboard. Escape cancels and changes nothing.
  const erase = page.getByRole('button', { name: 'Erase all profiles…' })
  await erase.focus()
  await page.keyboard.press('Enter')
  const dialog = page.getByRole('dialog', { name: 'Erase all profiles of this address?' })
  await dialog.waitFor()
  expect(await dialog.innerText()).toContain('This erases 2 profile(s) in one transaction')
  expect(await activeId(page)).toBe('confirm-cancel')
  expect(await axeViolations(page), 'desk, confirmation dialog').toEqual([])
  await page.keyboard.press('Escape')
  await dialog.waitFor({ state: 'hidden' })
  await expect.poll(() => status.textContent()).toBe('Cancelled: nothing was changed.')
  expect(await activeId(page)).toBe('erase')
  expect(await profiles.count()).toBe(2)

  await page.keyboard.press('Enter')
  await dialog.waitFor()
  await page.keyboard.press('Tab')
  expect(await activeId(page)).toBe('confirm-ok')
  await page.keyboard.press('Enter')
  await expect
    .poll(() => status.textContent())
    .toBe('Erased 2 profile(s). The receipt is shown below.')
  const receipt = page.getByRole('region', { name: 'Erasure receipt' })
  const receiptText = await receipt.innerText()
  // The receipt names the address only by its keyed hash, the same the find showed.
  expect(receiptText).toContain(`Address hash\n${addressHash}`)
  expect(receiptText).toMatch(/Profiles\s+2/)
  expect(receiptText).toContain('field_values')
  expect(receiptText).not.toContain(address)
  expect(await activeId(page)).toBe('receipt-heading')
  expect(await axeViolations(page), 'desk, receipt').toEqual([])

  // The audit log lists what the officer did, without the address.
  const audit = await page.locator('#audit').innerText()
  for (const action of ['find', 'proof', 'export', 'erase']) expect(audit).toContain(action)
  expect(audit).not.toContain(address)

  // A new find shows nothing.
  await typeAndEnter(page, 'E-mail address', address)
  await expect.poll(() => status.textContent()).toBe('No profile holds this address.')
  expect(await profiles.count()).toBe(0)

  // The address never was in the desk's own address.
  expect(page.url()).toBe(deskUrl('en'))

  // "Forget token" forgets it and clears the screen.
  await page.getByRole('button', { name: 'Forget token' }).click()
  await expect.poll(() => status.textContent()).toBe('The token is forgotten.')
  expect(await storedToken(page)).toBeNull()
  expect(await page.locator('#results').isHidden()).toBe(true)
  await officer.done()
})

test('the German desk (from the browser language): find, confirm by keyboard, receipt, axe-clean', async () => {
  const address = uniqueAddress('greta.desk')
  await submitOnSite(
    'whitepaper',
    {
      'Business e-mail': address,
      'First name': 'Greta',
      'Last name': 'Desk',
      Company: 'Desk GmbH',
    },
    'Contact by our sales team',
  )
  const officer = await newVisitor(browser(), { locale: 'de-DE' })
  const { page } = officer
  await page.goto(deskUrl())
  await page.getByRole('heading', { level: 1, name: 'Datenschutz-Desk' }).waitFor()
  expect(await axeViolations(page), 'Desk, leer').toEqual([])
  const status = page.getByRole('status')

  await typeAndEnter(page, 'Admin-Token', inject('adminToken'))
  await expect.poll(() => status.textContent()).toBe('Token akzeptiert.')
  await typeAndEnter(page, 'E-Mail-Adresse', address)
  await expect.poll(() => status.textContent()).toBe('Ein Profil enthält diese Adresse.')
  expect(await axeViolations(page), 'Desk, ein Profil').toEqual([])

  await page.getByRole('button', { name: 'Alle Profile löschen …' }).focus()
  await page.keyboard.press('Enter')
  const dialog = page.getByRole('dialog', { name: 'Alle Profile dieser Adresse löschen?' })
  await dialog.waitFor()
  expect(await axeViolations(page), 'Desk, Bestätigung').toEqual([])
  await page.keyboard.press('Tab')
  expect(await activeId(page)).toBe('confirm-ok')
  await page.keyboard.press('Enter')
  await expect
    .poll(() => status.textContent())
    .toBe('1 Profil(e) gelöscht. Die Löschbestätigung steht unten.')
  expect(await page.getByRole('region', { name: 'Löschbestätigung' }).innerText()).toMatch(
    /Profile\s+1/,
  )
  expect(await axeViolations(page), 'Desk, Löschbestätigung').toEqual([])

  await typeAndEnter(page, 'E-Mail-Adresse', address)
  await expect.poll(() => status.textContent()).toBe('Kein Profil enthält diese Adresse.')
  await officer.done()
})

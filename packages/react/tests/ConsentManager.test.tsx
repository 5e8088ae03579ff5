import { exportProfile, memoryStorage } from '@trickle/core'
import { cleanup, render, screen, within } from '@testing-library/react'
import { userEvent } from '@testing-library/user-event'
import { afterEach, expect, test } from 'vitest'
import { ConsentManager, ProgressiveForm, useConsent } from '../src/index'
import { axeViolations } from './axe'
import { firstVisitDone, fixtureConfig, visit, withProvider } from './helpers'

afterEach(cleanup)

test('withdrawing the sales consent removes the phone value, and phone is not asked again', async () => {
  const config = fixtureConfig()
  const storage = memoryStorage()
  await firstVisitDone(config, storage, { sales: true, newsletter: false })
  const second = visit(config, storage)
  const visit2 = await second.submit('whitepaper', {
    values: { email: 'ada@example.com', jobRole: 'head', industry: 'it', companySize: '50-249' },
  })
  expect(visit2.ok).toBe(true)
  second.destroy()

  // Visit 3: budget and phone (sales purpose, consented on visit 1).
  const trickle = visit(config, storage)
  const user = userEvent.setup()
  const form = render(
    withProvider({ trickle, locale: 'en' }, <ProgressiveForm formId="whitepaper" />),
  )
  await user.type(form.getByLabelText('Business e-mail'), 'ada@example.com')
  await user.click(form.getByRole('radio', { name: '> 50.000 €' }))
  await user.type(form.getByLabelText('Phone (optional)'), '+49 30 1234567')
  await user.click(form.getByRole('button', { name: 'Send' }))
  await form.findByText('Thank you! Your answers were saved.')
  expect(trickle.getState().profile.fields.phone?.collectedAt).toEqual(expect.any(String))
  form.unmount()

  const manager = render(withProvider({ trickle, locale: 'en' }, <ConsentManager />))
  const sales = manager.container.querySelector<HTMLElement>('[data-trickle-consent="sales"]')!
  expect(within(sales).getByText('Given')).toBeTruthy()
  expect(await axeViolations(manager.container)).toEqual([])

  await user.click(within(sales).getByRole('button', { name: 'Withdraw' }))

  expect(within(sales).getByText('Withdrawn')).toBeTruthy()
  expect(within(sales).queryByRole('button')).toBeNull()
  const status = manager.getByRole('status')
  expect(status.textContent).toBe(
    'Consent withdrawn: Contact by our sales team. Deleted: Planned budget, Phone.',
  )
  expect(document.activeElement).toBe(status)
  expect(trickle.getState().profile.fields).not.toHaveProperty('phone')
  const exported = exportProfile(trickle.config, trickle.getState().profile, { locale: 'en' })
  expect(exported.fields.map((field) => field.id)).not.toContain('phone')
  manager.unmount()

  const next = render(
    withProvider(
      { trickle: visit(config, storage), locale: 'en' },
      <ProgressiveForm formId="whitepaper" />,
    ),
  )
  expect(next.queryByLabelText(/Phone/)).toBeNull()
  expect(next.queryByRole('checkbox', { name: 'Contact by our sales team' })).toBeNull()
})

test('lists every consent purpose with its state, localized', async () => {
  const config = fixtureConfig()
  const storage = memoryStorage()
  await firstVisitDone(config, storage, { sales: false, newsletter: true })
  const trickle = visit(config, storage)
  const { container } = render(
    withProvider({ trickle, locale: 'de' }, <ConsentManager headingLevel={3} />),
  )

  expect(screen.getByRole('heading', { level: 3, name: 'Ihre Einwilligungen' })).toBeTruthy()
  const rows = [...container.querySelectorAll('[data-trickle-consent]')].map((row) => [
    row.getAttribute('data-trickle-consent'),
    row.getAttribute('data-trickle-state'),
    row.querySelector('.trickle-consent-state')?.textContent,
    row.querySelector('button')?.textContent ?? null,
  ])
  expect(rows).toEqual([
    ['newsletter', 'pending', 'Wartet auf Ihre Bestätigungs-E-Mail', 'Widerrufen'],
    ['sales', 'denied', 'Abgelehnt', null],
  ])
})

test('useConsent gives the live state and a withdraw action for custom UIs', async () => {
  const config = fixtureConfig()
  const storage = memoryStorage()
  await firstVisitDone(config, storage, { sales: true, newsletter: false })
  const trickle = visit(config, storage)
  function SalesToggle() {
    const consent = useConsent('sales')
    return (
      <p>
        {consent.label}: {consent.state}
        {consent.canWithdraw ? (
          <button type="button" onClick={consent.withdraw}>
            Stop
          </button>
        ) : null}
      </p>
    )
  }
  const user = userEvent.setup()
  render(withProvider({ trickle, locale: 'en' }, <SalesToggle />))
  expect(screen.getByText('Contact by our sales team: granted')).toBeTruthy()
  await user.click(screen.getByRole('button', { name: 'Stop' }))
  expect(screen.getByText('Contact by our sales team: withdrawn')).toBeTruthy()
})

test('useConsent names the known purposes when given an unknown one', () => {
  const trickle = visit(fixtureConfig())
  function Broken() {
    useConsent('salse')
    return null
  }
  expect(() => render(withProvider({ trickle }, <Broken />))).toThrow(
    /unknown purpose "salse".*"delivery", "newsletter", "sales", "personalisation"/,
  )
})

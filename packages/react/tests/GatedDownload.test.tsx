import { memoryStorage, type TrickleEvent, type TrickleStorage } from '@trickle/core'
import { cleanup, render, screen } from '@testing-library/react'
import { userEvent } from '@testing-library/user-event'
import { afterEach, beforeEach, expect, test } from 'vitest'
import { GatedDownload } from '../src/index'
import { axeViolations } from './axe'
import { fixtureConfig, fixtureInput, parse, visit, withProvider } from './helpers'

const asset = { href: '/files/buyer-study.pdf', title: 'The B2B buyer study' }

// jsdom cannot navigate: keep the links' default action from reaching it.
const stopNavigation = (event: MouseEvent) => {
  if ((event.target as Element).closest('a[href]')) event.preventDefault()
}
beforeEach(() => document.addEventListener('click', stopNavigation))
afterEach(() => {
  document.removeEventListener('click', stopNavigation)
  cleanup()
})

/** Two visits on the checklist form (perVisit 2): afterwards nothing is left to ask. */
async function knownVisitor(storage: TrickleStorage, config = fixtureConfig()) {
  const trickle = visit(config, storage)
  const answers = [
    { values: { email: 'ada@example.com', company: 'ACME', industry: 'it' } },
    { values: { email: 'ada@example.com', jobRole: 'head', companySize: '50-249' } },
  ]
  for (const [index, input] of answers.entries()) {
    const consents = index === 0 ? { newsletter: false } : {}
    const result = await trickle.submit('checklist', { ...input, consents })
    if (!result.ok) throw new Error(JSON.stringify(result.error))
  }
  expect(trickle.plan('checklist').complete).toBe(true)
  trickle.destroy()
}

test('the form unlocks the download: button and link, focus on it, remembered on the next visit', async () => {
  const events: TrickleEvent[] = []
  const storage = memoryStorage()
  const trickle = visit(fixtureConfig(), storage, {
    transport: async () => ({ downloadUrl: '/files/buyer-study.pdf?token=abc' }),
    onEvent: (event) => events.push(event),
  })
  const user = userEvent.setup()
  const { container } = render(
    withProvider({ trickle, locale: 'en' }, <GatedDownload formId="whitepaper" asset={asset} />),
  )
  expect(screen.queryByRole('link', { name: /Download/ })).toBeNull()
  await user.type(screen.getByLabelText('Business e-mail'), 'ada@example.com')
  await user.type(screen.getByLabelText('First name'), 'Ada')
  await user.type(screen.getByLabelText('Last name'), 'Lovelace')
  await user.type(screen.getByLabelText('Company'), 'ACME')
  await user.click(screen.getByRole('button', { name: 'Get the download' }))

  const button = await screen.findByRole('link', { name: 'Download The B2B buyer study' })
  const link = screen.getByRole('link', { name: 'Open The B2B buyer study in a new tab' })
  expect(button.getAttribute('href')).toBe('/files/buyer-study.pdf?token=abc')
  expect(link.getAttribute('href')).toBe('/files/buyer-study.pdf?token=abc')
  expect(document.activeElement).toBe(button)
  expect(screen.getByRole('status').textContent).toBe('Thank you! Your download is ready.')
  expect(screen.queryByRole('textbox')).toBeNull()
  expect(events.filter((event) => event.type === 'download-unlocked')).toEqual([
    { type: 'download-unlocked', formId: 'whitepaper', href: asset.href, oneClick: false },
  ])
  expect(await axeViolations(container)).toEqual([])
  trickle.destroy()
  cleanup()

  // Next page load: the unlock is remembered, no form in front of the same download.
  const again = visit(fixtureConfig(), storage)
  render(
    withProvider(
      { trickle: again, locale: 'en' },
      <GatedDownload formId="whitepaper" asset={asset} />,
    ),
  )
  expect(
    screen.getByRole('link', { name: 'Download The B2B buyer study' }).getAttribute('href'),
  ).toBe(asset.href)
  expect(screen.queryByRole('textbox')).toBeNull()
})

test('open gate: a recognised visitor with nothing left to ask downloads with one click, recorded', async () => {
  const storage = memoryStorage()
  await knownVisitor(storage)
  const events: TrickleEvent[] = []
  const trickle = visit(fixtureConfig(), storage, { onEvent: (event) => events.push(event) })
  const user = userEvent.setup()
  const { container } = render(
    withProvider({ trickle, locale: 'en' }, <GatedDownload formId="checklist" asset={asset} />),
  )

  expect(screen.queryByRole('textbox')).toBeNull()
  expect(screen.getByRole('status').textContent).toBe('Welcome back! No form needed this time.')
  expect(screen.getByRole('button', { name: 'Start over' })).toBeTruthy()
  const button = screen.getByRole('link', { name: 'Download The B2B buyer study' })
  expect(trickle.getState().unlocked.checklist).toBeUndefined()
  expect(await axeViolations(container)).toEqual([])

  await user.click(button)

  expect(trickle.getState().unlocked.checklist).toEqual(expect.any(String))
  expect(events.filter((event) => event.type === 'download-unlocked')).toEqual([
    { type: 'download-unlocked', formId: 'checklist', href: asset.href, oneClick: true },
  ])
  expect(events.find((event) => event.type === 'plan-shown')).toMatchObject({ complete: true })
  expect(screen.getByRole('status').textContent).toBe('Thank you! Your download is ready.')
  // The same link stays in place (and keeps the focus) after the click.
  expect(screen.getByRole('link', { name: 'Download The B2B buyer study' })).toBe(button)
})

test('without openGate a known visitor still gets the form (only the always-asked e-mail)', async () => {
  const input = fixtureInput()
  const config = parse({
    ...input,
    forms: input.forms.map((form) =>
      form.id === 'checklist' ? { ...form, openGate: false } : form,
    ),
  })
  const storage = memoryStorage()
  await knownVisitor(storage, config)
  const trickle = visit(config, storage)
  render(
    withProvider({ trickle, locale: 'en' }, <GatedDownload formId="checklist" asset={asset} />),
  )
  expect(screen.queryByRole('link', { name: /^Download/ })).toBeNull()
  expect(screen.getAllByRole('textbox').map((box) => box.getAttribute('name'))).toEqual([
    'values.email',
  ])
})

test('"Not you?" on the one-click download brings the form back for a new visitor', async () => {
  const storage = memoryStorage()
  await knownVisitor(storage)
  const trickle = visit(fixtureConfig(), storage)
  const user = userEvent.setup()
  render(
    withProvider({ trickle, locale: 'de' }, <GatedDownload formId="checklist" asset={asset} />),
  )
  expect(screen.getByRole('link', { name: 'The B2B buyer study herunterladen' })).toBeTruthy()

  await user.click(screen.getByRole('button', { name: 'Neu beginnen' }))

  expect(screen.queryByRole('link', { name: /herunterladen/ })).toBeNull()
  expect(screen.getByLabelText('Geschäftliche E-Mail')).toHaveProperty('value', '')
  expect(screen.getByRole('button', { name: 'Download anfordern' })).toBeTruthy()
})

test('kiosk mode: the next person meets the form again, not the previous download', async () => {
  const storage = memoryStorage()
  const trickle = visit(fixtureConfig(), storage, { persist: 'none' })
  const user = userEvent.setup()
  const gate = withProvider(
    { trickle, locale: 'en' },
    <GatedDownload formId="whitepaper" asset={asset} />,
  )
  const { unmount } = render(gate)
  await user.type(screen.getByLabelText('Business e-mail'), 'ada@example.com')
  await user.type(screen.getByLabelText('First name'), 'Ada')
  await user.type(screen.getByLabelText('Last name'), 'Lovelace')
  await user.type(screen.getByLabelText('Company'), 'ACME')
  await user.click(screen.getByRole('button', { name: 'Get the download' }))
  expect(await screen.findByRole('link', { name: 'Download The B2B buyer study' })).toBeTruthy()
  expect(screen.queryByText('Start over')).toBeNull()

  await user.click(screen.getByRole('button', { name: 'Done: next visitor' }))
  expect(screen.queryByRole('link', { name: 'Download The B2B buyer study' })).toBeNull()
  expect((screen.getByLabelText('Business e-mail') as HTMLInputElement).value).toBe('')
  expect(screen.getByLabelText('First name')).toBeTruthy()

  // Closing the gate (a dialog unmounting) hands it to the next person as well.
  await user.type(screen.getByLabelText('Business e-mail'), 'bo@example.com')
  await user.type(screen.getByLabelText('First name'), 'Bo')
  await user.type(screen.getByLabelText('Last name'), 'Berg')
  await user.type(screen.getByLabelText('Company'), 'Berg AG')
  await user.click(screen.getByRole('button', { name: 'Get the download' }))
  await screen.findByRole('link', { name: 'Download The B2B buyer study' })
  unmount()
  render(gate)
  expect(screen.queryByRole('link', { name: 'Download The B2B buyer study' })).toBeNull()
  expect(screen.getByLabelText('Business e-mail')).toBeTruthy()
  expect(storage.getItem('trickle:v1')).toBeNull()
  trickle.destroy()
})

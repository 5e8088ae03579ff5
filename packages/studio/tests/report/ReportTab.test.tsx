import { cleanup, render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, expect, test, vi } from 'vitest'
import { ReportTab } from '../../src/report/ReportTab'
import { StudioApiError, type StudioApi } from '../../src/studioApi'
import { axeViolations } from './axe'
import { emptyReport, fakeApi, fixtureConfig } from './reportFixtures'

// Rendering and axe are slow on a busy machine; nothing here depends on time.
vi.setConfig({ testTimeout: 30_000 })

afterEach(cleanup)

const today = new Date('2026-12-06T15:00:00Z')

function renderTab(api: StudioApi | null, locale: 'en' | 'de' = 'en') {
  const onPreviewOrder = vi.fn()
  const onAcceptOrder = vi.fn()
  const view = render(
    <ReportTab
      api={api}
      config={fixtureConfig()}
      locale={locale}
      today={today}
      onPreviewOrder={onPreviewOrder}
      onAcceptOrder={onAcceptOrder}
    />,
  )
  return { ...view, onPreviewOrder, onAcceptOrder }
}

/** The cells of a table row, found by its row header. */
function rowOf(table: HTMLElement, header: RegExp): string[] {
  const row = within(table).getByRole('rowheader', { name: header }).closest('tr')
  if (!row) throw new Error(`no row ${String(header)}`)
  return within(row)
    .getAllByRole('cell')
    .map((cell) => cell.textContent ?? '')
}

test('shows the drop-off per field in sequence order with the fields’ labels', async () => {
  renderTab(fakeApi())
  const table = await screen.findByRole('table', {
    name: 'Per field of whitepaper, in the order of the sequence',
  })
  const headers = within(table)
    .getAllByRole('rowheader')
    .map((cell) => cell.textContent)
  expect(headers).toEqual(['Business e-mail email', 'First name firstName', 'Last name lastName'])
  expect(rowOf(table, /First name/)).toEqual(['58', '50', '12', '20%'])
  expect(rowOf(table, /Business e-mail/)).toEqual(['60', '55', '5', '8.3%'])
  const funnel = screen.getByRole('table', { name: 'Funnel: whitepaper' })
  expect(rowOf(funnel, /Submitted/)).toEqual(['40', '40% of shown'])
  expect(
    screen.getByText('15 of 20 confirmation e-mails were confirmed (75%).', { selector: 'p' }),
  ).toBeTruthy()
  expect(screen.getByText('No visits counted for checklist in this range yet.')).toBeTruthy()
  expect(screen.queryByRole('table', { name: 'Funnel: checklist' })).toBeNull()
})

test('draws each chart as a named image that states its numbers', async () => {
  renderTab(fakeApi())
  const chart = await screen.findByRole('img', { name: /Drop-off per field: whitepaper/ })
  expect(chart.textContent).toContain('20%')
  expect(chart.querySelector('desc')?.textContent).toBe(
    'Drop-off per field of whitepaper: Business e-mail 8.3%, First name 20%, Last name 5%.',
  )
  // One bar pair per day of the 30-day range, counted or not; the two counted days are drawn.
  const days = screen.getByRole('img', { name: /Per day: whitepaper/ })
  expect(days.querySelectorAll('rect.report-chart-outline')).toHaveLength(30 + 1)
  expect(days.querySelector('desc')?.textContent).toBe(
    'Shown and submitted per day of whitepaper, 2026-11-07 to 2026-12-06: most shown on one day 70.',
  )
  expect(screen.getByRole('img', { name: /Funnel: whitepaper/ })).toBeTruthy()
})

test('asks for the last 30 days first and puts the range and form into the CSV link', async () => {
  const user = userEvent.setup()
  const api = fakeApi()
  renderTab(api)
  await screen.findByRole('table', { name: 'Funnel: whitepaper' })
  expect(api.funnel).toHaveBeenLastCalledWith({ from: '2026-11-07', to: '2026-12-06' })
  const link = () => screen.getByRole('link', { name: 'Download CSV' })
  expect(link().getAttribute('href')).toBe(
    'http://127.0.0.1:8787/v1/admin/funnel.csv?from=2026-11-07&to=2026-12-06',
  )

  await user.click(screen.getByRole('button', { name: 'Last 7 days' }))
  expect(screen.getByRole('button', { name: 'Last 7 days' }).getAttribute('aria-pressed')).toBe(
    'true',
  )
  await waitFor(() =>
    expect(api.funnel).toHaveBeenLastCalledWith({ from: '2026-11-30', to: '2026-12-06' }),
  )
  expect(api.insights).toHaveBeenLastCalledWith({ from: '2026-11-30', to: '2026-12-06' })

  await user.selectOptions(screen.getByRole('combobox', { name: 'Form' }), 'whitepaper')
  await waitFor(() =>
    expect(api.funnel).toHaveBeenLastCalledWith({
      from: '2026-11-30',
      to: '2026-12-06',
      form: 'whitepaper',
    }),
  )
  expect(link().getAttribute('href')).toBe(
    'http://127.0.0.1:8787/v1/admin/funnel.csv?from=2026-11-30&to=2026-12-06&form=whitepaper',
  )
})

test('refuses a range that ends before it starts, and asks the server nothing for it', async () => {
  const user = userEvent.setup()
  const api = fakeApi()
  renderTab(api)
  await screen.findByRole('table', { name: 'Funnel: whitepaper' })
  const calls = api.funnel.mock.calls.length
  const from = screen.getByLabelText('From')
  await user.clear(from)
  await user.type(from, '2026-12-20')
  expect(screen.getByRole('alert').textContent).toBe(
    'Pick both dates, the start on or before the end.',
  )
  expect(screen.queryByRole('link', { name: 'Download CSV' })).toBeNull()
  expect(api.funnel.mock.calls.length).toBe(calls)
})

test('without a server it explains how to connect one', () => {
  renderTab(null)
  const text = screen.getByText(/npx @trickle\/cli studio/).textContent
  expect(text).toContain('--server URL')
  expect(text).toContain('TRICKLE_ADMIN_TOKEN')
  expect(screen.queryByRole('link', { name: 'Download CSV' })).toBeNull()
})

test('says when nothing was counted in the range', async () => {
  renderTab(fakeApi(emptyReport()))
  expect(await screen.findByText(/No visits counted in this range yet/)).toBeTruthy()
  expect(screen.queryByRole('table', { name: /Funnel/ })).toBeNull()
})

test('shows the server’s reason when the report fails, and tries again on request', async () => {
  const user = userEvent.setup()
  const api = fakeApi()
  api.funnel.mockRejectedValueOnce(new StudioApiError(401, 'the admin token is wrong'))
  renderTab(api)
  const alert = await screen.findByRole('alert')
  expect(alert.textContent).toContain('the admin token is wrong')
  await user.click(within(alert).getByRole('button', { name: 'Try again' }))
  expect(await screen.findByRole('table', { name: 'Funnel: whitepaper' })).toBeTruthy()
})

test('speaks German: labels, headings, numbers and the connect hint', async () => {
  renderTab(fakeApi(), 'de')
  const table = await screen.findByRole('table', {
    name: 'Je Feld von whitepaper, in der Reihenfolge der Sequenz',
  })
  expect(
    within(table).getByRole('columnheader', { name: 'Nach diesem Feld verlassen' }),
  ).toBeTruthy()
  expect(rowOf(table, /Vorname/)).toEqual(['58', '50', '12', '20\u00a0%'])
  expect(rowOf(table, /Geschäftliche E-Mail/)).toEqual(['60', '55', '5', '8,3\u00a0%'])
  expect(screen.getByRole('link', { name: 'CSV herunterladen' })).toBeTruthy()
  expect(screen.getByRole('button', { name: 'Letzte 7 Tage' })).toBeTruthy()
  expect(
    screen.getByText('15 von 20 Bestätigungs-E-Mails wurden bestätigt (75 %).', { selector: 'p' }),
  ).toBeTruthy()
  cleanup()
  renderTab(null, 'de')
  expect(screen.getByText(/Verbinden Sie einen: npx @trickle\/cli studio/)).toBeTruthy()
})

test('has no axe violations with a report, and without a server', async () => {
  const { container } = renderTab(fakeApi())
  await screen.findByRole('table', { name: 'Funnel: whitepaper' })
  await screen.findByRole('button', { name: 'Preview this order' })
  expect(await axeViolations(container)).toEqual([])
  cleanup()
  const none = renderTab(null, 'de')
  expect(await axeViolations(none.container)).toEqual([])
}, 30_000)

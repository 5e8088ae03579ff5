import { cleanup, render, screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, expect, test, vi } from 'vitest'
import { FrictionPanel } from '../../src/report/FrictionPanel'
import { axeViolations } from './axe'
import { fixtureConfig, fixtureInsights } from './reportFixtures'

// Rendering and axe are slow on a busy machine; nothing here depends on time.
vi.setConfig({ testTimeout: 30_000 })

afterEach(cleanup)

function renderPanel(locale: 'en' | 'de' = 'en', formId?: string) {
  const onPreviewOrder = vi.fn()
  const onAcceptOrder = vi.fn()
  const view = render(
    <FrictionPanel
      insights={fixtureInsights()}
      config={fixtureConfig()}
      locale={locale}
      {...(formId === undefined ? {} : { formId })}
      onPreviewOrder={onPreviewOrder}
      onAcceptOrder={onAcceptOrder}
    />,
  )
  return { ...view, onPreviewOrder, onAcceptOrder }
}

function cellsOf(header: RegExp): string[] {
  const row = screen.getByRole('rowheader', { name: header }).closest('tr')
  if (!row) throw new Error(`no row ${String(header)}`)
  return within(row)
    .getAllByRole('cell')
    .map((cell) => cell.textContent ?? '')
}

test('puts each field’s drop-off cost next to how often its purposes are used', () => {
  renderPanel()
  expect(screen.getByRole('table', { name: 'Fields: cost and value' })).toBeTruthy()
  // purposes, shown, left after, cost, deliveries, askIf reads, value
  expect(cellsOf(/Phone/)).toEqual([
    'Contact by our sales team',
    '48',
    '15',
    '30%',
    '1',
    '0',
    '3.33',
  ])
  expect(cellsOf(/Company/)).toEqual(['Content that fits you', '50', '2', '4%', '30', '10', '40'])
})

test('shows the current and suggested order and why each field moves', () => {
  renderPanel()
  const card = screen.getByRole('region', { name: 'Form whitepaper' })
  const current = within(card).getByRole('list', { name: 'Current order' })
  const suggested = within(card).getByRole('list', { name: 'Suggested order' })
  const items = (list: HTMLElement) =>
    within(list)
      .getAllByRole('listitem')
      .map((item) => item.textContent)
  expect(items(current)).toEqual(['Company', 'Phone', 'Industry'])
  expect(items(suggested)).toEqual(['Company', 'Industry', 'Phone'])
  expect(card.textContent).toContain('Phone: from position 2 to 3')
  expect(card.textContent).toContain(
    'phone makes 30% of starters leave and its purposes were used once: ask it later',
  )
  const unchanged = screen.getByRole('region', { name: 'Form checklist' })
  expect(unchanged.textContent).toContain('already fits the counts')
  expect(within(unchanged).queryByRole('button')).toBeNull()
})

test('accepts the suggested order only after it was previewed, and says nothing is saved yet', async () => {
  const user = userEvent.setup()
  const { onPreviewOrder, onAcceptOrder } = renderPanel()
  const card = screen.getByRole('region', { name: 'Form whitepaper' })
  const accept = within(card).getByRole('button', { name: 'Accept' })
  expect(accept).toHaveProperty('disabled', true)
  expect(within(card).getByRole('status').textContent).toBe(
    'Preview this order first; then you can accept it.',
  )
  await user.click(accept)
  expect(onAcceptOrder).not.toHaveBeenCalled()

  await user.click(within(card).getByRole('button', { name: 'Preview this order' }))
  expect(onPreviewOrder).toHaveBeenCalledWith('whitepaper', ['company', 'industry', 'phone'])
  expect(onAcceptOrder).not.toHaveBeenCalled()
  expect(accept).toHaveProperty('disabled', false)

  await user.click(accept)
  expect(onAcceptOrder).toHaveBeenCalledTimes(1)
  expect(onAcceptOrder).toHaveBeenCalledWith('whitepaper', ['company', 'industry', 'phone'])
  expect(within(card).getByRole('status').textContent).toBe(
    'The suggested order of whitepaper is written into the editor. Nothing is saved until you save.',
  )
  expect(accept.getAttribute('aria-describedby')).toBeTruthy()
  const hint = document.getElementById(accept.getAttribute('aria-describedby') ?? '')
  expect(hint?.textContent).toContain('Nothing is saved until you save the config')
})

test('narrows the suggestions to the chosen form', () => {
  renderPanel('en', 'checklist')
  expect(screen.queryByRole('region', { name: 'Form whitepaper' })).toBeNull()
  expect(screen.getByRole('region', { name: 'Form checklist' })).toBeTruthy()
})

test('speaks German, explaining the moves from the numbers', () => {
  renderPanel('de')
  expect(screen.getByRole('table', { name: 'Felder: Kosten und Wert' })).toBeTruthy()
  expect(cellsOf(/Telefon/)[0]).toBe('Kontakt durch den Vertrieb')
  const card = screen.getByRole('region', { name: 'Formular whitepaper' })
  expect(card.textContent).toContain('Telefon: von Position 2 auf 3')
  expect(card.textContent).toContain(
    '30\u00a0% der Besucher, denen es gezeigt wurde, brachen bei ihm ab; 1-mal übermittelt, von 0 askIf-Bedingungen gelesen (Wert 3,33).',
  )
  expect(within(card).getByRole('button', { name: 'Diese Reihenfolge ansehen' })).toBeTruthy()
  expect(within(card).getByRole('button', { name: 'Übernehmen' })).toHaveProperty('disabled', true)
})

test('has no axe violations', async () => {
  const { container } = renderPanel()
  expect(await axeViolations(container)).toEqual([])
})

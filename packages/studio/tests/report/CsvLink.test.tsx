import { cleanup, render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, expect, test, vi } from 'vitest'
import { CsvLink, csvFileName, type CsvStudioApi } from '../../src/report/CsvLink'
import { reportMessages } from '../../src/report/reportMessages'
import { StudioApiError } from '../../src/studioApi'
import { fakeApi } from './reportFixtures'

vi.setConfig({ testTimeout: 30_000 })

const { createObjectURL, revokeObjectURL } = URL

afterEach(() => {
  cleanup()
  vi.restoreAllMocks()
  Object.assign(URL, { createObjectURL, revokeObjectURL })
})

const range = { from: '2026-11-07', to: '2026-12-06', form: 'whitepaper' }

test('links to the CSV of the range and names the file after it', () => {
  render(<CsvLink api={fakeApi()} range={range} t={reportMessages.en} />)
  const link = screen.getByRole('link', { name: 'Download CSV' })
  expect(link.getAttribute('href')).toBe(
    'http://127.0.0.1:8787/v1/admin/funnel.csv?from=2026-11-07&to=2026-12-06&form=whitepaper',
  )
  expect(link.getAttribute('download')).toBe('trickle-funnel-2026-11-07-2026-12-06-whitepaper.csv')
  expect(csvFileName({ from: '2026-11-07', to: '2026-12-06' })).toBe(
    'trickle-funnel-2026-11-07-2026-12-06.csv',
  )
})

test('downloads through the API when it can fetch the CSV (the link cannot send the token)', async () => {
  const user = userEvent.setup()
  const blob = new Blob(['day,form\n'], { type: 'text/csv' })
  const api: CsvStudioApi = { ...fakeApi(), funnelCsv: vi.fn(() => Promise.resolve(blob)) }
  // jsdom has no object URLs: the test gives it one.
  const createUrl = vi.fn(() => 'blob:csv')
  Object.assign(URL, { createObjectURL: createUrl, revokeObjectURL: vi.fn() })
  const clicked: string[] = []
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
    this: HTMLAnchorElement,
  ) {
    clicked.push(`${this.href} ${this.download}`)
  })
  render(<CsvLink api={api} range={range} t={reportMessages.en} />)
  await user.click(screen.getByRole('link', { name: 'Download CSV' }))
  await vi.waitFor(() =>
    expect(clicked).toEqual(['blob:csv trickle-funnel-2026-11-07-2026-12-06-whitepaper.csv']),
  )
  expect(api.funnelCsv).toHaveBeenCalledWith(range)
  expect(createUrl).toHaveBeenCalledWith(blob)
})

test('says why the CSV could not be downloaded', async () => {
  const user = userEvent.setup()
  const api: CsvStudioApi = {
    ...fakeApi(),
    funnelCsv: () => Promise.reject(new StudioApiError(401, 'the admin token is wrong')),
  }
  render(<CsvLink api={api} range={range} t={reportMessages.de} />)
  await user.click(screen.getByRole('link', { name: 'CSV herunterladen' }))
  expect((await screen.findByRole('alert')).textContent).toBe(
    'Die CSV-Datei konnte nicht heruntergeladen werden: the admin token is wrong',
  )
})

import { useState, type MouseEvent } from 'react'
import type { StudioApi, StudioRange } from '../studioApi'
import type { ReportMessages } from './reportMessages'

/**
 * A report API that can also fetch the CSV itself. A plain link cannot send the admin token
 * (the studio served by the server keeps it in the page, not in a cookie), so where the API
 * offers `funnelCsv`, a click downloads through it; otherwise the link is followed as it is
 * (the CLI's studio proxy adds the token).
 */
export type CsvStudioApi = StudioApi & { funnelCsv?: (range: StudioRange) => Promise<Blob> }

interface CsvLinkProps {
  api: CsvStudioApi
  range: StudioRange
  t: ReportMessages
}

/** The file name of a range's CSV: trickle-funnel-2026-11-07-2026-12-06[-form].csv */
export function csvFileName(range: StudioRange): string {
  const form = range.form === undefined ? '' : `-${range.form.replace(/[^\w-]/g, '_')}`
  return `trickle-funnel-${range.from}-${range.to}${form}.csv`
}

/** "Download CSV" for a range, with what the file holds, and the reason if it failed. */
export function CsvLink({ api, range, t }: CsvLinkProps) {
  const [failure, setFailure] = useState('')
  const fetchCsv = api.funnelCsv
  const onClick = fetchCsv
    ? (event: MouseEvent<HTMLAnchorElement>) => {
        event.preventDefault()
        setFailure('')
        fetchCsv(range).then(
          (blob) => {
            const url = URL.createObjectURL(blob)
            const anchor = document.createElement('a')
            anchor.href = url
            anchor.download = csvFileName(range)
            document.body.append(anchor)
            anchor.click()
            anchor.remove()
            setTimeout(() => URL.revokeObjectURL(url), 0)
          },
          (error: unknown) =>
            setFailure(`${t.csvFailed} ${error instanceof Error ? error.message : String(error)}`),
        )
      }
    : undefined
  return (
    <>
      <p>
        <a href={api.funnelCsvUrl(range)} download={csvFileName(range)} onClick={onClick}>
          {t.downloadCsv}
        </a>{' '}
        <span className="report-help">{t.downloadCsvHint}</span>
      </p>
      {failure && (
        <p role="alert" className="report-error">
          {failure}
        </p>
      )}
    </>
  )
}

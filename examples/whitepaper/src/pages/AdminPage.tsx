import { localize } from '@trickle/core'
import { useEffect, useId, useState, type FormEvent, type ReactNode } from 'react'
import { ReportChart } from '../components/ReportChart'
import { papers } from '../papers'
import { parseReport, reportTotals, type Report } from '../report'
import { fetchReport, ServerError } from '../serverApi'
import { fill, type SiteCopy } from '../siteCopy'
import { useSite } from '../siteContext'

type Load =
  | { state: 'idle' }
  | { state: 'loading' }
  | { state: 'done'; report: Report }
  | { state: 'error'; message: string }

/** `#token=...` in the address (as `npm start` prints it), read once; never stored. */
function tokenFromHash(): string {
  return new URLSearchParams(window.location.hash.slice(1)).get('token') ?? ''
}

/** `a \`command\`` with the command set as code. */
function withCode(text: string): ReactNode[] {
  return text
    .split('`')
    .map((part, index) => (index % 2 === 1 ? <code key={index}>{part}</code> : part))
}

async function loadReport(token: string, copy: SiteCopy): Promise<Load> {
  try {
    const report = parseReport(await fetchReport(token))
    return report ? { state: 'done', report } : { state: 'error', message: copy.serverUnavailable }
  } catch (error) {
    const denied = error instanceof ServerError && error.status === 401
    return { state: 'error', message: denied ? copy.adminDenied : copy.serverUnavailable }
  }
}

/**
 * The marketing team's view of `GET /v1/report`: fields shown and answered per visit (the
 * drop-off of progressive profiling), consent decisions, and one-click downloads.
 */
export function AdminPage() {
  const { route, copy, trickle, server } = useSite()
  const { config } = trickle
  const [token, setToken] = useState(tokenFromHash)
  const [formId, setFormId] = useState('')
  const [load, setLoad] = useState<Load>({ state: 'idle' })
  const tokenId = useId()
  const formSelectId = useId()

  useEffect(() => {
    document.title = `${copy.adminTitle} · Fernhollow Systems`
  }, [copy])

  const show = (value: string) => {
    setLoad({ state: 'loading' })
    void loadReport(value, copy).then(setLoad)
  }

  useEffect(() => {
    const initial = tokenFromHash()
    if (server === null || initial === '') return
    let current = true
    void loadReport(initial, copy).then((result) => current && setLoad(result))
    return () => {
      current = false
    }
  }, [server, copy])

  const onSubmit = (event: FormEvent) => {
    event.preventDefault()
    show(token.trim())
  }

  const formName = (id: string) =>
    papers.find((paper) => paper.formId === id)?.title[route.locale] ?? id
  const purposeName = (id: string) => {
    const purpose = config.purposes.find((p) => p.id === id)
    return purpose ? localize(purpose.label, route.locale, config) : id
  }
  const totals = load.state === 'done' ? reportTotals(load.report, formId || undefined) : null
  const percent = new Intl.NumberFormat(route.locale, { style: 'percent' })

  return (
    <section className="page admin" aria-labelledby="admin-title">
      <div className="container">
        <h1 id="admin-title">{copy.adminTitle}</h1>
        <p className="lead">{copy.adminLead}</p>
        {server === null ? (
          <p className="notice">{withCode(copy.adminNoServer)}</p>
        ) : (
          <form className="token-form" onSubmit={onSubmit}>
            <div className="token-field">
              <label htmlFor={tokenId}>{copy.adminToken}</label>
              <input
                id={tokenId}
                type="password"
                autoComplete="off"
                spellCheck={false}
                value={token}
                aria-describedby={`${tokenId}-help`}
                onChange={(event) => setToken(event.target.value)}
              />
              <p className="help" id={`${tokenId}-help`}>
                {withCode(copy.adminTokenHelp)}
              </p>
            </div>
            <button className="button" type="submit" disabled={token.trim() === ''}>
              {copy.adminLoad}
            </button>
          </form>
        )}
        <div role="status" className="admin-status">
          {load.state === 'error' ? <p className="notice notice-error">{load.message}</p> : null}
        </div>

        {load.state === 'done' && totals ? (
          <div className="report" data-report="">
            <div className="report-filter">
              <label htmlFor={formSelectId}>{copy.colForm}</label>
              <select
                id={formSelectId}
                value={formId}
                onChange={(event) => setFormId(event.target.value)}
              >
                <option value="">{copy.allForms}</option>
                {load.report.forms.map((form) => (
                  <option key={form.formId} value={form.formId}>
                    {formName(form.formId)}
                  </option>
                ))}
              </select>
            </div>
            <dl className="stat-cards">
              <div>
                <dt>{copy.submissionsLabel}</dt>
                <dd data-stat="submissions">{totals.submissions}</dd>
              </div>
              <div>
                <dt>{copy.formDownloadsLabel}</dt>
                <dd data-stat="form-downloads">{totals.formDownloads}</dd>
              </div>
              <div>
                <dt>{copy.openGateLabel}</dt>
                <dd data-stat="open-gate">{totals.openGateDownloads}</dd>
              </div>
            </dl>
            {totals.visits.length === 0 ? (
              <p>{copy.adminEmpty}</p>
            ) : (
              <ReportChart
                title={copy.chartTitle}
                visits={totals.visits}
                labels={{
                  shown: copy.chartShown,
                  answered: copy.chartAnswered,
                  visit: (visit) => fill(copy.chartVisit, { visit }),
                }}
              />
            )}
            {totals.consents.length > 0 ? (
              <section className="consent-rates" aria-labelledby="consent-rates-title">
                <h2 id="consent-rates-title">{copy.consentRatesTitle}</h2>
                <ul>
                  {totals.consents.map((consent) => {
                    const share = consent.offered === 0 ? 0 : consent.granted / consent.offered
                    return (
                      <li key={consent.purposeId}>
                        <span className="consent-rate-label">{purposeName(consent.purposeId)}</span>
                        <svg
                          className="consent-rate-bar"
                          viewBox="0 0 100 8"
                          preserveAspectRatio="none"
                          aria-hidden="true"
                        >
                          <rect width="100" height="8" rx="4" className="consent-rate-track" />
                          <rect
                            width={share * 100}
                            height="8"
                            rx="4"
                            className="consent-rate-fill"
                          />
                        </svg>
                        <span className="consent-rate-value">
                          {percent.format(share)} {copy.decisionGranted} ({consent.granted}/
                          {consent.offered})
                        </span>
                      </li>
                    )
                  })}
                </ul>
              </section>
            ) : null}
          </div>
        ) : null}
      </div>
    </section>
  )
}

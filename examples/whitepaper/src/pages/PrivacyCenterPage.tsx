import { exportProfile } from '@trickle/core'
import { ConsentManager, useTrickle } from '@trickle/react'
import { useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react'
import { exportView, type KnownRow } from '../exportRows'
import { papers } from '../papers'
import { eraseOnServer, fetchExport } from '../serverApi'
import { useSite } from '../siteContext'

const exportFileName = 'fernhollow-my-data.json'

function saveJson(data: unknown): void {
  const blob = new Blob([`${JSON.stringify(data, null, 2)}\n`], { type: 'application/json' })
  const url = URL.createObjectURL(blob)
  const link = document.createElement('a')
  link.href = url
  link.download = exportFileName
  document.body.append(link)
  link.click()
  link.remove()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}

/**
 * What is known about the visitor and why, the consents with a withdraw button each, the
 * consent history, an export download, "Not you?" and erasure. With a server, the server's
 * copy is shown (it also holds values the browser never keeps, such as the phone number).
 */
export function PrivacyCenterPage() {
  const { route, copy, trickle, server } = useSite()
  const { messages } = useTrickle()
  const { config } = trickle
  const { locale } = route
  const getProfile = () => trickle.getState().profile
  const profile = useSyncExternalStore(trickle.subscribe, getProfile, getProfile)
  const failed = useSyncExternalStore(
    server?.subscribe ?? noSubscribe,
    server?.getFailed ?? noFailures,
    server?.getFailed ?? noFailures,
  )
  const [remote, setRemote] = useState<{ data: unknown } | 'failed' | null>(null)
  const [confirmErase, setConfirmErase] = useState(false)
  const [notice, setNotice] = useState('')
  const status = useRef<HTMLParagraphElement>(null)

  useEffect(() => {
    document.title = `${copy.privacyTitle} · Fernhollow Systems`
  }, [copy])

  useEffect(() => {
    if (server === null) return
    let current = true
    // After a withdrawal, ask once the server has recorded it.
    server
      .settled()
      .then(() => fetchExport(locale))
      .then(
        (data) => {
          if (!current) return
          setRemote({ data })
          // The consent manager reads the browser's copy: bring it up to the server's record
          // (e.g. a double opt-in confirmed by the link in the e-mail). A kiosk keeps nothing.
          if (!route.kiosk) server.adopt(trickle, data)
        },
        () => current && setRemote('failed'),
      )
    return () => {
      current = false
    }
  }, [server, profile, locale, route.kiosk, trickle])

  const words = { yes: copy.yes, no: copy.no }
  const local = useMemo(() => exportProfile(config, profile, { locale }), [config, profile, locale])
  const source = server !== null && remote !== null && remote !== 'failed' ? remote.data : local
  const view = exportView(config, source, locale, words)
  const fromServer = source !== local
  const date = new Intl.DateTimeFormat(locale, { dateStyle: 'medium' })
  const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' })
  const basis: Record<string, string> = {
    consent: messages.basisConsent,
    contract: messages.basisContract,
    'legitimate-interest': messages.basisLegitimateInterest,
  }
  const decision: Record<string, string> = {
    granted: copy.decisionGranted,
    denied: copy.decisionDenied,
    withdrawn: copy.decisionWithdrawn,
    confirmed: copy.decisionConfirmed,
  }

  const formTitle = (formId: string | undefined) =>
    papers.find((paper) => paper.formId === formId)?.title[locale] ?? formId ?? '—'
  const announce = (text: string) => {
    setNotice(text)
    status.current?.focus()
  }
  const answerOf = (row: KnownRow) =>
    row.declined ? copy.declined : (row.answer ?? (fromServer ? '—' : copy.notKeptHere))

  async function downloadExport() {
    try {
      saveJson(server ? await fetchExport(locale) : exportProfile(config, profile, { locale }))
    } catch {
      announce(copy.serverUnavailable)
    }
  }

  async function erase() {
    try {
      if (server) await eraseOnServer()
    } catch {
      announce(copy.serverUnavailable)
      return
    }
    trickle.reset()
    setConfirmErase(false)
    announce(copy.erased)
  }

  return (
    <section className="page privacy" aria-labelledby="privacy-title">
      <div className="container narrow">
        <h1 id="privacy-title">{copy.privacyTitle}</h1>
        <p className="lead">{route.kiosk ? copy.privacyLeadKiosk : copy.privacyLead}</p>
        <p className="privacy-status" ref={status} role="status" tabIndex={-1}>
          {notice}
        </p>

        <section className="panel" aria-labelledby="known-title" data-section="known">
          <h2 id="known-title">{copy.knownTitle}</h2>
          {view.rows.length === 0 ? (
            <p>{copy.knownEmpty}</p>
          ) : (
            <table className="data-table known-table">
              <thead>
                <tr>
                  <th scope="col">{copy.colQuestion}</th>
                  <th scope="col">{copy.colAnswer}</th>
                  <th scope="col">{copy.colWhy}</th>
                  <th scope="col">{copy.colWhen}</th>
                </tr>
              </thead>
              <tbody>
                {view.rows.map((row) => (
                  <tr key={row.fieldId} data-field={row.fieldId}>
                    <th scope="row">{row.label}</th>
                    <td data-label={copy.colAnswer}>
                      <span className={row.answer === undefined ? 'muted' : undefined}>
                        {answerOf(row)}
                      </span>
                      {row.stale ? <span className="tag">{copy.stale}</span> : null}
                    </td>
                    <td data-label={copy.colWhy}>
                      <ul className="purpose-list">
                        {row.purposes.map((purpose) => (
                          <li key={purpose.label}>
                            {purpose.label}{' '}
                            <span className="muted">({basis[purpose.basis] ?? purpose.basis})</span>
                          </li>
                        ))}
                      </ul>
                    </td>
                    <td data-label={copy.colWhen}>{date.format(new Date(row.collectedAt))}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>

        <div className="panel" data-section="consents">
          <ConsentManager headingLevel={2} />
          {failed.length > 0 ? (
            <div className="notice notice-error" role="alert">
              <p>{copy.syncFailed}</p>
              <button className="button button-small" type="button" onClick={server?.retry}>
                {copy.syncRetry}
              </button>
            </div>
          ) : null}
          <h3>{copy.consentHistory}</h3>
          {view.history.length === 0 ? (
            <p>{copy.noHistory}</p>
          ) : (
            <table className="data-table history-table">
              <thead>
                <tr>
                  <th scope="col">{copy.colWhen}</th>
                  <th scope="col">{copy.colPurpose}</th>
                  <th scope="col">{copy.colDecision}</th>
                  <th scope="col">{copy.colForm}</th>
                </tr>
              </thead>
              <tbody>
                {view.history.map((event, index) => (
                  <tr key={`${event.at}-${index}`}>
                    <td data-label={copy.colWhen}>{dateTime.format(new Date(event.at))}</td>
                    <td data-label={copy.colPurpose}>{event.purposeLabel}</td>
                    <td data-label={copy.colDecision}>
                      {decision[event.decision] ?? event.decision}
                    </td>
                    <td data-label={copy.colForm}>{formTitle(event.formId)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>

        <section className="panel" aria-labelledby="data-title" data-section="your-data">
          <h2 id="data-title">{copy.yourDataTitle}</h2>
          <div className="action-grid">
            <div className="action">
              <h3>{copy.exportTitle}</h3>
              <p>{copy.exportText}</p>
              <button className="button" type="button" onClick={() => void downloadExport()}>
                {copy.exportButton}
              </button>
            </div>
            <div className="action">
              <h3>{copy.forgetTitle}</h3>
              <p>{copy.forgetText}</p>
              <button
                className="button button-secondary"
                type="button"
                onClick={() => {
                  trickle.reset()
                  announce(copy.forgotten)
                }}
              >
                {copy.forgetButton}
              </button>
            </div>
            <div className="action action-danger">
              <h3>{copy.eraseTitle}</h3>
              <p>{copy.eraseText}</p>
              {confirmErase ? (
                <div className="button-row">
                  <button
                    className="button button-danger"
                    type="button"
                    onClick={() => void erase()}
                  >
                    {copy.eraseConfirm}
                  </button>
                  <button
                    className="button button-secondary"
                    type="button"
                    onClick={() => setConfirmErase(false)}
                  >
                    {copy.eraseCancel}
                  </button>
                </div>
              ) : (
                <button
                  className="button button-danger"
                  type="button"
                  onClick={() => setConfirmErase(true)}
                >
                  {copy.eraseButton}
                </button>
              )}
            </div>
          </div>
        </section>
      </div>
    </section>
  )
}

const noSubscribe = () => () => undefined
const none: readonly string[] = []
const noFailures = () => none

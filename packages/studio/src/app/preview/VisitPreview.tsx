import {
  createTrickle,
  defaultStorageKey,
  localize,
  memoryStorage,
  persistProfile,
  type Config,
  type JourneyVisit,
} from '@trickle/core'
import { ProgressiveForm, TrickleProvider } from '@trickle/react'
import { useMemo } from 'react'
import { format, type StudioMessages } from '../messages'
import { decisionReason } from './decisionReason'

interface VisitPreviewProps {
  config: Config
  visit: JourneyVisit
  /** The form language. */
  locale: string
  t: StudioMessages
}

/**
 * One visit as the visitor meets it: the real form of `@trickle/react`, rendered from the
 * profile the visitor arrives with (an in-memory store, nothing sent anywhere), and next to it
 * why each field is asked or skipped.
 */
export function VisitPreview({ config, visit, locale, t }: VisitPreviewProps) {
  const trickle = useMemo(() => {
    const envelope = persistProfile(config, visit.profile, { persist: 'values' })
    return createTrickle({
      config,
      persist: 'values',
      storage: memoryStorage(envelope ? { [defaultStorageKey]: JSON.stringify(envelope) } : {}),
      now: () => visit.at,
    })
  }, [config, visit])
  const fields = new Map(config.fields.map((field) => [field.id, field]))
  const purposes = new Map(config.purposes.map((purpose) => [purpose.id, purpose]))
  const form = config.forms.find((candidate) => candidate.id === visit.formId)
  const label = (id: string) => {
    const field = fields.get(id)
    return field ? localize(field.label, locale, config) : id
  }
  const purposeNames = (ids: string[]) =>
    ids
      .map((id) => {
        const purpose = purposes.get(id)
        return purpose ? localize(purpose.label, locale, config) : id
      })
      .join(', ')
  const headingId = `visit-${visit.step}-heading`

  return (
    <section className="visit" aria-labelledby={headingId} data-visit={visit.step}>
      <h3 id={headingId}>
        {format(t.visitHeading, { n: visit.step, form: form?.id ?? visit.formId, day: visit.day })}
      </h3>
      <div className="visit-body">
        <div className="visit-form" lang={locale}>
          {visit.oneClick ? (
            <p className="visit-note">{t.oneClick}</p>
          ) : (
            <TrickleProvider trickle={trickle} locale={locale}>
              <ProgressiveForm formId={visit.formId} />
            </TrickleProvider>
          )}
        </div>
        <div className="visit-why">
          <h4>{t.decisions}</h4>
          <ul className="decisions">
            {visit.plan.decisions.map((decision) => (
              <li
                key={decision.fieldId}
                data-field={decision.fieldId}
                data-ask={decision.ask ? 'yes' : 'no'}
              >
                <span className="decision-field">{label(decision.fieldId)}</span>{' '}
                <span className={decision.ask ? 'badge badge-ask' : 'badge badge-skip'}>
                  {decision.ask ? t.asked : t.skipped}
                </span>{' '}
                <span className="decision-reason">{decisionReason(decision.reason, t)}</span>
              </li>
            ))}
          </ul>
          {visit.rejected && (
            <p className="visit-note visit-error">
              {t.rejected} {visit.rejected.map((error) => error.message).join(' ')}
            </p>
          )}
          {visit.confirmed.length > 0 && (
            <p className="visit-note">
              {format(t.confirmed, { purposes: purposeNames(visit.confirmed) })}
            </p>
          )}
          {visit.pending.length > 0 && (
            <p className="visit-note">
              {format(t.pending, { purposes: purposeNames(visit.pending) })}
            </p>
          )}
        </div>
      </div>
    </section>
  )
}

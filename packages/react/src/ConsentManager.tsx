import { localize } from '@trickle/core'
import { useId, useRef, useState } from 'react'
import { consentStateMessages, formatMessage } from './messages'
import { useConsent } from './useConsent'
import { useTrickle } from './useTrickle'

export interface ConsentManagerProps {
  /** The purposes to list; default: every consent purpose of the config. */
  purposeIds?: readonly string[]
  /** Level of the heading (default 2). */
  headingLevel?: 2 | 3 | 4 | 5 | 6
  className?: string
}

interface RowProps {
  purposeId: string
  idPrefix: string
  onWithdrawn: (purposeLabel: string, erased: string[]) => void
}

function ConsentManagerRow({ purposeId, idPrefix, onWithdrawn }: RowProps) {
  const { messages } = useTrickle()
  const consent = useConsent(purposeId)
  const labelId = `${idPrefix}-${purposeId}`
  return (
    <li
      className="trickle-consent-item"
      data-trickle-consent={purposeId}
      data-trickle-state={consent.state}
    >
      <span className="trickle-consent-item-label" id={labelId}>
        {consent.label}
      </span>{' '}
      <span className="trickle-consent-state">{messages[consentStateMessages[consent.state]]}</span>
      {consent.text ? <p className="trickle-consent-text">{consent.text}</p> : null}
      {consent.canWithdraw ? (
        <button
          className="trickle-withdraw"
          type="button"
          aria-describedby={labelId}
          onClick={() => onWithdrawn(consent.label, consent.withdraw().erased)}
        >
          {messages.withdraw}
        </button>
      ) : null}
    </li>
  )
}

/**
 * Every consent with its current state and a withdraw button: withdrawing is as easy as giving.
 * Withdrawing erases the data that was collected only for that purpose and says which.
 */
export function ConsentManager({ purposeIds, headingLevel = 2, className }: ConsentManagerProps) {
  const { trickle, locale, messages } = useTrickle()
  const { config } = trickle
  const [announcement, setAnnouncement] = useState('')
  const status = useRef<HTMLParagraphElement>(null)
  const ids = purposeIds ?? config.purposes.filter((p) => p.basis === 'consent').map((p) => p.id)
  const Heading = `h${headingLevel}` as const
  const idPrefix = `trickle-consents${useId().replace(/[^A-Za-z0-9_-]/g, '')}`

  const onWithdrawn = (purpose: string, erased: string[]) => {
    const fields = erased.flatMap((id) => {
      const field = config.fields.find((f) => f.id === id)
      return field ? [localize(field.label, locale, config)] : []
    })
    setAnnouncement(
      fields.length === 0
        ? formatMessage(messages.withdrawn, { purpose })
        : formatMessage(messages.withdrawnErased, { purpose, fields: fields.join(', ') }),
    )
    // The button is gone with the consent: keep the focus on the confirmation.
    status.current?.focus()
  }

  return (
    <section
      className={className ? `trickle-consent-manager ${className}` : 'trickle-consent-manager'}
      aria-labelledby={`${idPrefix}-title`}
    >
      <Heading className="trickle-consent-manager-title" id={`${idPrefix}-title`}>
        {messages.consentManagerTitle}
      </Heading>
      <ul className="trickle-consent-list">
        {ids.map((id) => (
          <ConsentManagerRow
            key={id}
            purposeId={id}
            idPrefix={idPrefix}
            onWithdrawn={onWithdrawn}
          />
        ))}
      </ul>
      <p className="trickle-status" ref={status} role="status" tabIndex={-1}>
        {announcement}
      </p>
    </section>
  )
}

import { localize, type Config, type Field } from '@trickle/core'
import { basisMessages, type Messages } from './messages'

export interface WhyWeAskProps {
  config: Config
  field: Field
  locale: string
  messages: Messages
}

/** The "Why do we ask?" disclosure: each purpose of the field with its legal basis (GDPR Art. 13). */
export function WhyWeAsk({ config, field, locale, messages }: WhyWeAskProps) {
  const purposes = field.purposes.flatMap((id) => config.purposes.filter((p) => p.id === id))
  return (
    <details className="trickle-why" data-trickle-why={field.id}>
      <summary className="trickle-why-summary">{messages.whyWeAsk}</summary>
      <p className="trickle-why-intro">{messages.whyIntro}</p>
      <ul className="trickle-why-purposes">
        {purposes.map((purpose) => (
          <li key={purpose.id} data-trickle-purpose={purpose.id}>
            <span className="trickle-why-purpose">{localize(purpose.label, locale, config)}</span>
            {' – '}
            <span className="trickle-why-basis">{messages[basisMessages[purpose.basis]]}</span>
          </li>
        ))}
      </ul>
    </details>
  )
}

import { localize, type Config, type PlannedConsent } from '@trickle/core'
import type { GateWords } from './gateWords'
import { h } from './renderField'

export interface ConsentContext {
  config: Config
  locale: string
  idPrefix: string
  words: GateWords
  /** The choices made before the form was rendered again, if any. */
  before: { consents: Record<string, boolean> } | null
}

/** The offered consents as unticked checkboxes with their full text, or null when none. */
export function renderConsents(
  consents: readonly PlannedConsent[],
  { config, locale, idPrefix, words, before }: ConsentContext,
): HTMLElement | null {
  if (consents.length === 0) return null
  const group = h('fieldset', { class: 'consents' }, h('legend', {}, words.consentsLegend))
  const privacy = config.links?.privacy
  for (const { purposeId, purpose } of consents) {
    const id = `${idPrefix}-consent-${purposeId}`
    const text = purpose.text ? localize(purpose.text, locale, config) : ''
    group.append(
      h(
        'div',
        { class: 'consent', 'data-consent': purposeId },
        h(
          'div',
          { class: 'option' },
          // Unticked, always: no pre-ticked consent (CJEU Planet49).
          h('input', {
            type: 'checkbox',
            id,
            'aria-describedby': `${id}-text`,
            checked: before?.consents[purposeId] === true,
          }),
          h('label', { for: id }, localize(purpose.label, locale, config)),
        ),
        h(
          'p',
          { class: 'consent-text', id: `${id}-text` },
          text,
          privacy ? ' ' : null,
          privacy ? h('a', { href: localize(privacy, locale, config) }, words.privacyPolicy) : null,
        ),
      ),
    )
  }
  return group
}

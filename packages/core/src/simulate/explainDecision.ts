import { configIndex } from '../config/configIndex'
import { recordOf } from '../plan/isKnown'
import type { Config, ConsentOfferReason, Decision, Profile } from '../types'

/** The languages the explanations are written in; any other locale gets English. */
export type ExplainLanguage = 'en' | 'de'

export interface ExplainOptions {
  /**
   * The profile the visitor arrived with (a `JourneyVisit`'s `profile`): with it, a field the
   * visitor declined before is explained as such.
   */
  profile?: Profile
}

const explanations = {
  en: {
    always: 'asked on every visit',
    unknown: 'not known yet',
    stale: (days: string) => `known, but older than ${days} days`,
    known: 'already known',
    consentMissing: (ids: string) => `needs consent: ${ids}`,
    conditionUnmet: 'its askIf condition does not hold',
    limitReached: 'waits for a later visit (perVisit reached)',
    declinedAsked: 'declined before; asked again now that every other field is known',
    declinedWaiting: 'declined before; asked again after every other field',
    offer: {
      none: 'not given yet',
      outdated: 'given for an older version of its text',
      expired: 'given, but older than refreshAfterDays',
    },
  },
  de: {
    always: 'wird bei jedem Besuch gefragt',
    unknown: 'noch nicht bekannt',
    stale: (days: string) => `bekannt, aber älter als ${days} Tage`,
    known: 'schon bekannt',
    consentMissing: (ids: string) => `braucht die Einwilligung: ${ids}`,
    conditionUnmet: 'seine askIf-Bedingung trifft nicht zu',
    limitReached: 'wartet auf einen späteren Besuch (perVisit erreicht)',
    declinedAsked: 'früher abgelehnt; wieder gefragt, weil alle anderen Felder bekannt sind',
    declinedWaiting: 'früher abgelehnt; wird erst nach allen anderen Feldern wieder gefragt',
    offer: {
      none: 'noch nicht erteilt',
      outdated: 'für eine ältere Fassung des Textes erteilt',
      expired: 'erteilt, aber älter als refreshAfterDays',
    },
  },
} as const

/** `de`, `de-AT` and `de_DE` mean German; everything else English. */
export function explainLanguage(locale: string | undefined): ExplainLanguage {
  return locale?.toLowerCase().split(/[-_]/)[0] === 'de' ? 'de' : 'en'
}

/**
 * Why the planner asks a field on this visit or not, as one short sentence in English or German
 * (`locale` `de`, `de-AT`...: German). The studio shows it next to the field; `trickle simulate`
 * prints it in its "Why" column. The decision's `reason` stays the stable code.
 */
export function explainDecision(
  decision: Decision,
  config: Config,
  locale?: string,
  options: ExplainOptions = {},
): string {
  const text = explanations[explainLanguage(locale)]
  const index = configIndex(config)
  const field = index.fields.get(decision.fieldId)
  const declinedBefore =
    options.profile !== undefined && recordOf(options.profile, decision.fieldId)?.declined === true
  switch (decision.reason) {
    case 'always':
      return text.always
    case 'unknown':
      return declinedBefore ? text.declinedAsked : text.unknown
    case 'stale':
      return text.stale(String(field?.maxAgeDays ?? '?'))
    case 'known':
      return text.known
    case 'consent-missing': {
      const missing = (field?.purposes ?? []).filter(
        (id) => index.purposes.get(id)?.basis === 'consent',
      )
      return text.consentMissing(missing.join(', '))
    }
    case 'condition-unmet':
      return text.conditionUnmet
    case 'limit-reached':
      return declinedBefore ? text.declinedWaiting : text.limitReached
  }
}

/** Why a consent is offered on this visit (`PlannedConsent.reason`), in English or German. */
export function explainConsentOffer(reason: ConsentOfferReason, locale?: string): string {
  return explanations[explainLanguage(locale)].offer[reason]
}

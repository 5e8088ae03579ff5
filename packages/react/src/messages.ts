import type { ConsentState, LegalBasis } from '@trickle/core'

/**
 * Every string the React components show that does not come from the config. Field labels,
 * help texts, options and consent texts come from the config; these are the words around them.
 * `{name}` placeholders are filled in by `formatMessage`.
 */
export interface Messages {
  /** Summary of the "Why do we ask?" disclosure next to each field. */
  whyWeAsk: string
  /** Introduces the purposes inside the disclosure. */
  whyIntro: string
  basisConsent: string
  basisContract: string
  basisLegitimateInterest: string
  /** Appended to the label of an optional field. */
  optional: string
  /** First, empty choice of a select field. */
  choose: string
  /** Legend of the group of consent checkboxes. */
  consentsLegend: string
  privacyPolicy: string
  submit: string
  submitting: string
  retry: string
  /** Heading of the error summary above the form. */
  errorSummary: string
  /** Announced when the form was sent with invalid answers. */
  invalidAnnouncement: string
  /** The transport failed: the answers stay in the form. */
  transportError: string
  timeoutError: string
  /** The server asks other fields now (answered on another device): the form was planned again. */
  planChanged: string
  success: string
  notYou: string
  startOver: string
  /** Submit label of a gated download. `{title}`: the asset title. */
  downloadSubmit: string
  downloadReady: string
  /** The visitor is known and nothing is left to ask. */
  oneClickIntro: string
  /** `{title}`: the asset title. */
  downloadButton: string
  /** `{title}`: the asset title. */
  downloadLink: string
  /** Kiosk mode: hands the screen to the next person. */
  nextVisitor: string
  consentManagerTitle: string
  withdraw: string
  /** `{purpose}`: the purpose label. */
  withdrawn: string
  /** `{purpose}`: the purpose label; `{fields}`: the erased field labels. */
  withdrawnErased: string
  stateNotRequired: string
  stateNone: string
  stateGranted: string
  statePending: string
  stateDenied: string
  stateWithdrawn: string
  stateOutdated: string
  stateExpired: string
  /**
   * Replacements for the core's validation messages, by error code (`required`,
   * `invalid-email`, `too-long`...); `{minimum}` and `{maximum}` are filled in. Without an
   * entry the core's English or German message is shown.
   */
  validation?: Readonly<Record<string, string>>
}

export const en: Messages = {
  whyWeAsk: 'Why do we ask?',
  whyIntro: 'We use this answer for:',
  basisConsent: 'only with your consent',
  basisContract: 'needed to fulfil your request',
  basisLegitimateInterest: 'our legitimate interest',
  optional: '(optional)',
  choose: 'Please choose',
  consentsLegend: 'Your choice (optional)',
  privacyPolicy: 'Privacy policy',
  submit: 'Send',
  submitting: 'Sending…',
  retry: 'Try again',
  errorSummary: 'Please check these answers:',
  invalidAnnouncement: 'Some answers need your attention.',
  transportError:
    'We could not send your answers. Nothing is lost: check your connection and try again.',
  timeoutError: 'Sending took too long. Nothing is lost: please try again.',
  planChanged:
    'Welcome back! We already had some of these answers, so the form now asks only what is still missing. Please check it and send it again.',
  success: 'Thank you! Your answers were saved.',
  notYou: 'Not you?',
  startOver: 'Start over',
  downloadSubmit: 'Get the download',
  downloadReady: 'Thank you! Your download is ready.',
  oneClickIntro: 'Welcome back! No form needed this time.',
  downloadButton: 'Download {title}',
  downloadLink: 'Open {title} in a new tab',
  nextVisitor: 'Done: next visitor',
  consentManagerTitle: 'Your consents',
  withdraw: 'Withdraw',
  withdrawn: 'Consent withdrawn: {purpose}.',
  withdrawnErased: 'Consent withdrawn: {purpose}. Deleted: {fields}.',
  stateNotRequired: 'No consent needed',
  stateNone: 'Not given',
  stateGranted: 'Given',
  statePending: 'Waiting for your confirmation e-mail',
  stateDenied: 'Declined',
  stateWithdrawn: 'Withdrawn',
  stateOutdated: 'Text changed: please decide again',
  stateExpired: 'Expired: please decide again',
}

export const de: Messages = {
  whyWeAsk: 'Warum fragen wir?',
  whyIntro: 'Wir verwenden diese Angabe für:',
  basisConsent: 'nur mit Ihrer Einwilligung',
  basisContract: 'nötig, um Ihre Anfrage zu erfüllen',
  basisLegitimateInterest: 'unser berechtigtes Interesse',
  optional: '(optional)',
  choose: 'Bitte wählen',
  consentsLegend: 'Ihre Wahl (freiwillig)',
  privacyPolicy: 'Datenschutzerklärung',
  submit: 'Absenden',
  submitting: 'Wird gesendet …',
  retry: 'Erneut versuchen',
  errorSummary: 'Bitte prüfen Sie diese Angaben:',
  invalidAnnouncement: 'Einige Angaben brauchen Ihre Aufmerksamkeit.',
  transportError:
    'Ihre Angaben konnten nicht gesendet werden. Es geht nichts verloren: Prüfen Sie die Verbindung und versuchen Sie es erneut.',
  timeoutError:
    'Das Senden hat zu lange gedauert. Es geht nichts verloren: Bitte versuchen Sie es erneut.',
  planChanged:
    'Willkommen zurück! Einige Angaben hatten wir schon, daher fragt das Formular jetzt nur noch, was fehlt. Bitte prüfen und erneut absenden.',
  success: 'Vielen Dank! Ihre Angaben wurden gespeichert.',
  notYou: 'Nicht Sie?',
  startOver: 'Neu beginnen',
  downloadSubmit: 'Download anfordern',
  downloadReady: 'Vielen Dank! Ihr Download ist bereit.',
  oneClickIntro: 'Willkommen zurück! Diesmal ganz ohne Formular.',
  downloadButton: '{title} herunterladen',
  downloadLink: '{title} in neuem Tab öffnen',
  nextVisitor: 'Fertig: nächste Person',
  consentManagerTitle: 'Ihre Einwilligungen',
  withdraw: 'Widerrufen',
  withdrawn: 'Einwilligung widerrufen: {purpose}.',
  withdrawnErased: 'Einwilligung widerrufen: {purpose}. Gelöscht: {fields}.',
  stateNotRequired: 'Keine Einwilligung nötig',
  stateNone: 'Nicht erteilt',
  stateGranted: 'Erteilt',
  statePending: 'Wartet auf Ihre Bestätigungs-E-Mail',
  stateDenied: 'Abgelehnt',
  stateWithdrawn: 'Widerrufen',
  stateOutdated: 'Text geändert: Bitte neu entscheiden',
  stateExpired: 'Abgelaufen: Bitte neu entscheiden',
}

const catalogues: ReadonlyMap<string, Messages> = new Map([
  ['en', en],
  ['de', de],
])

/** The built-in catalogue for a locale (`de-CH` uses `de`; unknown languages use English), with overrides on top. */
export function resolveMessages(locale: string, overrides?: Partial<Messages>): Messages {
  const base = catalogues.get(locale.replace(/-.*/, '')) ?? en
  return overrides ? { ...base, ...overrides } : base
}

/** Fills `{name}` placeholders; unknown placeholders stay visible so a typo is easy to spot. */
export function formatMessage(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(/\{(\w+)\}/g, (match, name: string) =>
    Object.hasOwn(values, name) ? (values[name] ?? match) : match,
  )
}

/** The message of each legal basis, as "Why do we ask?" names it. */
export const basisMessages = {
  consent: 'basisConsent',
  contract: 'basisContract',
  'legitimate-interest': 'basisLegitimateInterest',
} as const satisfies Record<LegalBasis, keyof Messages>

/** The message of each consent state, as the consent manager shows it. */
export const consentStateMessages = {
  'not-required': 'stateNotRequired',
  none: 'stateNone',
  granted: 'stateGranted',
  pending: 'statePending',
  denied: 'stateDenied',
  withdrawn: 'stateWithdrawn',
  outdated: 'stateOutdated',
  expired: 'stateExpired',
} as const satisfies Record<ConsentState, keyof Messages>

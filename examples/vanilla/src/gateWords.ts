/** The words around the config's texts, in the page's language. */
export interface GateWords {
  whyWeAsk: string
  basisConsent: string
  basisContract: string
  basisLegitimateInterest: string
  optional: string
  choose: string
  consentsLegend: string
  privacyPolicy: string
  submit: string
  submitting: string
  errorSummary: string
  transportError: string
  notYou: string
  startOver: string
  ready: string
  oneClick: string
  /** `{title}`: the asset title. */
  download: string
}

const en: GateWords = {
  whyWeAsk: 'Why do we ask?',
  basisConsent: 'only with your consent',
  basisContract: 'needed to fulfil your request',
  basisLegitimateInterest: 'our legitimate interest',
  optional: '(optional)',
  choose: 'Please choose',
  consentsLegend: 'Your choice (optional)',
  privacyPolicy: 'Privacy policy',
  submit: 'Get the download',
  submitting: 'Sending…',
  errorSummary: 'Please check these answers:',
  transportError: 'We could not send your answers. Nothing is lost: please try again.',
  notYou: 'Not you?',
  startOver: 'Start over',
  ready: 'Thank you! Your download is ready.',
  oneClick: 'Welcome back! No form needed this time.',
  download: 'Download {title}',
}

const de: GateWords = {
  whyWeAsk: 'Warum fragen wir?',
  basisConsent: 'nur mit Ihrer Einwilligung',
  basisContract: 'nötig, um Ihre Anfrage zu erfüllen',
  basisLegitimateInterest: 'unser berechtigtes Interesse',
  optional: '(optional)',
  choose: 'Bitte wählen',
  consentsLegend: 'Ihre Wahl (freiwillig)',
  privacyPolicy: 'Datenschutzerklärung',
  submit: 'Download anfordern',
  submitting: 'Wird gesendet …',
  errorSummary: 'Bitte prüfen Sie diese Angaben:',
  transportError: 'Ihre Angaben konnten nicht gesendet werden. Bitte erneut versuchen.',
  notYou: 'Nicht Sie?',
  startOver: 'Neu beginnen',
  ready: 'Vielen Dank! Ihr Download ist bereit.',
  oneClick: 'Willkommen zurück! Diesmal ganz ohne Formular.',
  download: '{title} herunterladen',
}

/** German for `de` and `de-*`, English otherwise. */
export function gateWords(locale: string): GateWords {
  return locale.split('-')[0] === 'de' ? de : en
}

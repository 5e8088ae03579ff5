import type { JourneyWarning } from '@trickle/core'
import type { MessageLanguage } from './cliLocale'

const quote = (id: string) => `"${id}"`
const maybe = (suggestion: string | undefined, en: boolean) =>
  suggestion === undefined
    ? ''
    : en
      ? ` Did you mean "${suggestion}"?`
      : ` Meinten Sie "${suggestion}"?`

const en = {
  headerForm: (form: string, perVisit: number, visits: number, days: number, locale: string) =>
    `Simulating form "${form}": ${perVisit} new field(s) per visit, ${visits} visit(s), ` +
    `${days} day(s) apart, locale ${locale}.`,
  headerJourney: (visits: number, forms: string[], locale: string) =>
    `Simulating a journey of ${visits} visit(s) across ${forms.map(quote).join(', ')}, locale ${locale}.`,
  visit: (n: number, form: string, day: number, date: string) =>
    `Visit ${n}: form "${form}", day ${day} (${date})`,
  columns: ['Field', 'Label', 'Asked', 'Reason', 'Why'],
  yes: 'yes',
  no: 'no',
  consentsOffered: 'Consents offered:',
  none: 'none',
  ticked: 'ticked',
  unticked: 'left unticked',
  declined: (ids: string[]) => `Left empty (declined): ${ids.join(', ')}`,
  pending: (id: string) => `${id}: waiting for the confirmation mail`,
  confirmed: (id: string) => `${id}: confirmed (the visitor clicked the link in the mail)`,
  oneClick: 'Nothing left to ask: one-click download (open gate).',
  stillShows: 'Nothing left to ask; the form still shows (openGate is false).',
  asked: (n: number) => `${n} new field(s) asked.`,
  rejected: (path: string, message: string) =>
    `The submission was refused: ${path}: ${message} The profile stays as it was.`,
  warningsTitle: 'Warnings',
  warning: (w: JourneyWarning, where: string) => {
    switch (w.code) {
      case 'unknown-answer':
        return `${where}: an answer for ${quote(w.id)}, which is not a field of the config; it is ignored.${maybe(w.suggestion, true)}`
      case 'unknown-consent':
        return `${where}: a consent choice for ${quote(w.id)}, which is not a purpose of the config; it is ignored.${maybe(w.suggestion, true)}`
      case 'not-offered':
        return `${where}: a consent choice for ${quote(w.id)}, but the form does not offer it on this visit.`
      case 'not-optional':
        return `${where}: ${quote(w.id)} is declined, but it is not an optional field asked on this visit.`
    }
  },
  step: (n: number) => `visit ${n}`,
  everyVisit: 'every visit',
  unknownForm: (form: string, file: string, forms: string[], suggestion: string | undefined) =>
    `No form "${form}" in ${file}.${maybe(suggestion, true)} Forms: ${forms.join(', ') || 'none'}.`,
  doesNotSettle: (n: number, form: string) =>
    `Visit ${n} (form "${form}") does not settle: conditions keep changing which fields are asked.`,
  configErrors: (file: string) =>
    `${file} has errors. Run \`trickle validate ${file}\` to see them.`,
  unknownConsentFlag: (id: string, file: string, suggestion: string | undefined) =>
    `--consent ${id}: no consent purpose with that id in ${file}.${maybe(suggestion, true)}`,
  refusedSummary: (n: number, path: string, message: string) =>
    `Visit ${n}: the answer at ${path} was refused (${message}). Give a valid one in the answers.`,
  notWithJourney: (flag: string) =>
    `--${flag} does not go with --journey: the journey file says what each visit does.`,
}

export type SimulateMessages = typeof en

const de: SimulateMessages = {
  headerForm: (form, perVisit, visits, days, locale) =>
    `Simulation des Formulars "${form}": ${perVisit} neue(s) Feld(er) je Besuch, ${visits} Besuch(e), ` +
    `${days} Tag(e) Abstand, Sprache ${locale}.`,
  headerJourney: (visits, forms, locale) =>
    `Simulation einer Reise mit ${visits} Besuch(en) über ${forms.map(quote).join(', ')}, Sprache ${locale}.`,
  visit: (n, form, day, date) => `Besuch ${n}: Formular "${form}", Tag ${day} (${date})`,
  columns: ['Feld', 'Bezeichnung', 'Gefragt', 'Grund', 'Warum'],
  yes: 'ja',
  no: 'nein',
  consentsOffered: 'Angebotene Einwilligungen:',
  none: 'keine',
  ticked: 'angekreuzt',
  unticked: 'nicht angekreuzt',
  declined: (ids) => `Leer gelassen (abgelehnt): ${ids.join(', ')}`,
  pending: (id) => `${id}: wartet auf die Bestätigungsmail`,
  confirmed: (id) => `${id}: bestätigt (der Link in der Mail wurde geklickt)`,
  oneClick: 'Nichts mehr zu fragen: Download mit einem Klick (openGate).',
  stillShows: 'Nichts mehr zu fragen; das Formular erscheint trotzdem (openGate ist false).',
  asked: (n) => `${n} neue(s) Feld(er) gefragt.`,
  rejected: (path, message) =>
    `Die Übermittlung wurde abgelehnt: ${path}: ${message} Das Profil bleibt, wie es war.`,
  warningsTitle: 'Warnungen',
  warning: (w, where) => {
    switch (w.code) {
      case 'unknown-answer':
        return `${where}: eine Antwort für ${quote(w.id)}, das kein Feld der Konfiguration ist; sie wird ignoriert.${maybe(w.suggestion, false)}`
      case 'unknown-consent':
        return `${where}: eine Einwilligung für ${quote(w.id)}, das kein Zweck der Konfiguration ist; sie wird ignoriert.${maybe(w.suggestion, false)}`
      case 'not-offered':
        return `${where}: eine Einwilligung für ${quote(w.id)}, aber das Formular bietet sie bei diesem Besuch nicht an.`
      case 'not-optional':
        return `${where}: ${quote(w.id)} ist abgelehnt, aber kein optionales Feld, das bei diesem Besuch gefragt wird.`
    }
  },
  step: (n) => `Besuch ${n}`,
  everyVisit: 'jeder Besuch',
  unknownForm: (form, file, forms, suggestion) =>
    `Kein Formular "${form}" in ${file}.${maybe(suggestion, false)} Formulare: ${forms.join(', ') || 'keine'}.`,
  doesNotSettle: (n, form) =>
    `Besuch ${n} (Formular "${form}") kommt nicht zur Ruhe: Bedingungen ändern immer wieder, welche Felder gefragt werden.`,
  configErrors: (file) => `${file} hat Fehler. \`trickle validate ${file}\` zeigt sie.`,
  unknownConsentFlag: (id, file, suggestion) =>
    `--consent ${id}: kein Einwilligungszweck mit dieser ID in ${file}.${maybe(suggestion, false)}`,
  refusedSummary: (n, path, message) =>
    `Besuch ${n}: Die Antwort bei ${path} wurde abgelehnt (${message}). Geben Sie eine gültige an.`,
  notWithJourney: (flag) =>
    `--${flag} passt nicht zu --journey: Die Reise-Datei sagt, was bei jedem Besuch geschieht.`,
}

/** The sentences of `trickle simulate`, in the CLI's message language. */
export function simulateMessages(language: MessageLanguage): SimulateMessages {
  return language === 'de' ? de : en
}

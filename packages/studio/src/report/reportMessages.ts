/** The texts of the report tab and the value-per-friction panel, in the studio's languages. */

const en = {
  heading: 'Report',
  noServer:
    'The report reads the counts from a running Trickle server. Connect one: npx @trickle/cli studio --config trickle.config.json --server URL, with TRICKLE_ADMIN_TOKEN set to the server’s admin token (or open /admin/studio on the server).',
  range: 'Date range',
  from: 'From',
  to: 'To',
  preset: 'Last {n} days',
  rangeInvalid: 'Pick both dates, the start on or before the end.',
  form: 'Form',
  allForms: 'All forms',
  loading: 'Loading the report…',
  failed: 'The report could not be loaded:',
  retry: 'Try again',
  noData:
    'No visits counted in this range yet. Pick a longer range, or check that the forms send their counts to this server (the page needs the server’s address as its endpoint).',
  noDataForm: 'No visits counted for {form} in this range yet.',
  downloadCsv: 'Download CSV',
  downloadCsvHint: 'One row per day, form, visit, language, count and field; no personal data.',
  csvFailed: 'The CSV could not be downloaded:',
  generatedAt: 'Counted up to {time}.',
  funnel: 'Funnel',
  funnelChart:
    'Funnel of {form}: shown {shown}, started {started}, submitted {submitted}, left {left}.',
  shown: 'Shown',
  started: 'Started',
  submitted: 'Submitted',
  left: 'Left',
  ofShown: '{percent} of shown',
  step: 'Step',
  visitors: 'Visitors',
  share: 'Share',
  fields: 'Drop-off per field',
  fieldsCaption: 'Per field of {form}, in the order of the sequence',
  fieldsChart: 'Drop-off per field of {form}: {list}.',
  field: 'Field',
  fieldShown: 'Shown',
  answered: 'Answered',
  lastTouched: 'Left after this field',
  dropOff: 'Drop-off',
  dropOffHelp:
    'Drop-off: of the visitors who started the form, the share who left with this as the last field they touched.',
  visits: 'Per visit',
  visitsCaption: 'Per visit number of {form}',
  visit: 'Visit',
  visitN: 'Visit {n}',
  locales: 'Per language',
  localesCaption: 'Per form language of {form}',
  language: 'Language',
  days: 'Per day',
  daysCaption: 'Per day of {form}',
  daysChart: 'Shown and submitted per day of {form}, {from} to {to}: most shown on one day {max}.',
  day: 'Day',
  submitRate: 'Submitted',
  doubleOptIn: 'Double opt-in',
  doubleOptInSummary: '{confirmed} of {requested} confirmation e-mails were confirmed ({percent}).',
  doubleOptInNone: 'No confirmation e-mails were sent in this range.',
  doubleOptInCaption: 'Confirmation e-mails per day',
  requested: 'Sent',
  confirmed: 'Confirmed',
  friction: 'Value per friction',
  frictionIntro:
    'What each field costs next to what it is worth. Drop-off cost: of the visitors shown the field, the share who left with it the last field they touched. Use: how often its data was delivered to a destination, and how many askIf conditions read it.',
  frictionNone: 'No insights for this range yet.',
  frictionFailed: 'The insights could not be loaded:',
  frictionFields: 'Fields: cost and value',
  purposes: 'Purposes',
  cost: 'Drop-off cost',
  deliveries: 'Deliveries',
  askIfReads: 'Read by askIf',
  value: 'Value',
  suggestions: 'Suggested order',
  suggestionFor: 'Form {form}',
  current: 'Current order',
  suggested: 'Suggested order',
  unchanged: 'The current order already fits the counts: nothing to change.',
  moves: 'Why the fields move',
  moved: '{field}: from position {from} to {to}',
  reasonGenerated:
    '{percent} of the visitors shown it left at it; delivered {deliveries} times, read by {reads} askIf conditions (value {value}).',
  previewOrder: 'Preview this order',
  accept: 'Accept',
  acceptHint:
    'Accept writes this order into the editor’s sequence of {form}. Nothing is saved until you save the config. Preview it first.',
  acceptAfterPreview: 'Preview this order first; then you can accept it.',
  previewing: 'The preview shows {form} in the suggested order (see the Config and preview tab).',
  accepted:
    'The suggested order of {form} is written into the editor. Nothing is saved until you save.',
  none: '—',
}

export type ReportMessages = typeof en

const de: ReportMessages = {
  heading: 'Bericht',
  noServer:
    'Der Bericht liest die Zahlen von einem laufenden Trickle-Server. Verbinden Sie einen: npx @trickle/cli studio --config trickle.config.json --server URL, mit TRICKLE_ADMIN_TOKEN auf das Admin-Token des Servers gesetzt (oder öffnen Sie /admin/studio auf dem Server).',
  range: 'Zeitraum',
  from: 'Von',
  to: 'Bis',
  preset: 'Letzte {n} Tage',
  rangeInvalid: 'Wählen Sie beide Daten, den Anfang am oder vor dem Ende.',
  form: 'Formular',
  allForms: 'Alle Formulare',
  loading: 'Der Bericht wird geladen …',
  failed: 'Der Bericht konnte nicht geladen werden:',
  retry: 'Erneut versuchen',
  noData:
    'In diesem Zeitraum wurden noch keine Besuche gezählt. Wählen Sie einen längeren Zeitraum oder prüfen Sie, ob die Formulare ihre Zahlen an diesen Server senden (die Seite braucht die Adresse des Servers als Endpunkt).',
  noDataForm: 'Für {form} wurden in diesem Zeitraum noch keine Besuche gezählt.',
  downloadCsv: 'CSV herunterladen',
  downloadCsvHint:
    'Eine Zeile je Tag, Formular, Besuch, Sprache, Kennzahl und Feld; keine personenbezogenen Daten.',
  csvFailed: 'Die CSV-Datei konnte nicht heruntergeladen werden:',
  generatedAt: 'Gezählt bis {time}.',
  funnel: 'Trichter',
  funnelChart:
    'Trichter von {form}: angezeigt {shown}, begonnen {started}, abgeschickt {submitted}, verlassen {left}.',
  shown: 'Angezeigt',
  started: 'Begonnen',
  submitted: 'Abgeschickt',
  left: 'Verlassen',
  ofShown: '{percent} der Angezeigten',
  step: 'Schritt',
  visitors: 'Besucher',
  share: 'Anteil',
  fields: 'Abbruch je Feld',
  fieldsCaption: 'Je Feld von {form}, in der Reihenfolge der Sequenz',
  fieldsChart: 'Abbruch je Feld von {form}: {list}.',
  field: 'Feld',
  fieldShown: 'Angezeigt',
  answered: 'Beantwortet',
  lastTouched: 'Nach diesem Feld verlassen',
  dropOff: 'Abbruch',
  dropOffHelp:
    'Abbruch: der Anteil der Besucher, die das Formular begonnen haben und es mit diesem Feld als zuletzt berührtem verlassen haben.',
  visits: 'Je Besuch',
  visitsCaption: 'Je Besuchsnummer von {form}',
  visit: 'Besuch',
  visitN: 'Besuch {n}',
  locales: 'Je Sprache',
  localesCaption: 'Je Formularsprache von {form}',
  language: 'Sprache',
  days: 'Je Tag',
  daysCaption: 'Je Tag von {form}',
  daysChart:
    'Angezeigt und abgeschickt je Tag von {form}, {from} bis {to}: höchstens {max} Anzeigen an einem Tag.',
  day: 'Tag',
  submitRate: 'Abgeschickt',
  doubleOptIn: 'Double-Opt-in',
  doubleOptInSummary:
    '{confirmed} von {requested} Bestätigungs-E-Mails wurden bestätigt ({percent}).',
  doubleOptInNone: 'In diesem Zeitraum wurden keine Bestätigungs-E-Mails versandt.',
  doubleOptInCaption: 'Bestätigungs-E-Mails je Tag',
  requested: 'Versandt',
  confirmed: 'Bestätigt',
  friction: 'Wert je Hürde',
  frictionIntro:
    'Was jedes Feld kostet neben dem, was es wert ist. Abbruchkosten: der Anteil der Besucher, denen das Feld gezeigt wurde, die es als zuletzt berührtes Feld verlassen haben. Nutzung: wie oft seine Angaben an ein Ziel übermittelt wurden und wie viele askIf-Bedingungen es lesen.',
  frictionNone: 'Für diesen Zeitraum gibt es noch keine Auswertung.',
  frictionFailed: 'Die Auswertung konnte nicht geladen werden:',
  frictionFields: 'Felder: Kosten und Wert',
  purposes: 'Zwecke',
  cost: 'Abbruchkosten',
  deliveries: 'Übermittlungen',
  askIfReads: 'Von askIf gelesen',
  value: 'Wert',
  suggestions: 'Vorgeschlagene Reihenfolge',
  suggestionFor: 'Formular {form}',
  current: 'Aktuelle Reihenfolge',
  suggested: 'Vorgeschlagene Reihenfolge',
  unchanged: 'Die aktuelle Reihenfolge passt bereits zu den Zahlen: nichts zu ändern.',
  moves: 'Warum die Felder wandern',
  moved: '{field}: von Position {from} auf {to}',
  reasonGenerated:
    '{percent} der Besucher, denen es gezeigt wurde, brachen bei ihm ab; {deliveries}-mal übermittelt, von {reads} askIf-Bedingungen gelesen (Wert {value}).',
  previewOrder: 'Diese Reihenfolge ansehen',
  accept: 'Übernehmen',
  acceptHint:
    'Übernehmen schreibt diese Reihenfolge in die Sequenz von {form} im Editor. Gespeichert wird erst, wenn Sie die Konfiguration speichern. Sehen Sie sie sich zuerst an.',
  acceptAfterPreview: 'Sehen Sie sich diese Reihenfolge zuerst an; dann können Sie sie übernehmen.',
  previewing:
    'Die Vorschau zeigt {form} in der vorgeschlagenen Reihenfolge (siehe den Reiter Konfiguration und Vorschau).',
  accepted:
    'Die vorgeschlagene Reihenfolge von {form} steht jetzt im Editor. Gespeichert wird erst, wenn Sie speichern.',
  none: '—',
}

export type ReportLocale = 'en' | 'de'

export const reportMessages: Record<ReportLocale, ReportMessages> = { en, de }

/** Fills `{name}` placeholders. */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (match, name: string) =>
    Object.hasOwn(values, name) ? String(values[name]) : match,
  )
}

/** A share 0..1 as a percentage in the UI language ("12.5%", "12,5 %"). */
export function percent(share: number, locale: ReportLocale): string {
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(share)
}

/** A count in the UI language ("1,234", "1.234"). */
export function count(value: number, locale: ReportLocale): string {
  return new Intl.NumberFormat(locale).format(value)
}

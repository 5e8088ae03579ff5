/** The site's languages; the config has the same two (`de` first). */
export const siteLocales = ['de', 'en'] as const
export type SiteLocale = (typeof siteLocales)[number]

export function isSiteLocale(value: unknown): value is SiteLocale {
  return siteLocales.some((locale) => locale === value)
}

/** Every word of the site that is not a field, purpose or consent text of the Trickle config. */
export interface SiteCopy {
  skipToContent: string
  navLabel: string
  navLibrary: string
  navPrivacy: string
  languageLabel: string
  kioskBanner: string
  kioskExit: string
  heroKicker: string
  heroTitle: string
  heroLead: string
  heroCta: string
  heroStats: readonly { value: string; label: string }[]
  howTitle: string
  howSteps: readonly string[]
  libraryTitle: string
  libraryLead: string
  /** `{pages}`: page count. */
  paperMeta: string
  getPaper: string
  downloadAgain: string
  close: string
  gateIntro: string
  modeServer: string
  modeLocal: string
  footerAbout: string
  footerAddress: string
  footerKiosk: string
  footerAdmin: string
  footerDemo: string
  privacyTitle: string
  privacyLead: string
  privacyLeadKiosk: string
  knownTitle: string
  knownEmpty: string
  colQuestion: string
  colAnswer: string
  colWhy: string
  colWhen: string
  notKeptHere: string
  onServer: string
  declined: string
  stale: string
  colPurpose: string
  colDecision: string
  colForm: string
  yes: string
  no: string
  syncFailed: string
  syncRetry: string
  consentHistory: string
  noHistory: string
  yourDataTitle: string
  exportTitle: string
  exportText: string
  exportButton: string
  forgetTitle: string
  forgetText: string
  forgetButton: string
  forgotten: string
  eraseTitle: string
  eraseText: string
  eraseButton: string
  eraseConfirm: string
  eraseCancel: string
  erased: string
  serverUnavailable: string
  backToLibrary: string
  adminTitle: string
  adminLead: string
  adminToken: string
  adminTokenHelp: string
  adminLoad: string
  adminNoServer: string
  adminDenied: string
  adminEmpty: string
  chartTitle: string
  chartShown: string
  chartAnswered: string
  /** `{visit}`: visit number. */
  chartVisit: string
  consentRatesTitle: string
  submissionsLabel: string
  allForms: string
  formDownloadsLabel: string
  openGateLabel: string
  decisionGranted: string
  decisionDenied: string
  decisionWithdrawn: string
  decisionConfirmed: string
  notFoundTitle: string
}

export const siteCopy: Record<SiteLocale, SiteCopy> = {
  en: {
    skipToContent: 'Skip to content',
    navLabel: 'Main',
    navLibrary: 'Whitepapers',
    navPrivacy: 'Privacy center',
    languageLabel: 'Language',
    kioskBanner: 'Trade-fair mode: nothing is remembered on this device after you submit.',
    kioskExit: 'Leave trade-fair mode',
    heroKicker: 'Resource library',
    heroTitle: 'Know your machines before they stop.',
    heroLead:
      'Fernhollow Flow turns the signals your plant already produces into fewer stops, calmer ' +
      'migrations and sturdier supply chains. Our whitepapers share what we learned in ' +
      'mid-sized factories.',
    heroCta: 'Browse the whitepapers',
    heroStats: [
      { value: '240', label: 'plants in our benchmark' },
      { value: '12 weeks', label: 'to the first avoided stop' },
      { value: '3', label: 'questions per download, never twice' },
    ],
    howTitle: 'Short forms, and you stay in control',
    howSteps: [
      'Each download asks your e-mail and at most three new questions.',
      'What you already told us is never asked again, and never shown back to you.',
      'Every question says why we ask. See and delete everything in the privacy center.',
    ],
    libraryTitle: 'Whitepapers',
    libraryLead: 'Practical guides for operations, IT and purchasing teams. Free, in English.',
    paperMeta: 'PDF · {pages} pages · English',
    getPaper: 'Get the PDF',
    downloadAgain: 'Download',
    close: 'Close',
    gateIntro: 'Tell us a little about yourself and the download starts right away.',
    modeServer: 'Connected to the Trickle server: answers and consents are stored as proof.',
    modeLocal: 'Demo without server: answers stay in this browser.',
    footerAbout:
      'Fernhollow Systems builds operations analytics for mid-sized manufacturers. ' +
      'A fictional company for the Trickle example.',
    footerAddress: 'Fernhollow Systems GmbH · Hafenstraße 12 · 20457 Hamburg',
    footerKiosk: 'Trade-fair mode',
    footerAdmin: 'Report (marketing team)',
    footerDemo: 'Example site of Trickle, the progressive profiling form engine.',
    privacyTitle: 'Privacy center',
    privacyLead:
      'Everything we know about you, why we asked, and what you agreed to. Download it, ' +
      'withdraw a consent or erase it all: each takes one click.',
    privacyLeadKiosk:
      'This device is in trade-fair mode: nothing about you is kept here after you submit.',
    knownTitle: 'What we know about you',
    knownEmpty: 'Nothing yet. We only know what you tell us in a download form.',
    colQuestion: 'Question',
    colAnswer: 'Your answer',
    colWhy: 'Why we ask',
    colWhen: 'Given on',
    notKeptHere: 'not kept in this browser',
    onServer: 'stored on our server only',
    declined: 'left empty',
    stale: 'outdated: we will ask again',
    colPurpose: 'Purpose',
    colDecision: 'Decision',
    colForm: 'Form',
    yes: 'yes',
    no: 'no',
    syncFailed:
      'Your withdrawal is saved in this browser but has not reached our server yet. Please try again.',
    syncRetry: 'Send again',
    consentHistory: 'History',
    noHistory: 'No decision yet.',
    yourDataTitle: 'Your data',
    exportTitle: 'Download your data',
    exportText: 'A JSON file with every answer, its purposes and your consent history.',
    exportButton: 'Download JSON',
    forgetTitle: 'Not you?',
    forgetText: 'Forget the profile on this device. Nothing is erased on our side.',
    forgetButton: 'Start over on this device',
    forgotten: 'This device no longer recognises you.',
    eraseTitle: 'Erase everything',
    eraseText:
      'Deletes your answers, your consent history and this device’s link to you. We keep only a receipt that an erasure happened, without any of your data.',
    eraseButton: 'Erase my data',
    eraseConfirm: 'Yes, erase everything',
    eraseCancel: 'Cancel',
    erased: 'Done: your data was erased.',
    serverUnavailable: 'Our server could not be reached. Please try again in a moment.',
    backToLibrary: 'Back to the whitepapers',
    adminTitle: 'Form report',
    adminLead:
      'Per visit: how many fields were shown and answered, how visitors decided on each ' +
      'consent, and how many downloads went through the open gate.',
    adminToken: 'Admin token',
    adminTokenHelp: '`npm start` prints a development token.',
    adminLoad: 'Show report',
    adminNoServer: 'The report needs the Trickle server. Start everything with `npm start`.',
    adminDenied: 'The server refused this token. Check it and try again.',
    adminEmpty: 'No submissions yet.',
    chartTitle: 'Fields shown and answered per visit',
    chartShown: 'Shown',
    chartAnswered: 'Answered',
    chartVisit: 'Visit {visit}',
    consentRatesTitle: 'Consent decisions',
    submissionsLabel: 'Submissions',
    allForms: 'All downloads',
    formDownloadsLabel: 'Downloads after a form',
    openGateLabel: 'One-click downloads (open gate)',
    decisionGranted: 'granted',
    decisionDenied: 'declined',
    decisionWithdrawn: 'withdrawn',
    decisionConfirmed: 'confirmed',
    notFoundTitle: 'This page does not exist.',
  },
  de: {
    skipToContent: 'Zum Inhalt springen',
    navLabel: 'Hauptmenü',
    navLibrary: 'Whitepaper',
    navPrivacy: 'Datenschutz-Center',
    languageLabel: 'Sprache',
    kioskBanner: 'Messemodus: Nach dem Absenden merkt sich dieses Gerät nichts.',
    kioskExit: 'Messemodus verlassen',
    heroKicker: 'Wissensbibliothek',
    heroTitle: 'Kennen Sie Ihre Maschinen, bevor sie stillstehen.',
    heroLead:
      'Fernhollow Flow macht aus den Signalen, die Ihr Werk ohnehin erzeugt, weniger ' +
      'Stillstände, ruhigere Migrationen und robustere Lieferketten. In unseren Whitepapern ' +
      'teilen wir, was wir in mittelständischen Werken gelernt haben.',
    heroCta: 'Zu den Whitepapern',
    heroStats: [
      { value: '240', label: 'Werke in unserer Benchmark-Studie' },
      { value: '12 Wochen', label: 'bis zum ersten vermiedenen Stillstand' },
      { value: '3', label: 'Fragen pro Download, nie doppelt' },
    ],
    howTitle: 'Kurze Formulare, und Sie behalten die Kontrolle',
    howSteps: [
      'Jeder Download fragt Ihre E-Mail und höchstens drei neue Angaben.',
      'Was Sie uns schon gesagt haben, fragen wir nie wieder und zeigen es nie wieder an.',
      'Zu jeder Frage sehen Sie, warum wir fragen. Im Datenschutz-Center sehen und löschen Sie alles.',
    ],
    libraryTitle: 'Whitepaper',
    libraryLead: 'Praxisleitfäden für Produktion, IT und Einkauf. Kostenlos, auf Englisch.',
    paperMeta: 'PDF · {pages} Seiten · Englisch',
    getPaper: 'PDF anfordern',
    downloadAgain: 'Herunterladen',
    close: 'Schließen',
    gateIntro: 'Erzählen Sie uns kurz etwas über sich, dann startet der Download sofort.',
    modeServer:
      'Mit dem Trickle-Server verbunden: Angaben und Einwilligungen werden als Nachweis gespeichert.',
    modeLocal: 'Demo ohne Server: Ihre Angaben bleiben in diesem Browser.',
    footerAbout:
      'Fernhollow Systems entwickelt Betriebsdaten-Analysen für den produzierenden Mittelstand. ' +
      'Ein erfundenes Unternehmen für das Trickle-Beispiel.',
    footerAddress: 'Fernhollow Systems GmbH · Hafenstraße 12 · 20457 Hamburg',
    footerKiosk: 'Messemodus',
    footerAdmin: 'Auswertung (Marketing)',
    footerDemo: 'Beispielseite von Trickle, der Formular-Engine für Progressive Profiling.',
    privacyTitle: 'Datenschutz-Center',
    privacyLead:
      'Alles, was wir über Sie wissen, warum wir gefragt haben und wozu Sie eingewilligt ' +
      'haben. Herunterladen, widerrufen oder alles löschen: jeweils mit einem Klick.',
    privacyLeadKiosk:
      'Dieses Gerät ist im Messemodus: Nach dem Absenden wird hier nichts über Sie gespeichert.',
    knownTitle: 'Was wir über Sie wissen',
    knownEmpty: 'Noch nichts. Wir wissen nur, was Sie uns in einem Download-Formular sagen.',
    colQuestion: 'Frage',
    colAnswer: 'Ihre Angabe',
    colWhy: 'Warum wir fragen',
    colWhen: 'Angegeben am',
    notKeptHere: 'nicht in diesem Browser gespeichert',
    onServer: 'nur auf unserem Server gespeichert',
    declined: 'leer gelassen',
    stale: 'veraltet: wir fragen erneut',
    colPurpose: 'Zweck',
    colDecision: 'Entscheidung',
    colForm: 'Formular',
    yes: 'ja',
    no: 'nein',
    syncFailed:
      'Ihr Widerruf ist in diesem Browser gespeichert, hat unseren Server aber noch nicht erreicht. Bitte erneut versuchen.',
    syncRetry: 'Erneut senden',
    consentHistory: 'Verlauf',
    noHistory: 'Noch keine Entscheidung.',
    yourDataTitle: 'Ihre Daten',
    exportTitle: 'Daten herunterladen',
    exportText: 'Eine JSON-Datei mit allen Angaben, ihren Zwecken und Ihrem Einwilligungsverlauf.',
    exportButton: 'JSON herunterladen',
    forgetTitle: 'Nicht Sie?',
    forgetText: 'Das Profil auf diesem Gerät vergessen. Bei uns wird nichts gelöscht.',
    forgetButton: 'Auf diesem Gerät neu beginnen',
    forgotten: 'Dieses Gerät erkennt Sie nicht mehr.',
    eraseTitle: 'Alles löschen',
    eraseText:
      'Löscht Ihre Angaben, Ihren Einwilligungsverlauf und die Verbindung dieses Geräts zu Ihnen. Wir behalten nur einen Beleg, dass gelöscht wurde, ohne Ihre Daten.',
    eraseButton: 'Meine Daten löschen',
    eraseConfirm: 'Ja, alles löschen',
    eraseCancel: 'Abbrechen',
    erased: 'Erledigt: Ihre Daten wurden gelöscht.',
    serverUnavailable:
      'Unser Server ist nicht erreichbar. Bitte versuchen Sie es gleich noch einmal.',
    backToLibrary: 'Zurück zu den Whitepapern',
    adminTitle: 'Formular-Auswertung',
    adminLead:
      'Pro Besuch: wie viele Felder gezeigt und beantwortet wurden, wie Besucher über jede ' +
      'Einwilligung entschieden haben und wie viele Downloads ohne Formular liefen.',
    adminToken: 'Admin-Token',
    adminTokenHelp: '`npm start` gibt ein Entwicklungs-Token aus.',
    adminLoad: 'Auswertung anzeigen',
    adminNoServer: 'Die Auswertung braucht den Trickle-Server. Starten Sie alles mit `npm start`.',
    adminDenied: 'Der Server hat dieses Token abgelehnt. Bitte prüfen und erneut versuchen.',
    adminEmpty: 'Noch keine Einsendungen.',
    chartTitle: 'Gezeigte und beantwortete Felder pro Besuch',
    chartShown: 'Gezeigt',
    chartAnswered: 'Beantwortet',
    chartVisit: 'Besuch {visit}',
    consentRatesTitle: 'Entscheidungen zu Einwilligungen',
    submissionsLabel: 'Einsendungen',
    allForms: 'Alle Downloads',
    formDownloadsLabel: 'Downloads nach einem Formular',
    openGateLabel: 'Downloads mit einem Klick (offenes Tor)',
    decisionGranted: 'erteilt',
    decisionDenied: 'abgelehnt',
    decisionWithdrawn: 'widerrufen',
    decisionConfirmed: 'bestätigt',
    notFoundTitle: 'Diese Seite gibt es nicht.',
  },
}

/** `{name}` placeholders filled in. */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (match, name: string) =>
    Object.hasOwn(values, name) ? String(values[name]) : match,
  )
}

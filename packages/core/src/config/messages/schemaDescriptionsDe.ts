const idRule = 'ein Buchstabe, dann bis zu 63 Buchstaben, Ziffern, "_" oder "-".'

/**
 * The German descriptions of the config schema, keyed by the English description written with
 * `d('...')` in configSchema.ts (the one source of truth). A test checks that every English
 * description has a German one here.
 */
export const schemaDescriptionsDe: Readonly<Record<string, string>> = {
  'Where your editor finds the JSON Schema, for autocompletion and checks while you type: "./node_modules/@trickle/core/dist/schema.json". Trickle itself ignores it.':
    'Wo Ihr Editor das JSON Schema findet, für Autovervollständigung und Prüfung beim Tippen: "./node_modules/@trickle/core/dist/schema.de.json". Trickle selbst ignoriert es.',
  'Config format version. Always 1.': 'Version des Konfigurationsformats. Immer 1.',
  'A language tag such as "en", "de" or "de-CH".': 'Ein Sprachcode wie "en", "de" oder "de-CH".',
  'Languages of the texts; the first is the default. Default ["en"].':
    'Sprachen der Texte; die erste ist die Standardsprache. Standard ["en"].',
  'Link to the privacy policy, shown with every consent.':
    'Link zur Datenschutzerklärung, bei jeder Einwilligung angezeigt.',
  'Link to the legal notice (imprint).': 'Link zum Impressum.',
  'Links shown with the forms.': 'Links, die bei den Formularen angezeigt werden.',
  'Purpose id: a letter, then up to 63 letters, digits, "_" or "-".': `ID des Zwecks: ${idRule}`,
  'Legal basis (GDPR Art. 6): "consent" needs an unticked checkbox and a text; "contract" and "legitimate-interest" need none.':
    'Rechtsgrundlage (DSGVO Art. 6): "consent" braucht eine nicht angekreuzte Checkbox und einen Text; "contract" und "legitimate-interest" brauchen keine.',
  'One text for every language.': 'Ein Text für alle Sprachen.',
  'The text in this language.': 'Der Text in dieser Sprache.',
  'One text per language, keyed by language tag: {"en": "...", "de": "..."}.':
    'Ein Text pro Sprache, nach Sprachcode: {"en": "...", "de": "..."}.',
  'Short name shown to visitors, e.g. "Newsletter".':
    'Kurzer Name, den Besucher sehen, z. B. "Newsletter".',
  'The exact consent text shown next to the checkbox. Required for "consent" purposes, in every configured locale.':
    'Der genaue Einwilligungstext neben der Checkbox. Pflicht für Zwecke mit "consent", in jeder konfigurierten Sprache.',
  'Version of the consent text and processing. Raise it when either changes. Default 1.':
    'Version von Einwilligungstext und Verarbeitung. Erhöhen Sie sie, wenn sich eines davon ändert. Standard 1.',
  'Oldest consent version that still counts. Default: the current version, so any bump asks again; set it lower after a non-material edit.':
    'Älteste Einwilligungsversion, die noch gilt. Standard: die aktuelle Version, also fragt jede Erhöhung neu; setzen Sie sie nach einer unwesentlichen Änderung niedriger.',
  'Days after which a consent is asked again (e.g. 730). Default: never.':
    'Tage, nach denen eine Einwilligung erneut erfragt wird (z. B. 730). Standard: nie.',
  'Consent counts only after the visitor clicks a confirmation link (German practice for e-mail marketing). Default false.':
    'Die Einwilligung gilt erst, wenn der Besucher einen Bestätigungslink anklickt (Double-Opt-in, in Deutschland üblich für E-Mail-Marketing). Standard false.',
  'With doubleOptIn: days the confirmation link works; an unconfirmed consent then lapses and is offered again. Default 30.':
    'Mit doubleOptIn: Tage, die der Bestätigungslink gilt; eine unbestätigte Einwilligung verfällt danach und wird erneut angeboten. Standard 30.',
  'Days a value collected for this purpose is kept; then the retention run erases it, unless another purpose of its field still holds it. Default: kept until withdrawn or erased.':
    'Tage, die ein für diesen Zweck erhobener Wert aufbewahrt wird; danach löscht ihn der Aufbewahrungslauf, sofern kein anderer Zweck seines Feldes ihn noch braucht. Standard: aufbewahrt bis zum Widerruf oder zur Löschung.',
  'Why data is processed, with its legal basis.':
    'Warum Daten verarbeitet werden, mit der Rechtsgrundlage.',
  'Why data is processed.': 'Warum Daten verarbeitet werden.',
  'Field id: a letter, then up to 63 letters, digits, "_" or "-".': `ID des Feldes: ${idRule}`,
  'How the field is asked and validated.': 'Wie das Feld abgefragt und geprüft wird.',
  'The question shown to visitors.': 'Die Frage, die Besucher sehen.',
  'A hint below the field.': 'Ein Hinweis unter dem Feld.',
  'Example input shown inside an empty field.': 'Beispieleingabe, die im leeren Feld steht.',
  'Ids of the purposes this field serves (at least one: data minimisation).':
    'IDs der Zwecke, denen dieses Feld dient (mindestens einer: Datenminimierung).',
  'Whether an answer is required when the field is asked. Default true. A skipped optional field goes to the back of the queue.':
    'Ob eine Antwort Pflicht ist, wenn das Feld gefragt wird. Standard true. Ein übersprungenes optionales Feld kommt ans Ende der Warteschlange.',
  'The value stored when this option is picked.':
    'Der Wert, der gespeichert wird, wenn diese Option gewählt wird.',
  'What the visitor sees.': 'Was der Besucher sieht.',
  'One choice of a select, radio or multiselect field.':
    'Eine Auswahlmöglichkeit eines select-, radio- oder multiselect-Feldes.',
  'Choices, required for select, radio and multiselect.':
    'Auswahlmöglichkeiten, Pflicht für select, radio und multiselect.',
  'Minimum number of characters.': 'Mindestanzahl an Zeichen.',
  'Maximum number of characters.': 'Höchstanzahl an Zeichen.',
  'Smallest number allowed (number fields).': 'Kleinste erlaubte Zahl (Zahlenfelder).',
  'Largest number allowed (number fields).': 'Größte erlaubte Zahl (Zahlenfelder).',
  'A regular expression the whole answer must match (at most 200 characters).':
    'Ein regulärer Ausdruck, dem die ganze Antwort entsprechen muss (höchstens 200 Zeichen).',
  'The HTML autocomplete token, e.g. "email", "organization", "tel".':
    'Das HTML-autocomplete-Token, z. B. "email", "organization", "tel".',
  'Days after which a collected answer is stale and asked again. Default: never.':
    'Tage, nach denen eine Antwort veraltet ist und erneut gefragt wird. Standard: nie.',
  'Ask this field only when the condition holds, e.g. {"field": "jobRole", "in": ["head"]}.':
    'Dieses Feld nur fragen, wenn die Bedingung erfüllt ist, z. B. {"field": "jobRole", "in": ["head"]}.',
  "Never keep this value in the visitor's browser (only on the server). Default false.":
    'Diesen Wert nie im Browser des Besuchers speichern (nur auf dem Server). Standard false.',
  'One piece of profile data.': 'Eine Angabe im Profil.',
  'The field catalogue.': 'Der Feldkatalog.',
  'Form id: a letter, then up to 63 letters, digits, "_" or "-".': `ID des Formulars: ${idRule}`,
  'Fields asked on every visit (e.g. the e-mail); they do not count towards perVisit.':
    'Felder, die bei jedem Besuch gefragt werden (z. B. die E-Mail); sie zählen nicht zu perVisit.',
  'The queue: unknown or stale fields are asked in this order, perVisit at a time.':
    'Die Warteschlange: Unbekannte oder veraltete Felder werden in dieser Reihenfolge gefragt, jeweils perVisit viele.',
  'How many new fields to ask per visit (0 to 20). Default 3.':
    'Wie viele neue Felder pro Besuch gefragt werden (0 bis 20). Standard 3.',
  'Consent purposes offered as separate, unticked checkboxes.':
    'Einwilligungszwecke, angeboten als getrennte, nicht angekreuzte Checkboxen.',
  'Let a visitor with nothing left to ask download with one click, without a form. Default true.':
    'Besucher, die nichts mehr gefragt werden, laden mit einem Klick herunter, ohne Formular. Standard true.',
  'A form in front of a download (a gate).': 'Ein Formular vor einem Download (ein Gate).',
  'The forms (gates) and their progressive sequences.':
    'Die Formulare (Gates) und ihre schrittweisen Sequenzen.',
  'Destination id: a letter, then up to 63 letters, digits, "_" or "-".': `ID des Ziels: ${idRule}`,
  'The kind of service: "webhook" (signed HTTPS POSTs, Standard Webhooks) or "hubspot" (HubSpot Forms Submission API v3).':
    'Die Art des Dienstes: "webhook" (signierte HTTPS-POSTs, Standard Webhooks) oder "hubspot" (HubSpot Forms Submission API v3).',
  "Purposes this service is used for. A value is sent only while one of its field's purposes is in this list and usable (not consent-based, or consented).":
    'Zwecke, für die dieser Dienst genutzt wird. Ein Wert wird nur gesendet, solange einer der Zwecke seines Feldes in dieser Liste steht und nutzbar ist (nicht einwilligungsbasiert oder eingewilligt).',
  'What is sent: "submission", "consent" (changes), "erasure". Default all three.':
    'Was gesendet wird: "submission", "consent" (Änderungen), "erasure". Standard: alle drei.',
  'A webhook. Its URL and signing secret come from TRICKLE_DESTINATION_<ID>_URL and _SECRET.':
    'Ein Webhook. URL und Signaturschlüssel kommen aus TRICKLE_DESTINATION_<ID>_URL und _SECRET.',
  'The HubSpot account id (digits).': 'Die HubSpot-Account-ID (Ziffern).',
  'Form id -> the GUID of the HubSpot form its submissions go to.':
    'Formular-ID -> die GUID des HubSpot-Formulars, an das seine Einsendungen gehen.',
  'Field id -> HubSpot property name. Map the email field.':
    'Feld-ID -> Name der HubSpot-Eigenschaft. Ordnen Sie das E-Mail-Feld zu.',
  'A HubSpot subscription type id.': 'Die ID eines HubSpot-Abonnementtyps.',
  'Consent purpose id -> HubSpot subscription type id.':
    'ID des Einwilligungszwecks -> ID des HubSpot-Abonnementtyps.',
  'The hubspotutk cookie is sent only while this consent purpose is granted.':
    'Das hubspotutk-Cookie wird nur gesendet, solange in diesen Zweck eingewilligt ist.',
  'HubSpot. Its private-app token comes from TRICKLE_DESTINATION_<ID>_SECRET.':
    'HubSpot. Das Token der privaten App kommt aus TRICKLE_DESTINATION_<ID>_SECRET.',
  'Services (CRMs, webhooks) that receive leads and consent changes.':
    'Dienste (CRMs, Webhooks), die Leads und Einwilligungsänderungen erhalten.',
  'A Trickle progressive profiling config.':
    'Eine Trickle-Konfiguration für Progressive Profiling.',
  'True when every condition is true.': 'Wahr, wenn jede Bedingung wahr ist.',
  'All conditions must hold.': 'Alle Bedingungen müssen erfüllt sein.',
  'The field whose answer is compared: a letter, then up to 63 letters, digits, "_" or "-".': `Das Feld, dessen Antwort verglichen wird: ${idRule}`,
  'True when the answer equals this value.': 'Wahr, wenn die Antwort diesem Wert entspricht.',
  'True when the field\'s answer equals a value: {"field": "jobRole", "equals": "it"}.':
    'Wahr, wenn die Antwort des Feldes einem Wert entspricht: {"field": "jobRole", "equals": "it"}.',
  'True when the answer is one of these values.': 'Wahr, wenn die Antwort einer dieser Werte ist.',
  'True when the field\'s answer is one of several values: {"field": "jobRole", "in": ["c-level", "head"]}.':
    'Wahr, wenn die Antwort des Feldes einer von mehreren Werten ist: {"field": "jobRole", "in": ["c-level", "head"]}.',
  'The field that must be known (or unknown): a letter, then up to 63 letters, digits, "_" or "-".': `Das Feld, das bekannt (oder unbekannt) sein muss: ${idRule}`,
  'true: the field has a usable value; false: it has none.':
    'true: Das Feld hat einen nutzbaren Wert; false: Es hat keinen.',
  'True when a field is (or is not) known: {"field": "company", "known": true}.':
    'Wahr, wenn ein Feld bekannt (oder nicht bekannt) ist: {"field": "company", "known": true}.',
  'True while this purpose is consented to.': 'Wahr, solange in diesen Zweck eingewilligt ist.',
  'True while the visitor has consented to a purpose: {"consented": "sales"}.':
    'Wahr, solange der Besucher in einen Zweck eingewilligt hat: {"consented": "sales"}.',
  'True when at least one condition is true.': 'Wahr, wenn mindestens eine Bedingung wahr ist.',
  'At least one condition must hold.': 'Mindestens eine Bedingung muss erfüllt sein.',
  'The condition that must be false.': 'Die Bedingung, die falsch sein muss.',
  'The condition must not hold.': 'Die Bedingung darf nicht erfüllt sein.',
}

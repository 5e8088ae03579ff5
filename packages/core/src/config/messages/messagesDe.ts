import type { Vocabulary } from '../configWords'
import type { MessageCatalog } from './messagesEn'

export const vocabularyDe: Vocabulary = {
  theConfig: 'die Konfiguration',
  nouns: { purpose: 'Zweck', field: 'Feld', form: 'Formular', destination: 'Ziel' },
  list: 'eine Liste',
  object: 'ein Objekt',
  notJson: (type) => `ein Wert vom Typ ${type} (kein JSON)`,
  andMore: (count) => `und ${count} weitere`,
  didYouMean: (suggestion) => `Meinten Sie ${JSON.stringify(suggestion)}?`,
}

const conditionForms =
  'Schreiben Sie sie als {"field": ..., "equals": ...}, {"field": ..., "in": [...]}, {"field": ..., "known": true}, {"consented": ...}, {"all": [...]}, {"any": [...]} oder {"not": {...}}.'
const languageTag =
  'Verwenden Sie einen kleingeschriebenen Sprachcode, optional mit großgeschriebener Region, etwa "en", "de" oder "de-CH".'

const expected: Readonly<Record<string, string>> = {
  string: 'ein Text in Anführungszeichen',
  number: 'eine Zahl',
  boolean: 'true oder false',
  array: 'eine Liste in eckigen Klammern [...]',
  object: 'ein Objekt in geschweiften Klammern {...}',
  record: 'ein Text pro Sprache ({"de": "..."})',
}

const units = { characters: 'Zeichen', entries: 'Einträge' } as const
const kinds = {
  label: 'eine Beschriftung',
  consent: 'ein Einwilligungstext',
  option: 'die Beschriftung einer Option',
  help: 'ein Hilfetext',
  text: 'ein Text',
} as const
const quoted = (items: readonly string[]): string[] => items.map((each) => `"${each}"`)

/** The German config issue messages: the same facts as the English ones, for marketers. */
export const messagesDe: MessageCatalog = {
  'not-json': (p, w) =>
    `${w.at(p.path)} enthält sich selbst (eine zirkuläre Struktur), das kann JSON nicht ausdrücken. Übergeben Sie die Konfiguration als geparstes JSON.`,
  'too-deep': (p, w) =>
    `Die Konfiguration ist bei ${w.at(p.path)} mehr als ${p.max} Ebenen tief verschachtelt. Machen Sie sie flacher, z. B. indem Sie Bedingungen in einer "all"-Liste zusammenfassen, statt sie zu verschachteln.`,
  'invalid-condition.combined': (p, w) =>
    `Die Bedingung bei ${w.at(p.path)} kombiniert ${p.keys.map((key) => `"${key}"`).join(' und ')} in einem Objekt. Verwenden Sie eines pro Objekt und verschachteln Sie sie, z. B. {"all": [{"any": [...]}, {"not": {...}}]}.`,
  unreadable: (p) =>
    `Die Konfiguration konnte nicht gelesen werden (${p.reason}). Übergeben Sie einfaches geparstes JSON, z. B. das Ergebnis von JSON.parse.`,

  'not-integer': (p, w) => `${w.at(p.path)} muss eine ganze Zahl sein, nicht ${w.q(p.value)}.`,
  'wrong-type': (p, w) =>
    `${w.at(p.path)} muss ${expected[p.expected] ?? p.expected} sein, nicht ${w.q(p.value)}.`,
  'wrong-type.equals': (p, w) =>
    `${w.at(p.path)} muss ein Text, eine Zahl, true oder false sein, nicht ${w.q(p.value)}.`,
  'wrong-type.in': (p, w) =>
    `${w.at(p.path)} muss ein Text oder eine Zahl sein, nicht ${w.q(p.value)}.`,
  'wrong-type.text': (p, w) =>
    `${w.at(p.path)} muss ein Text ("...") oder ein Text pro Sprache ({"en": "...", "de": "..."}) sein, nicht ${w.q(p.value)}.`,
  'wrong-type.condition': (p, w) =>
    `${w.at(p.path)} muss ein Bedingungsobjekt sein, nicht ${w.q(p.value)}. ${conditionForms}`,
  'invalid-value': (p, w) =>
    `${w.at(p.path)} ist ${w.q(p.value)}; verwenden Sie ${p.allowed.length === 1 ? '' : 'einen dieser Werte: '}${p.allowed.map((each) => w.q(each)).join(', ')}.`,
  'invalid-value.other': (p, w) => `${w.at(p.path)} hat einen Wert, der hier nicht erlaubt ist.`,
  'invalid-value.portal': (p, w) =>
    `${w.at(p.path)} ist ${w.q(p.value)}; verwenden Sie Ihre HubSpot-Account-ID, nur Ziffern (Einstellungen > Kontodetails).`,
  'invalid-value.format': (p, w) => `${w.at(p.path)} hat das falsche Format: ${w.q(p.value)}.`,
  'missing-property': (p, w) =>
    `${w.at(p.path)} fehlt die Pflichtangabe "${p.key}"${p.description === undefined ? '' : ` (${p.description.replace(/\.$/, '')})`}. Ergänzen Sie sie.`,
  'unknown-property': (p, w) => `Unbekannte Eigenschaft ${w.q(p.key)} in ${w.at(p.path)}.`,
  'unknown-property.remove': (p, w) =>
    `Unbekannte Eigenschaft ${w.q(p.key)} in ${w.at(p.path)}. Entfernen Sie sie.${p.allowed.length > 0 ? ` Erlaubt sind hier: ${p.allowed.join(', ')}.` : ''}`,
  'invalid-condition.both': (p, w) =>
    `Die Bedingung bei ${w.at(p.path)} hat sowohl ${p.keys.map((each) => `"${each}"`).join(' als auch ')}; eine Bedingung prüft genau eine Sache. Behalten Sie eine, oder fassen Sie mehrere in {"all": [...]} zusammen.`,
  'invalid-condition.no-test': (p, w) =>
    `Die Bedingung bei ${w.at(p.path)} nennt ein Feld, aber keinen Test. Ergänzen Sie "equals", "in" oder "known".`,
  'invalid-condition': (p, w) => `${w.at(p.path)} ist keine Bedingung. ${conditionForms}`,
  'reserved-id': (p, w) =>
    `${w.at(p.path)} ist ${w.q(p.value)}, ein Name, den JavaScript für jedes Objekt reserviert. Wählen Sie eine andere ID.`,
  'invalid-id': (p, w) =>
    `${w.at(p.path)} ist ${w.q(p.value)}, das ist keine gültige ID. Beginnen Sie mit einem Buchstaben, danach bis zu 63 Buchstaben, Ziffern, "_" oder "-" (keine Leerzeichen).`,
  'invalid-link': (p, w) =>
    `${w.at(p.path)} ist ${w.q(p.value)}: Verwenden Sie https://, http://, mailto: oder einen Pfad auf dieser Website wie "/datenschutz" (ohne Leerzeichen). Andere Links, etwa javascript:, könnten im Browser Code ausführen.`,
  'invalid-locale': (p, w) =>
    `${w.q(p.value)} ${p.key ? 'in' : 'bei'} ${w.at(p.container)} ist kein Sprachcode. ${languageTag}`,
  'too-short.empty': (p, w) =>
    `${w.at(p.path)} ist leer. Füllen Sie es aus oder entfernen Sie die Eigenschaft.`,
  'too-short': (p, w) => `${w.at(p.path)} braucht mindestens ${p.limit} ${units[p.unit]}.`,
  'too-long': (p, w) =>
    `${w.at(p.path)} hat ${p.length} ${units[p.unit]}; erlaubt sind höchstens ${p.limit}. Kürzen Sie es.`,
  'out-of-range': (p, w) =>
    `${w.at(p.path)} muss ${p.small ? 'mindestens' : 'höchstens'} ${p.limit} sein, nicht ${w.q(p.value)}.`,

  'duplicate-locale': (p, w) =>
    `Die Sprache ${w.q(p.locale)} steht zweimal in locales. Entfernen Sie den zweiten Eintrag.`,
  'duplicate-id': (p, w) =>
    `Die ID ${w.q(p.id)} wird schon von ${p.first} verwendet. IDs müssen eindeutig sein: Benennen Sie eine davon um.`,

  'missing-consent-text.purpose': (p, w) =>
    `${w.name(p.purpose)} fragt nach einer Einwilligung, hat aber keinen "text". Ergänzen Sie "text": den genauen Wortlaut neben der Checkbox, in jeder konfigurierten Sprache${p.locales === undefined ? '' : ` (${w.list(p.locales)})`}.`,
  'require-version-above-version': (p, w) =>
    `${w.name(p.purpose)} verlangt die Einwilligungsversion ${p.required}, die aktuelle Version ist aber ${p.version}, also könnte keine Einwilligung je gelten. Setzen Sie requireVersion auf ${p.version} oder niedriger.`,
  'setting-ignored.basis': (p, w) =>
    `${p.key} von ${w.name(p.purpose)} wird ignoriert: Es gilt nur für Zwecke mit der Rechtsgrundlage "consent", und dieser hat ${w.q(p.basis)}. Entfernen Sie es oder ändern Sie die Rechtsgrundlage.`,

  'unknown-purpose': (p, w) =>
    `Es gibt keinen Zweck ${w.q(p.id)} in purposes. Verwenden Sie einen von: ${w.list(p.known) || '(noch keine)'}.`,
  'duplicate-reference.purpose': (p, w) =>
    `Der Zweck ${w.q(p.id)} steht zweimal bei ${w.name(p.field)}. Entfernen Sie den zweiten Eintrag.`,
  'missing-options': (p, w) =>
    `${w.name(p.field)} ist vom Typ ${p.type}, hat aber keine Optionen zur Auswahl. Ergänzen Sie "options": [{"value": "...", "label": "..."}, ...].`,
  'duplicate-option': (p, w) =>
    `${w.name(p.field)} hat den Optionswert ${w.q(p.value)} zweimal (options[${p.first}] und options[${p.second}]). Die Antworten wären nicht zu unterscheiden: Geben Sie jeder Option einen eigenen Wert.`,
  'min-above-max': (p, w) =>
    `${w.name(p.field)} hat ${p.low} ${p.lowValue} über ${p.high} ${p.highValue}, also könnte keine Antwort gültig sein. Senken Sie ${p.low} oder erhöhen Sie ${p.high}.`,
  'setting-ignored.type': (p, w) =>
    `${p.key} von ${w.name(p.field)} wird ignoriert: Es gilt für Felder vom Typ ${p.types.join(', ')}, und dieses Feld ist vom Typ ${p.type}. Entfernen Sie es oder ändern Sie den Typ.`,
  'invalid-pattern': (p, w) =>
    `Das Muster (pattern) von ${w.name(p.field)} ist kein gültiger regulärer Ausdruck (${p.reason}). Korrigieren oder entfernen Sie es.`,
  'invalid-pattern.engine': (p, w) =>
    `Das Muster (pattern) von ${w.name(p.field)} ${p.unsupported === undefined ? `wird abgelehnt (${p.reason ?? ''})` : `verwendet ${p.unsupported}`}; das kann die Linearzeit-Engine des Servers (RE2) nicht ausführen. Schreiben Sie es ohne das.`,

  'condition-self-reference': (p, w) =>
    `Das askIf von Feld ${w.q(p.id)} hängt von seiner eigenen Antwort ab, also könnte es nie gefragt werden. Lassen Sie es von einem anderen Feld abhängen.`,
  'condition-on-sensitive-field': (p, w) =>
    `Diese Bedingung hängt von ${w.q(p.id)} ab, einem sensiblen Feld, dessen Antwort nie im Browser gespeichert wird: Bei späteren Besuchen wird die Bedingung ohne sie ausgewertet. Lassen Sie sie von einem nicht sensiblen Feld abhängen.`,
  'unknown-option': (p, w) =>
    `Feld ${w.q(p.id)} hat keine Option ${w.q(p.value)}, also ist dieser Test nie wahr. Verwenden Sie eine von: ${w.list(p.values.map((each) => w.q(each)))}.`,
  'not-a-consent-purpose.condition': (p, w) =>
    `Diese Bedingung prüft die Einwilligung zu ${w.q(p.id)}, aber dieser Zweck hat die Rechtsgrundlage ${w.q(p.basis)}: Niemand willigt darin ein. Prüfen Sie einen Zweck mit der Rechtsgrundlage "consent".`,
  'condition-cycle': (p, w) =>
    `askIf-Bedingungen drehen sich im Kreis: ${p.ids.map((id) => w.q(id)).join(' -> ')}. Jedes dieser Felder wartet auf das nächste, also wird keines je gefragt. Entfernen Sie eine dieser Bedingungen.`,

  'field-twice-in-form': (p, w) =>
    `Feld ${w.q(p.id)} steht schon in ${p.first} von ${w.name(p.form)}. Ein Feld hat pro Formular einen Platz: Entfernen Sie diesen.`,
  'unknown-field': (p, w) =>
    `Es gibt kein Feld ${w.q(p.id)} in fields. Ergänzen Sie es in fields oder verwenden Sie eines von: ${w.list(p.known) || '(noch keine)'}.`,
  'duplicate-reference.consent': (p, w) =>
    `Die Einwilligung ${w.q(p.id)} wird in ${w.name(p.form)} zweimal angeboten. Entfernen Sie den zweiten Eintrag.`,
  'not-a-consent-purpose.offered': (p, w) =>
    `${w.name(p.form)} bietet eine Einwilligungs-Checkbox für ${w.q(p.id)} an, aber dieser Zweck hat die Rechtsgrundlage ${w.q(p.basis)} und braucht keine Einwilligung. Entfernen Sie ihn aus offerConsents oder ändern Sie seine Rechtsgrundlage in "consent".`,
  'sequence-needs-consent': (p, w) =>
    `Jedes Feld in der Sequenz von ${w.name(p.form)} braucht eine Einwilligung, die dieses Formular nicht anbietet (${w.list(p.needed)}), also fragt das Formular nichts Neues, bis der Besucher anderswo eingewilligt hat. Ergänzen Sie ${w.list(quoted(p.needed))} in offerConsents, oder nehmen Sie Felder ohne Einwilligungszwecke in die Sequenz.`,
  'consent-not-offered': (p, w) =>
    `Feld ${w.q(p.id)} dient ${w.list(quoted(p.missing))}, das ${w.name(p.form)} nicht anbietet, also wird es erst gefragt, wenn der Besucher anderswo eingewilligt hat. Ergänzen Sie ${w.list(quoted(p.missing))} in offerConsents, wenn es hier gefragt werden soll.`,
  'per-visit-zero': (p, w) =>
    `${w.name(p.form)} hat perVisit 0 und keine always-Felder, fragt also nie etwas${p.sequence > 0 ? ` (keines der ${p.sequence} Felder seiner Sequenz)` : ''}. Schreiben Sie stattdessen die Zahl neuer Felder pro Besuch, z. B. "perVisit": 2, oder entfernen Sie perVisit, dann werden 3 gefragt (der Standard).`,

  'consent-text-single-language': (p, w) =>
    `Der Einwilligungstext bei ${w.at(p.path)} ist ein einziger Text für alle Sprachen (${w.list(p.locales)}). Besucher willigen in das ein, was sie lesen: Geben Sie ihn pro Sprache an, z. B. {${w.list(p.locales.map((locale) => `"${locale}": "..."`))}}.`,
  'empty-text': (p, w) => `${w.at(p.path)} hat in keiner Sprache einen Text. Ergänzen Sie einen.`,
  'invalid-locale.text-key': (p, w) =>
    `${w.q(p.key)} in ${w.at(p.path)} ist kein Sprachcode. ${languageTag}`,
  'unconfigured-locale': (p, w) =>
    `${w.at(p.path)} hat einen ${w.q(p.key)}-Text, aber ${w.q(p.key)} steht nicht in locales (${w.list(p.locales)}). Ergänzen Sie die Sprache in locales oder entfernen Sie diesen Text.`,
  'missing-consent-text': (p, w) =>
    `Der Einwilligungstext bei ${w.at(p.path)} hat keine Fassung für ${w.list(quoted(p.missing))}. Besucher müssen den genauen Text, in den sie einwilligen, in ihrer Sprache lesen: Ergänzen Sie ${w.list(quoted(p.missing))}.`,
  'missing-translation': (p, w) =>
    `${w.at(p.path)} hat keinen Text für ${w.list(quoted(p.missing))}; ${
      p.fallbacks.length === 1
        ? `diese Besucher sehen stattdessen den ${w.q(p.fallbacks[0]?.fallback)}-Text`
        : p.fallbacks
            .map(
              ({ fallback, locales }) =>
                `Besucher mit ${w.list(quoted(locales))} sehen den ${w.q(fallback)}-Text`,
            )
            .join(', ')
    }. Ergänzen Sie ${w.list(quoted(p.missing))}.`,
  'text-too-long': (p, w) =>
    `${w.at(p.path)} hat ${p.length} Zeichen; ${kinds[p.kind]} braucht selten mehr als ${p.limit}. Lange Texte in einem Formular werden übersprungen: Kürzen Sie ihn und verlinken Sie die Details (z. B. links.privacy).`,

  'duplicate-env-name': (p, w) =>
    `Die Ziele ${w.q(p.first)} und ${w.q(p.id)} würden beide ${p.url} und ${p.secret} lesen (IDs werden großgeschrieben, aus "-" wird "_"). Benennen Sie eines um.`,
  'duplicate-reference.destination': (p, w) =>
    `${w.q(p.item)} steht zweimal in destinations[${p.index}].${p.key}. Entfernen Sie den zweiten Eintrag.`,
  'unknown-form': (p, w) =>
    `Es gibt kein Formular ${w.q(p.id)} in forms. Verwenden Sie eines von: ${w.list(p.known) || '(noch keine)'}.`,
  'field-never-sent': (p, w) =>
    `Feld ${w.q(p.id)} dient ${w.list(quoted(p.purposes))}, von denen dieses Ziel keinen bedient, also wird sein Wert nie gesendet. Ergänzen Sie einen davon in den purposes des Ziels, oder entfernen Sie die Zuordnung.`,
  'missing-email-field': () =>
    `HubSpot legt Kontakte nur mit einer E-Mail-Adresse an, aber kein hier zugeordnetes Feld hat den Typ "email". Ordnen Sie Ihr E-Mail-Feld zu, z. B. "email": "email".`,
  'not-a-consent-purpose.destination': (p, w) =>
    `Der Zweck ${w.q(p.id)} hat die Rechtsgrundlage ${w.q(p.basis)}, aber ${p.subscription ? 'ein Abonnement darf nur auf eine Einwilligung der Person folgen' : 'das HubSpot-Cookie des Besuchers mit einer Person zu verknüpfen braucht eine eigene Einwilligung'}. Nennen Sie einen Zweck mit der Rechtsgrundlage "consent".`,
  'purpose-not-served': (p, w) =>
    `Der Zweck ${w.q(p.id)} steht nicht in den purposes dieses Ziels, also erreichen es seine Einwilligungen nie. Ergänzen Sie ${w.q(p.id)} in purposes, oder entfernen Sie das Abonnement.`,
  'unused-field': (p, w) =>
    `Feld ${w.q(p.id)} steht in keinem always und keiner sequence eines Formulars, wird also nie gefragt. Nehmen Sie es in ein Formular auf oder entfernen Sie es.`,
  'unused-purpose': (p, w) =>
    `Zweck ${w.q(p.id)} wird von keinem Feld bedient, von keinem Formular angeboten und von keiner Bedingung geprüft. Verwenden oder entfernen Sie ihn.`,

  'duplicate-key': (p, w) =>
    `${w.q(p.key)} steht zweimal in ${w.at(p.path)} (Zeilen ${p.firstLine} und ${p.line}). JSON behält nur den letzten Eintrag, der erste geht stillschweigend verloren: Entfernen Sie einen davon oder führen Sie beide zusammen.`,
}

import type { EntryRef, Path, Vocabulary, Words } from '../configWords'

export const vocabularyEn: Vocabulary = {
  theConfig: 'the config',
  nouns: { purpose: 'purpose', field: 'field', form: 'form', destination: 'destination' },
  list: 'a list',
  object: 'an object',
  notJson: (type) => `a ${type} (not JSON)`,
  andMore: (count) => `and ${count} more`,
  didYouMean: (suggestion) => `Did you mean ${JSON.stringify(suggestion)}?`,
}

const conditionForms =
  'Write it as {"field": ..., "equals": ...}, {"field": ..., "in": [...]}, {"field": ..., "known": true}, {"consented": ...}, {"all": [...]}, {"any": [...]} or {"not": {...}}.'
const languageTag =
  'Use a lower-case language code with an optional upper-case region, such as "en", "de" or "de-CH".'

const expected: Readonly<Record<string, string>> = {
  string: 'a text in quotes',
  number: 'a number',
  boolean: 'true or false',
  array: 'a list in square brackets [...]',
  object: 'an object in curly braces {...}',
  record: 'one text per language ({"en": "..."})',
}

/**
 * The English config issue messages: the source of truth for which messages exist. Keys are
 * issue codes, or `code.variant` where one code has several messages. Each message says what is
 * wrong, where, and what to change.
 */
export const messagesEn = {
  // guardConfigInput
  'not-json': (p: { path: Path }, w: Words) =>
    `${w.at(p.path)} contains itself (a circular structure), which JSON cannot express. Pass the config as parsed JSON.`,
  'too-deep': (p: { max: number; path: Path }, w: Words) =>
    `The config nests more than ${p.max} levels deep at ${w.at(p.path)}. Flatten it, e.g. combine conditions in one "all" list instead of nesting them.`,
  'invalid-condition.combined': (p: { path: Path; keys: string[] }, w: Words) =>
    `The condition at ${w.at(p.path)} combines ${p.keys.map((key) => `"${key}"`).join(' and ')} in one object. Use one per object and nest them, e.g. {"all": [{"any": [...]}, {"not": {...}}]}.`,
  unreadable: (p: { reason: string }) =>
    `The config could not be read (${p.reason}). Pass plain parsed JSON, e.g. the result of JSON.parse.`,

  // mapZodIssues
  'not-integer': (p: { path: Path; value: unknown }, w: Words) =>
    `${w.at(p.path)} must be a whole number, not ${w.q(p.value)}.`,
  'wrong-type': (p: { path: Path; expected: string; value: unknown }, w: Words) =>
    `${w.at(p.path)} must be ${expected[p.expected] ?? p.expected}, not ${w.q(p.value)}.`,
  'wrong-type.equals': (p: { path: Path; value: unknown }, w: Words) =>
    `${w.at(p.path)} must be a text, a number, true or false, not ${w.q(p.value)}.`,
  'wrong-type.in': (p: { path: Path; value: unknown }, w: Words) =>
    `${w.at(p.path)} must be a text or a number, not ${w.q(p.value)}.`,
  'wrong-type.text': (p: { path: Path; value: unknown }, w: Words) =>
    `${w.at(p.path)} must be a text ("...") or one text per language ({"en": "...", "de": "..."}), not ${w.q(p.value)}.`,
  'wrong-type.condition': (p: { path: Path; value: unknown }, w: Words) =>
    `${w.at(p.path)} must be a condition object, not ${w.q(p.value)}. ${conditionForms}`,
  'invalid-value': (p: { path: Path; value: unknown; allowed: unknown[] }, w: Words) =>
    `${w.at(p.path)} is ${w.q(p.value)}; use ${p.allowed.length === 1 ? '' : 'one of '}${p.allowed.map((each) => w.q(each)).join(', ')}.`,
  'invalid-value.other': (p: { path: Path }, w: Words) =>
    `${w.at(p.path)} has a value that is not allowed here.`,
  'invalid-value.portal': (p: { path: Path; value: unknown }, w: Words) =>
    `${w.at(p.path)} is ${w.q(p.value)}; use your HubSpot account id, digits only (Settings > Account details).`,
  'invalid-value.format': (p: { path: Path; value: unknown }, w: Words) =>
    `${w.at(p.path)} has the wrong format: ${w.q(p.value)}.`,
  'missing-property': (
    p: { path: Path; key: string; description?: string | undefined },
    w: Words,
  ) =>
    `${w.at(p.path)} is missing the required property "${p.key}"${p.description === undefined ? '' : ` (${p.description.replace(/\.$/, '')})`}. Add it.`,
  'unknown-property': (p: { path: Path; key: string }, w: Words) =>
    `Unknown property ${w.q(p.key)} in ${w.at(p.path)}.`,
  'unknown-property.remove': (
    p: { path: Path; key: string; allowed: readonly string[] },
    w: Words,
  ) =>
    `Unknown property ${w.q(p.key)} in ${w.at(p.path)}. Remove it.${p.allowed.length > 0 ? ` Allowed here: ${p.allowed.join(', ')}.` : ''}`,
  'invalid-condition.both': (p: { path: Path; keys: string[] }, w: Words) =>
    `The condition at ${w.at(p.path)} has both ${p.keys.map((each) => `"${each}"`).join(' and ')}; a condition tests one thing. Keep one, or combine several in {"all": [...]}.`,
  'invalid-condition.no-test': (p: { path: Path }, w: Words) =>
    `The condition at ${w.at(p.path)} names a field but no test. Add "equals", "in", "known".`,
  'invalid-condition': (p: { path: Path }, w: Words) =>
    `${w.at(p.path)} is not a condition. ${conditionForms}`,
  'reserved-id': (p: { path: Path; value: unknown }, w: Words) =>
    `${w.at(p.path)} is ${w.q(p.value)}, a name JavaScript reserves for every object. Choose another id.`,
  'invalid-id': (p: { path: Path; value: unknown }, w: Words) =>
    `${w.at(p.path)} is ${w.q(p.value)}, which is not a valid id. Use a letter, then up to 63 letters, digits, "_" or "-" (no spaces).`,
  'invalid-link': (p: { path: Path; value: unknown }, w: Words) =>
    `${w.at(p.path)} is ${w.q(p.value)}: use https://, http://, mailto: or a path on this site such as "/privacy" (no spaces). Other links, such as javascript:, could run code in the browser.`,
  'invalid-locale': (p: { value: unknown; container: Path; key: boolean }, w: Words) =>
    `${w.q(p.value)} ${p.key ? 'in' : 'at'} ${w.at(p.container)} is not a language tag. ${languageTag}`,
  'too-short.empty': (p: { path: Path }, w: Words) =>
    `${w.at(p.path)} is empty. Fill it in or remove the property.`,
  'too-short': (p: { path: Path; limit: number; unit: 'characters' | 'entries' }, w: Words) =>
    `${w.at(p.path)} needs at least ${p.limit} ${p.unit}.`,
  'too-long': (
    p: { path: Path; length: number; limit: number; unit: 'characters' | 'entries' },
    w: Words,
  ) => `${w.at(p.path)} has ${p.length} ${p.unit}; at most ${p.limit} are allowed. Shorten it.`,
  'out-of-range': (p: { path: Path; small: boolean; limit: number; value: unknown }, w: Words) =>
    `${w.at(p.path)} must be ${p.small ? 'at least' : 'at most'} ${p.limit}, not ${w.q(p.value)}.`,

  // configCatalog
  'duplicate-locale': (p: { locale: string }, w: Words) =>
    `The locale ${w.q(p.locale)} is listed twice in locales. Remove the second one.`,
  'duplicate-id': (p: { id: string; first: string }, w: Words) =>
    `The id ${w.q(p.id)} is already used by ${p.first}. Ids must be unique: rename one of them.`,

  // checkPurposes
  'missing-consent-text.purpose': (
    p: { purpose: EntryRef; locales: readonly string[] | undefined },
    w: Words,
  ) =>
    `${w.capitalize(w.name(p.purpose))} asks for consent but has no "text". Add "text": the exact words shown next to its checkbox, in every configured language${p.locales === undefined ? '' : ` (${w.list(p.locales)})`}.`,
  'require-version-above-version': (
    p: { purpose: EntryRef; required: number; version: number },
    w: Words,
  ) =>
    `${w.capitalize(w.name(p.purpose))} requires consent version ${p.required}, but its current version is ${p.version}, so no consent could ever count. Set requireVersion to ${p.version} or lower.`,
  'setting-ignored.basis': (p: { key: string; purpose: EntryRef; basis: string }, w: Words) =>
    `${p.key} of ${w.name(p.purpose)} is ignored: it only applies to purposes with basis "consent", and this one has basis ${w.q(p.basis)}. Remove it or change the basis.`,

  // checkFields
  'unknown-purpose': (p: { id: string; known: string[] }, w: Words) =>
    `There is no purpose ${w.q(p.id)} in purposes. Use one of: ${w.list(p.known) || '(none yet)'}.`,
  'duplicate-reference.purpose': (p: { id: string; field: EntryRef }, w: Words) =>
    `Purpose ${w.q(p.id)} is listed twice for ${w.name(p.field)}. Remove the second one.`,
  'missing-options': (p: { field: EntryRef; type: string }, w: Words) =>
    `${w.capitalize(w.name(p.field))} is a ${p.type} but has no options to choose from. Add "options": [{"value": "...", "label": "..."}, ...].`,
  'duplicate-option': (
    p: { field: EntryRef; value: string; first: number; second: number },
    w: Words,
  ) =>
    `${w.capitalize(w.name(p.field))} has the option value ${w.q(p.value)} twice (options[${p.first}] and options[${p.second}]). Answers could not be told apart: give each option its own value.`,
  'min-above-max': (
    p: { field: EntryRef; low: string; lowValue: number; high: string; highValue: number },
    w: Words,
  ) =>
    `${w.capitalize(w.name(p.field))} has ${p.low} ${p.lowValue} above ${p.high} ${p.highValue}, so no answer could be valid. Lower ${p.low} or raise ${p.high}.`,
  'setting-ignored.type': (
    p: { key: string; field: EntryRef; types: readonly string[]; type: string },
    w: Words,
  ) =>
    `${p.key} of ${w.name(p.field)} is ignored: it applies to ${p.types.join(', ')} fields, and this field is a ${p.type}. Remove it or change the type.`,
  'invalid-pattern': (p: { field: EntryRef; reason: string }, w: Words) =>
    `The pattern of ${w.name(p.field)} is not a valid regular expression (${p.reason}). Fix it or remove it.`,
  'invalid-pattern.engine': (
    p: { field: EntryRef; unsupported?: string | undefined; reason?: string | undefined },
    w: Words,
  ) =>
    `The pattern of ${w.name(p.field)} ${p.unsupported === undefined ? `is refused (${p.reason ?? ''})` : `uses ${p.unsupported}`}, which the linear-time engine of the server (RE2) cannot run. Rewrite it without that.`,

  // checkConditions
  'condition-self-reference': (p: { id: string }, w: Words) =>
    `The askIf of field ${w.q(p.id)} depends on its own answer, so it could never be asked. Make it depend on another field.`,
  'condition-on-sensitive-field': (p: { id: string }, w: Words) =>
    `This condition depends on ${w.q(p.id)}, a sensitive field whose answer is never kept in the browser: on later visits the condition is evaluated without it. Depend on a field that is not sensitive.`,
  'unknown-option': (p: { id: string; value: string; values: string[] }, w: Words) =>
    `Field ${w.q(p.id)} has no option ${w.q(p.value)}, so this test is never true. Use one of: ${w.list(p.values.map((each) => w.q(each)))}.`,
  'not-a-consent-purpose.condition': (p: { id: string; basis: string }, w: Words) =>
    `This condition tests consent to ${w.q(p.id)}, but that purpose has basis ${w.q(p.basis)}: nobody consents to it. Test a purpose with basis "consent".`,
  'condition-cycle': (p: { ids: unknown[] }, w: Words) =>
    `askIf conditions go round in a circle: ${p.ids.map((id) => w.q(id)).join(' -> ')}. Each of these fields waits for the next, so none is ever asked. Remove one of these conditions.`,

  // checkForms
  'field-twice-in-form': (p: { id: string; first: string; form: EntryRef }, w: Words) =>
    `Field ${w.q(p.id)} is already in ${p.first} of ${w.name(p.form)}. A field has one place per form: remove this one.`,
  'unknown-field': (p: { id: string; known: string[] }, w: Words) =>
    `There is no field ${w.q(p.id)} in fields. Add it to fields or use one of: ${w.list(p.known) || '(none yet)'}.`,
  'duplicate-reference.consent': (p: { id: string; form: EntryRef }, w: Words) =>
    `Consent ${w.q(p.id)} is offered twice in ${w.name(p.form)}. Remove the second one.`,
  'not-a-consent-purpose.offered': (p: { form: EntryRef; id: string; basis: string }, w: Words) =>
    `${w.capitalize(w.name(p.form))} offers a consent checkbox for ${w.q(p.id)}, but that purpose has basis ${w.q(p.basis)} and needs no consent. Remove it from offerConsents, or change its basis to "consent".`,
  'sequence-needs-consent': (p: { form: EntryRef; needed: string[] }, w: Words) =>
    `Every field in the sequence of ${w.name(p.form)} needs a consent this form does not offer (${w.list(p.needed)}), so the form asks nothing new until the visitor consented elsewhere. Add ${w.list(p.needed.map((id) => `"${id}"`))} to offerConsents, or put fields without consent purposes in the sequence.`,
  'consent-not-offered': (p: { id: string; missing: string[]; form: EntryRef }, w: Words) =>
    `Field ${w.q(p.id)} serves ${w.list(p.missing.map((each) => `"${each}"`))}, which ${w.name(p.form)} does not offer, so it is asked only after the visitor consented elsewhere. Add ${w.list(p.missing.map((each) => `"${each}"`))} to offerConsents if it should be asked here.`,
  'per-visit-zero': (p: { form: EntryRef; sequence: number }, w: Words) =>
    `${w.capitalize(w.name(p.form))} has perVisit 0 and no always fields, so it never asks anything${p.sequence > 0 ? ` (not one of the ${p.sequence} fields of its sequence)` : ''}. Write the number of new fields per visit instead, e.g. "perVisit": 2, or remove perVisit to ask 3 (the default).`,

  // checkTexts
  'consent-text-single-language': (p: { path: Path; locales: readonly string[] }, w: Words) =>
    `The consent text at ${w.at(p.path)} is one text for all of ${w.list(p.locales)}. Visitors consent to what they read: give it per language, e.g. {${w.list(p.locales.map((locale) => `"${locale}": "..."`))}}.`,
  'empty-text': (p: { path: Path }, w: Words) =>
    `${w.at(p.path)} has no text in any language. Add one.`,
  'invalid-locale.text-key': (p: { key: string; path: Path }, w: Words) =>
    `${w.q(p.key)} in ${w.at(p.path)} is not a language tag. ${languageTag}`,
  'unconfigured-locale': (p: { path: Path; key: string; locales: readonly string[] }, w: Words) =>
    `${w.at(p.path)} has a ${w.q(p.key)} text, but ${w.q(p.key)} is not in locales (${w.list(p.locales)}). Add it to locales or remove this text.`,
  'missing-consent-text': (p: { path: Path; missing: string[] }, w: Words) =>
    `The consent text at ${w.at(p.path)} has no ${w.list(p.missing.map((each) => `"${each}"`))} version. Visitors must read the exact text they consent to in their language: add ${w.list(p.missing.map((each) => `"${each}"`))}.`,
  'missing-translation': (
    p: { path: Path; missing: string[]; fallbacks: { fallback: string; locales: string[] }[] },
    w: Words,
  ) =>
    `${w.at(p.path)} has no ${w.list(p.missing.map((each) => `"${each}"`))} text; ${
      p.fallbacks.length === 1
        ? `those visitors see the ${w.q(p.fallbacks[0]?.fallback)} text instead`
        : p.fallbacks
            .map(
              ({ fallback, locales }) =>
                `${w.list(locales.map((each) => `"${each}"`))} visitors see the ${w.q(fallback)} text`,
            )
            .join(', ')
    }. Add ${w.list(p.missing.map((each) => `"${each}"`))}.`,
  'text-too-long': (
    p: {
      path: Path
      kind: 'label' | 'consent' | 'option' | 'help' | 'text'
      length: number
      limit: number
    },
    w: Words,
  ) =>
    `${w.at(p.path)} has ${p.length} characters; a ${p.kind === 'consent' ? 'consent text' : p.kind === 'option' ? 'option label' : p.kind} rarely needs more than ${p.limit}. Visitors skip long texts on a form: shorten it and link to the details (e.g. links.privacy).`,

  // checkDestinations
  'duplicate-env-name': (p: { first: string; id: string; url: string; secret: string }, w: Words) =>
    `Destinations ${w.q(p.first)} and ${w.q(p.id)} would both read ${p.url} and ${p.secret} (ids are upper-cased and "-" becomes "_"). Rename one of them.`,
  'duplicate-reference.destination': (p: { item: string; index: number; key: string }, w: Words) =>
    `${w.q(p.item)} is listed twice in destinations[${p.index}].${p.key}. Remove the second one.`,
  'unknown-form': (p: { id: string; known: string[] }, w: Words) =>
    `There is no form ${w.q(p.id)} in forms. Use one of: ${w.list(p.known) || '(none yet)'}.`,
  'field-never-sent': (p: { id: string; purposes: string[] }, w: Words) =>
    `Field ${w.q(p.id)} serves ${w.list(p.purposes.map((id) => `"${id}"`))}, none of which this destination serves, so its value is never sent. Add one of them to the destination's purposes, or remove the mapping.`,
  'missing-email-field': (_p: object) =>
    `HubSpot makes a contact only from an e-mail address, but no field mapped here has type "email". Map your e-mail field, e.g. "email": "email".`,
  'not-a-consent-purpose.destination': (
    p: { id: string; basis: string; subscription: boolean },
    w: Words,
  ) =>
    `Purpose ${w.q(p.id)} has basis ${w.q(p.basis)}, but ${p.subscription ? 'a subscription may only follow a consent the person gave' : "linking the visitor's HubSpot cookie to a person needs a consent of its own"}. Name a purpose with basis "consent".`,
  'purpose-not-served': (p: { id: string }, w: Words) =>
    `Purpose ${w.q(p.id)} is not in this destination's purposes, so its consents never reach it. Add ${w.q(p.id)} to purposes, or remove the subscription.`,
  'unused-field': (p: { id: string }, w: Words) =>
    `Field ${w.q(p.id)} is in no form's always or sequence, so it is never asked. Add it to a form or remove it.`,
  'unused-purpose': (p: { id: string }, w: Words) =>
    `Purpose ${w.q(p.id)} is served by no field, offered by no form and tested by no condition. Use it or remove it.`,

  // readConfigText
  'duplicate-key': (p: { key: string; path: Path; line: number; firstLine: number }, w: Words) =>
    `${w.q(p.key)} appears twice in ${w.at(p.path)} (lines ${p.firstLine} and ${p.line}). JSON keeps only the last one, so the first is silently lost: remove one of them or merge them.`,
} satisfies Record<string, (params: never, words: Words) => string>

export type MessageKey = keyof typeof messagesEn
export type MessageParams<K extends MessageKey> = Parameters<(typeof messagesEn)[K]>[0]

/** A message catalog in another language: one message for every English one, same parameters. */
export type MessageCatalog = {
  [K in MessageKey]: (params: MessageParams<K>, words: Words) => string
}

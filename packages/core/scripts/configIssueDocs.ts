import type { ConfigIssueCode } from '../src/config/configIssueCodes'

export interface ConfigIssueDoc {
  /** Errors make the config invalid; warnings are reported and the config still loads. */
  severity: 'error' | 'warning'
  /** What it means and how to fix it, for the config reference. */
  meaning: string
}

/**
 * Documentation of every issue code, rendered into docs/config-reference.md. Keyed by the code
 * union, so a new code cannot be added without documenting it.
 */
export const configIssueDocs: Readonly<Record<ConfigIssueCode, ConfigIssueDoc>> = {
  'empty-file': {
    severity: 'error',
    meaning:
      'The file is empty or holds only spaces (often a save that went wrong). Write the config as one JSON object `{ ... }`.',
  },
  'file-too-large': {
    severity: 'error',
    meaning:
      'The file is larger than 1 MB; a config with hundreds of fields stays far below that. Usually the wrong file, or texts pasted with images or markup. The CLI stops before reading it.',
  },
  utf16: {
    severity: 'error',
    meaning:
      'The file is saved as UTF-16 (some Windows editors do this; the bytes start with FF FE or FE FF, or are full of NUL bytes). Save it as UTF-8.',
  },
  'json-comment': {
    severity: 'error',
    meaning:
      'A `//` or `/* */` comment: JSON allows no comments. The message says where the comment starts; remove it, or move the note into a text.',
  },
  'typographic-quote': {
    severity: 'error',
    meaning:
      'A typographic quote (“ ” „ ‘ ’, as word processors type them) where JSON needs a straight `"`. The message names the character and its line; retype it as `"`.',
  },
  'duplicate-key': {
    severity: 'error',
    meaning:
      'The same property twice in one object: JSON keeps only the last one, so the first is silently lost. The path points at the second occurrence; the message gives the lines of both.',
  },
  'not-json': {
    severity: 'error',
    meaning: 'A value refers to itself (a circular structure). Pass the result of `JSON.parse`.',
  },
  'too-deep': {
    severity: 'error',
    meaning:
      'The config nests more than 64 levels deep (usually conditions inside conditions). Flatten it: one `all` list can hold many conditions.',
  },
  'wrong-type': {
    severity: 'error',
    meaning:
      'A value has the wrong type, e.g. `"perVisit": "3"` instead of `3`, or a list where an object belongs.',
  },
  'missing-property': {
    severity: 'error',
    meaning:
      'A required property is missing. The path points at the object that lacks it; the message names the property.',
  },
  'unknown-property': {
    severity: 'error',
    meaning:
      'A property Trickle does not know, usually a typo (`perVist`). The path points at the property; `suggestion` holds the likely intended name. Nothing is ever silently ignored.',
  },
  'invalid-value': {
    severity: 'error',
    meaning:
      'A value that is not one of the allowed ones, e.g. a field `type` or a purpose `basis` that does not exist.',
  },
  'invalid-id': {
    severity: 'error',
    meaning:
      'An id must start with a letter, followed by up to 63 letters, digits, `_` or `-` (no spaces, no dots).',
  },
  'reserved-id': {
    severity: 'error',
    meaning: '`__proto__`, `constructor` and `prototype` are never valid ids.',
  },
  'invalid-locale': {
    severity: 'error',
    meaning:
      'A language tag must look like `en`, `de` or `de-CH` (lower-case language, optional upper-case region), in `locales` and as keys of texts.',
  },
  'too-short': {
    severity: 'error',
    meaning:
      'An empty text, or a list that needs at least one entry (such as `purposes` of a field).',
  },
  'too-long': {
    severity: 'error',
    meaning: 'A text over its limit, e.g. a `pattern` longer than 200 characters.',
  },
  'out-of-range': {
    severity: 'error',
    meaning: 'A number outside its range, e.g. `perVisit` outside 0 to 20, or a version below 1.',
  },
  'not-integer': {
    severity: 'error',
    meaning: 'A count (perVisit, version, days, lengths) must be a whole number.',
  },
  'invalid-condition': {
    severity: 'error',
    meaning:
      'An `askIf` condition that is none of the seven kinds, mixes two kinds in one object (`equals` and `in`, `all` and `any`), or names a field without a test.',
  },
  'invalid-link': {
    severity: 'error',
    meaning:
      "A link in `links` must start with `https://`, `http://` or `mailto:`, or be a path on the same site such as `/privacy` (not `//host`), without spaces or control characters. Links end up in an `href`: a `javascript:` or `data:` address would run code in the visitor's browser.",
  },
  'duplicate-id': {
    severity: 'error',
    meaning:
      'Two purposes, fields, forms or destinations share an id. Reported at the second one; rename one of them.',
  },
  'duplicate-locale': {
    severity: 'error',
    meaning: 'A language is listed twice in `locales`.',
  },
  'duplicate-reference': {
    severity: 'error',
    meaning:
      "The same purpose is listed twice in a field's `purposes` or in a form's `offerConsents`.",
  },
  'unknown-field': {
    severity: 'error',
    meaning:
      'A form (`always`, `sequence`), a condition or a HubSpot destination (`fields`) names a field that is not in `fields`. Did-you-mean suggests the closest id.',
  },
  'unknown-purpose': {
    severity: 'error',
    meaning:
      'A field (`purposes`), a form (`offerConsents`), a condition (`consented`) or a destination (`purposes`, `subscriptions`, `linkVisitorIdWith`) names a purpose that is not in `purposes`.',
  },
  'unknown-option': {
    severity: 'error',
    meaning:
      'A condition compares a select, radio or multiselect field with a value that is none of its options, so it can never be true.',
  },
  'unknown-form': {
    severity: 'error',
    meaning:
      "A destination's `forms` map names a form that is not in `forms`. Did-you-mean suggests the closest id.",
  },
  'field-twice-in-form': {
    severity: 'error',
    meaning:
      'A field appears twice in one form: twice in `always` or `sequence`, or in both. Reported at the second place.',
  },
  'not-a-consent-purpose': {
    severity: 'error',
    meaning:
      'A form offers a consent checkbox for, a condition tests consent to, or a HubSpot destination subscribes or links its cookie by (`subscriptions`, `linkVisitorIdWith`) a purpose whose basis is not `consent`.',
  },
  'condition-self-reference': {
    severity: 'error',
    meaning: "A field's `askIf` depends on the field itself, so it could never be asked.",
  },
  'condition-cycle': {
    severity: 'error',
    meaning:
      'Fields whose `askIf` conditions depend on each other in a circle (a needs b, b needs a). The message shows the circle; remove one condition.',
  },
  'missing-consent-text': {
    severity: 'error',
    meaning:
      'A purpose with basis `consent` has no `text`, or its text lacks one of the configured locales. Visitors must read the exact text they consent to, in their language.',
  },
  'unconfigured-locale': {
    severity: 'error',
    meaning:
      'A text in a language that is not listed in `locales`: add the language or remove the text.',
  },
  'empty-text': {
    severity: 'error',
    meaning: 'A text object without any language: `{}`.',
  },
  'require-version-above-version': {
    severity: 'error',
    meaning: "A purpose's `requireVersion` is above its `version`, so no consent could ever count.",
  },
  'missing-options': {
    severity: 'error',
    meaning: 'A select, radio or multiselect field without `options` (or with an empty list).',
  },
  'duplicate-option': {
    severity: 'error',
    meaning: 'Two options of one field share a `value`, so their answers could not be told apart.',
  },
  'min-above-max': {
    severity: 'error',
    meaning: '`min` is above `max`, or `minLength` above `maxLength`: no answer could be valid.',
  },
  'invalid-pattern': {
    severity: 'error',
    meaning:
      "A field's `pattern` is not a valid regular expression (it is compiled with the `u`, Unicode, flag), or uses what the server's linear-time engine (RE2) cannot run, such as a lookahead `(?=` or a backreference `\\1` (see Patterns above).",
  },
  'duplicate-env-name': {
    severity: 'error',
    meaning:
      'Two destinations whose ids differ only in case or in `-` versus `_` (`crm-eu`, `crm_eu`) would read the same environment variables (`TRICKLE_DESTINATION_CRM_EU_URL`, `_SECRET`). Rename one of them.',
  },
  'missing-email-field': {
    severity: 'error',
    meaning:
      'A HubSpot destination maps no field of type `email` in `fields`. HubSpot makes a contact only from an e-mail address; map your e-mail field.',
  },
  'purpose-not-served': {
    severity: 'error',
    meaning:
      "A HubSpot `subscriptions` entry names a consent purpose that is not in the destination's `purposes`, so the consents it follows never reach HubSpot. Add the purpose to `purposes` or remove the entry.",
  },
  'per-visit-zero': {
    severity: 'error',
    meaning:
      'A form with `"perVisit": 0` and no `always` fields can never ask anything. `perVisit` is the number of new fields per visit: write e.g. `2`, or remove it for the default 3.',
  },
  'consent-not-offered': {
    severity: 'warning',
    meaning:
      'A form asks a field that serves a consent purpose the form does not offer: it is asked only after the visitor consented elsewhere. Usually a forgotten entry in `offerConsents`.',
  },
  'sequence-needs-consent': {
    severity: 'warning',
    meaning:
      "Every field in a form's sequence needs a consent the form does not offer, so the form asks nothing new until the visitor consented elsewhere.",
  },
  'consent-text-single-language': {
    severity: 'warning',
    meaning:
      'A consent text is one string although several locales are configured: every visitor reads it in that one language.',
  },
  'missing-translation': {
    severity: 'warning',
    meaning:
      'A label, help or other text lacks a configured locale; those visitors see the default language instead.',
  },
  'setting-ignored': {
    severity: 'warning',
    meaning:
      'A setting that does not apply here and has no effect: `options` on a text field, `min` on a select, `doubleOptIn` on a purpose that needs no consent...',
  },
  'condition-on-sensitive-field': {
    severity: 'warning',
    meaning:
      'A condition depends on a `sensitive` field, whose answer is never kept in the browser: on later visits the condition is evaluated without it.',
  },
  'unused-field': {
    severity: 'warning',
    meaning: 'A field that no form asks (in no `always` and no `sequence`).',
  },
  'unused-purpose': {
    severity: 'warning',
    meaning: 'A purpose no field serves, no form offers and no condition tests.',
  },
  'field-never-sent': {
    severity: 'warning',
    meaning:
      'A HubSpot destination maps a field none of whose purposes the destination serves, so its value is never sent (a value is passed on only for a purpose the destination serves, and only while that purpose is usable).',
  },
  'text-too-long': {
    severity: 'warning',
    meaning:
      'A text far longer than a form needs: a label or option label over 200 characters, a help text or placeholder over 1,000, a consent text over 3,000. Visitors skip long texts; shorten it and link to the details.',
  },
  unreadable: {
    severity: 'error',
    meaning:
      'The value could not be read at all (for example an object whose getter throws). Only happens with values no JSON parser produces.',
  },
}

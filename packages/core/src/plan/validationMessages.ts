/**
 * Our own validation messages in English and German (no zod locales: smaller, and worded for
 * visitors of a B2B download form). Each message says what to change. Messages are templates:
 * `{minimum}` and `{maximum}` are filled in by `validationMessage`, the same placeholders the
 * React package's `messages.validation` overrides use.
 */

/** Stable codes of submission errors; messages may change, codes do not. */
export type ValidationCode =
  | 'required'
  | 'invalid-type'
  | 'invalid-email'
  | 'invalid-tel'
  | 'invalid-url'
  | 'invalid-number'
  | 'invalid-option'
  | 'invalid-country'
  | 'too-short'
  | 'too-long'
  | 'too-small'
  | 'too-large'
  | 'invalid-format'
  | 'not-asked'
  | 'consent-missing'
  | 'condition-unmet'
  | 'invalid-consent'

export interface MessageParams {
  /** The limit of `too-short` (characters) and `too-small` (number). */
  minimum?: number
  /** The limit of `too-long` (characters) and `too-large` (number). */
  maximum?: number
}

/** One message template per code. */
export type ValidationMessages = Readonly<Record<ValidationCode, string>>

const en: ValidationMessages = {
  required: 'Please fill in this field.',
  'invalid-type': 'This answer has the wrong type. Enter text, a number or a choice.',
  'invalid-email': 'Please enter a valid e-mail address, e.g. name@company.com.',
  'invalid-tel': 'Please enter a valid phone number, e.g. +44 20 7946 0958.',
  'invalid-url': 'Please enter a valid web address, e.g. https://www.company.com.',
  'invalid-number': 'Please enter a number, e.g. 250.',
  'invalid-option': 'Please choose one of the options offered.',
  'invalid-country': 'Please choose a country from the list.',
  'too-short': 'Please enter at least {minimum} characters.',
  'too-long': 'Please enter at most {maximum} characters.',
  'too-small': 'Please enter a number of at least {minimum}.',
  'too-large': 'Please enter a number of at most {maximum}.',
  'invalid-format': 'Please match the format asked for.',
  'not-asked': 'This was not asked in this form. Remove it from the submission.',
  'consent-missing':
    'This answer needs your consent to the purpose it serves. Tick that consent or leave the field empty.',
  'condition-unmet':
    'This question does not apply to your other answers. Leave it empty or change those answers.',
  'invalid-consent': 'Please tick or untick this consent (yes or no).',
}

const de: ValidationMessages = {
  required: 'Bitte füllen Sie dieses Feld aus.',
  'invalid-type':
    'Diese Angabe hat den falschen Typ. Geben Sie Text, eine Zahl oder eine Auswahl an.',
  'invalid-email': 'Bitte geben Sie eine gültige E-Mail-Adresse ein, z. B. name@firma.de.',
  'invalid-tel': 'Bitte geben Sie eine gültige Telefonnummer ein, z. B. +49 30 1234567.',
  'invalid-url': 'Bitte geben Sie eine gültige Webadresse ein, z. B. https://www.firma.de.',
  'invalid-number': 'Bitte geben Sie eine Zahl ein, z. B. 250.',
  'invalid-option': 'Bitte wählen Sie eine der angebotenen Möglichkeiten.',
  'invalid-country': 'Bitte wählen Sie ein Land aus der Liste.',
  'too-short': 'Bitte geben Sie mindestens {minimum} Zeichen ein.',
  'too-long': 'Bitte geben Sie höchstens {maximum} Zeichen ein.',
  'too-small': 'Bitte geben Sie eine Zahl ab {minimum} ein.',
  'too-large': 'Bitte geben Sie eine Zahl bis höchstens {maximum} ein.',
  'invalid-format': 'Bitte halten Sie sich an das verlangte Format.',
  'not-asked':
    'Dies wurde in diesem Formular nicht abgefragt. Entfernen Sie es aus der Übermittlung.',
  'consent-missing':
    'Für diese Angabe fehlt Ihre Einwilligung in den Zweck, dem sie dient. Erteilen Sie sie oder lassen Sie das Feld leer.',
  'condition-unmet':
    'Diese Frage passt nicht zu Ihren übrigen Antworten. Lassen Sie sie leer oder ändern Sie diese Antworten.',
  'invalid-consent': 'Bitte setzen oder entfernen Sie das Häkchen (ja oder nein).',
}

/** The built-in message sets, by language. */
export const validationMessages: Readonly<Record<'en' | 'de', ValidationMessages>> = { en, de }

/** The messages for a locale: German for `de` and `de-*`, English otherwise. */
export function messagesFor(locale?: string): ValidationMessages {
  return locale === 'de' || locale?.startsWith('de-') === true ? de : en
}

/** One message, in the language of `locale`, with its `{minimum}` or `{maximum}` filled in. */
export function validationMessage(
  code: ValidationCode,
  locale?: string,
  params: MessageParams = {},
): string {
  return messagesFor(locale)[code].replace(
    /\{(minimum|maximum)\}/g,
    (_, name: keyof MessageParams) => String(params[name]),
  )
}

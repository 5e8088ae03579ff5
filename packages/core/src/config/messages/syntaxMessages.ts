import type { MessageLocale } from '../configWords'

/** What a JSON parser found where it expected something else: a character, or the end. */
export type Found = { end: true } | { end: false; char: string }

/** Why a config text is not a config, before any check of its content. */
export type SyntaxProblem =
  | { kind: 'badUnicodeEscape' | 'controlInString' | 'unclosedString' | 'singleQuote' }
  | { kind: 'trailingCommaObject' | 'trailingCommaArray' | 'tooDeep' | 'emptyFile' | 'utf16' }
  | { kind: 'badEscape'; next: string }
  | { kind: 'expectedValue' | 'expectedKey' | 'expectedCommaObject'; found: Found }
  | { kind: 'expectedCommaArray' | 'afterEnd'; found: Found }
  | { kind: 'expectedColon'; name: string }
  | { kind: 'comment'; marker: '//' | '/*'; line: number; column: number }
  | { kind: 'typographicQuote'; char: string; line: number; column: number }
  | { kind: 'tooLarge'; size: number; limit: number }

/** The problem of one kind (a kind may share its member of the union with others). */
type ProblemOf<K extends SyntaxProblem['kind']> = SyntaxProblem extends infer P
  ? P extends { kind: infer Kinds }
    ? K extends Kinds
      ? P
      : never
    : never
  : never

type Catalog = { [K in SyntaxProblem['kind']]: (problem: ProblemOf<K>) => string }

const codePoint = (char: string): string =>
  `U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`
const megabytes = (size: number): string => (size / 1_000_000).toFixed(1)

const foundEn = (found: Found): string => (found.end ? 'the end of the file' : `"${found.char}"`)
const foundDe = (found: Found): string => (found.end ? 'das Dateiende' : `"${found.char}"`)

const en: Catalog = {
  badUnicodeEscape: () => 'Invalid \\u escape in a string.',
  badEscape: (p) => `Invalid escape "\\${p.next}" in a string.`,
  controlInString: () =>
    'A line break or control character inside a string: close the string with ".',
  unclosedString: () => 'A string is never closed: add the missing ".',
  expectedValue: (p) => `Unexpected ${foundEn(p.found)}: expected a value.`,
  singleQuote: () => 'JSON strings use double quotes ("), not single quotes.',
  trailingCommaObject: () =>
    'A comma before "}" is not allowed in JSON: remove the trailing comma.',
  expectedKey: (p) => `Unexpected ${foundEn(p.found)}: expected a property name in double quotes.`,
  expectedColon: (p) => `Expected ":" after the property name "${p.name}".`,
  expectedCommaObject: (p) =>
    `Unexpected ${foundEn(p.found)}: expected "," or "}" after a property.`,
  trailingCommaArray: () => 'A comma before "]" is not allowed in JSON: remove the trailing comma.',
  expectedCommaArray: (p) => `Unexpected ${foundEn(p.found)}: expected "," or "]" after an item.`,
  afterEnd: (p) => `Unexpected ${foundEn(p.found)} after the end of the JSON value.`,
  tooDeep: () => 'The JSON is nested too deeply to read.',
  emptyFile: () =>
    'The file is empty. Write the config as one JSON object: {"version": 1, "purposes": [...], "fields": [...], "forms": [...]}.',
  utf16: () =>
    'The file is saved as UTF-16 (it is full of NUL bytes or starts with a UTF-16 byte order mark). Save it as UTF-8: in most editors, "Save with encoding" > "UTF-8".',
  comment: (p) =>
    `A ${p.marker === '//' ? '// comment' : '/* */ comment'} at line ${p.line}, column ${p.column}: JSON allows no comments. Remove it, or put the note into a text.`,
  typographicQuote: (p) =>
    `Line ${p.line} has the typographic quote ${p.char} (${codePoint(p.char)}) where JSON needs a straight double quote. Word processors type these; retype it as ".`,
  tooLarge: (p) =>
    `The file has ${megabytes(p.size)} MB; a config is far smaller (at most ${megabytes(p.limit)} MB is read). Is it the right file? Remove pasted images, markup or data that does not belong in a form.`,
}

const de: Catalog = {
  badUnicodeEscape: () => 'Ungültige \\u-Escape-Sequenz in einem Text.',
  badEscape: (p) => `Ungültige Escape-Sequenz "\\${p.next}" in einem Text.`,
  controlInString: () =>
    'Ein Zeilenumbruch oder Steuerzeichen in einem Text: Schließen Sie den Text mit " ab.',
  unclosedString: () => 'Ein Text wird nie geschlossen: Ergänzen Sie das fehlende ".',
  expectedValue: (p) => `Unerwartet ${foundDe(p.found)}: Hier wird ein Wert erwartet.`,
  singleQuote: () => 'JSON-Texte stehen in doppelten Anführungszeichen ("), nicht in einfachen.',
  trailingCommaObject: () =>
    'Ein Komma vor "}" ist in JSON nicht erlaubt: Entfernen Sie das letzte Komma.',
  expectedKey: (p) =>
    `Unerwartet ${foundDe(p.found)}: Hier wird ein Eigenschaftsname in doppelten Anführungszeichen erwartet.`,
  expectedColon: (p) => `Nach dem Eigenschaftsnamen "${p.name}" fehlt ":".`,
  expectedCommaObject: (p) =>
    `Unerwartet ${foundDe(p.found)}: Nach einer Eigenschaft wird "," oder "}" erwartet.`,
  trailingCommaArray: () =>
    'Ein Komma vor "]" ist in JSON nicht erlaubt: Entfernen Sie das letzte Komma.',
  expectedCommaArray: (p) =>
    `Unerwartet ${foundDe(p.found)}: Nach einem Eintrag wird "," oder "]" erwartet.`,
  afterEnd: (p) => `Unerwartet ${foundDe(p.found)} nach dem Ende des JSON-Werts.`,
  tooDeep: () => 'Das JSON ist zu tief verschachtelt, um es zu lesen.',
  emptyFile: () =>
    'Die Datei ist leer. Schreiben Sie die Konfiguration als ein JSON-Objekt: {"version": 1, "purposes": [...], "fields": [...], "forms": [...]}.',
  utf16: () =>
    'Die Datei ist als UTF-16 gespeichert (sie ist voller NUL-Bytes oder beginnt mit einer UTF-16-Bytereihenfolge-Markierung). Speichern Sie sie als UTF-8: in den meisten Editoren über "Speichern mit Kodierung" > "UTF-8".',
  comment: (p) =>
    `Ein ${p.marker === '//' ? '//-Kommentar' : '/* */-Kommentar'} in Zeile ${p.line}, Spalte ${p.column}: JSON erlaubt keine Kommentare. Entfernen Sie ihn oder schreiben Sie die Notiz in einen Text.`,
  typographicQuote: (p) =>
    `Zeile ${p.line} enthält das typografische Anführungszeichen ${p.char} (${codePoint(p.char)}), wo JSON ein gerades doppeltes Anführungszeichen braucht. Textverarbeitungen setzen diese Zeichen; tippen Sie es als " neu.`,
  tooLarge: (p) =>
    `Die Datei hat ${megabytes(p.size).replace('.', ',')} MB; eine Konfiguration ist weit kleiner (gelesen werden höchstens ${megabytes(p.limit).replace('.', ',')} MB). Ist es die richtige Datei? Entfernen Sie eingefügte Bilder, Markup oder Daten, die nicht in ein Formular gehören.`,
}

/** The message for a syntax problem in `locale`. */
export function syntaxMessage(problem: SyntaxProblem, locale: MessageLocale = 'en'): string {
  const catalog = locale === 'de' ? de : en
  return (catalog[problem.kind] as (problem: SyntaxProblem) => string)(problem)
}

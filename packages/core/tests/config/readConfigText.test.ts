import { describe, expect, it } from 'vitest'
import { configFileError, readConfigText } from '../../src/config/readConfigText'

const syntaxOf = (text: string, locale?: 'en' | 'de') => {
  const result = readConfigText(text, { locale })
  if (result.ok) throw new Error('expected a syntax error')
  return result.syntax
}

describe('readConfigText', () => {
  it('reads valid JSON with the position of every value', () => {
    const result = readConfigText('{\n  "version": 1,\n  "label": "Say “hi”"\n}')
    if (!result.ok) throw new Error(result.syntax.message)
    expect(result.data).toEqual({ version: 1, label: 'Say “hi”' })
    expect(result.pointers.get('/version')?.value).toMatchObject({ line: 2, column: 14 })
    expect(result.issues).toEqual([])
  })

  it('names an empty file', () => {
    for (const text of ['', '  \n\t', '\ufeff']) {
      expect(syntaxOf(text)).toMatchObject({ code: 'empty-file', position: { line: 1, column: 1 } })
    }
    expect(syntaxOf('').message).toMatch(/^The file is empty\./)
    expect(syntaxOf('', 'de').message).toMatch(/^Die Datei ist leer\./)
  })

  it('says JSON allows no comments, and where the comment is', () => {
    const line = syntaxOf('{\n  "version": 1, // the format\n  "forms": []\n}')
    expect(line).toMatchObject({ code: 'json-comment', position: { line: 2, column: 17 } })
    expect(line.message).toBe(
      'A // comment at line 2, column 17: JSON allows no comments. Remove it, or put the note into a text.',
    )
    const block = syntaxOf('/* Trickle */\n{"version": 1}', 'de')
    expect(block).toMatchObject({ code: 'json-comment', position: { line: 1, column: 1 } })
    expect(block.message).toBe(
      'Ein /* */-Kommentar in Zeile 1, Spalte 1: JSON erlaubt keine Kommentare. Entfernen Sie ihn oder schreiben Sie die Notiz in einen Text.',
    )
  })

  it('names a typographic quote from a word processor, its character and its line', () => {
    const opening = syntaxOf('{\n  "label": “Firma”\n}')
    expect(opening).toMatchObject({ code: 'typographic-quote', position: { line: 2, column: 12 } })
    expect(opening.message).toBe(
      'Line 2 has the typographic quote “ (U+201C) where JSON needs a straight double quote. Word processors type these; retype it as ".',
    )
    // A closing one lets the string run on; it is still found where it stands.
    const closing = syntaxOf('{\n  "a": "Firma”,\n  "b": 1\n}', 'de')
    expect(closing).toMatchObject({ code: 'typographic-quote', position: { line: 2, column: 14 } })
    expect(closing.message).toMatch(
      /^Zeile 2 enthält das typografische Anführungszeichen ” \(U\+201D\)/,
    )
    expect(syntaxOf('{„label": 1}').code).toBe('typographic-quote')
  })

  it('says "save it as UTF-8" for text that came from a UTF-16 file', () => {
    const decoded = '{\u0000"\u0000v\u0000"\u0000:\u00001\u0000}\u0000'
    expect(syntaxOf(decoded)).toMatchObject({ code: 'utf16' })
    expect(syntaxOf(decoded).message).toContain('Save it as UTF-8')
    expect(syntaxOf('\ufeff\ufeff{}', 'de').message).toContain('Speichern Sie sie als UTF-8')
    expect(configFileError({ code: 'utf16' }).code).toBe('utf16')
  })

  it('refuses a text far larger than a config needs', () => {
    const huge = `{"a": "${'x'.repeat(1_000_001)}"}`
    expect(syntaxOf(huge)).toMatchObject({ code: 'file-too-large' })
    expect(
      configFileError({ code: 'file-too-large', size: 2_500_000 }, { locale: 'de' }).message,
    ).toMatch(/^Die Datei hat 2,5 MB/)
  })

  it('reports a key written twice with the pointer of the second and the lines of both', () => {
    const text =
      '{\n  "forms": [\n    {\n      "id": "a",\n      "perVisit": 2,\n      "perVisit": 3\n    }\n  ]\n}'
    const result = readConfigText(text)
    if (!result.ok) throw new Error(result.syntax.message)
    expect(result.data).toEqual({ forms: [{ id: 'a', perVisit: 3 }] })
    expect(result.issues).toEqual([
      {
        path: '/forms/0/perVisit',
        code: 'duplicate-key',
        message:
          '"perVisit" appears twice in form "a" (forms[0]) (lines 5 and 6). JSON keeps only the last one, so the first is silently lost: remove one of them or merge them.',
      },
    ])
    const de = readConfigText(text, { locale: 'de' })
    expect(de.ok && de.issues[0]?.message).toMatch(
      /^"perVisit" steht zweimal in Formular "a" \(forms\[0\]\) \(Zeilen 5 und 6\)\./,
    )
    // Escaped keys keep a well-formed pointer.
    const slash = readConfigText('{"a/b": 1, "a/b": 2}')
    expect(slash.ok && slash.issues[0]?.path).toBe('/a~1b')
  })

  it('keeps the parser message for any other syntax error, in the language asked for', () => {
    expect(syntaxOf('{"a": 1,}')).toMatchObject({
      code: 'not-json',
      position: { line: 1, column: 9 },
    })
    expect(syntaxOf('{"a": 1,}', 'de').message).toBe(
      'Ein Komma vor "}" ist in JSON nicht erlaubt: Entfernen Sie das letzte Komma.',
    )
  })
})

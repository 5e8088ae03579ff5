import { describe, expect, it } from 'vitest'
import { codeOf } from '../../src/config/configIssue'
import { configIssueCodes } from '../../src/config/configIssueCodes'
import { messagesDe } from '../../src/config/messages/messagesDe'
import { messagesEn, type MessageKey } from '../../src/config/messages/messagesEn'
import { parseConfig } from '../../src/config/parseConfig'
import { localize } from '../../src/localize'
import fixture from '../fixtures/b2b-whitepaper.json'
import { fixtureWith } from '../configTestKit'

/** Codes reported before there is JSON to check: their messages are in syntaxMessages.ts. */
const textCodes = ['empty-file', 'file-too-large', 'utf16', 'json-comment', 'typographic-quote']

const issuesOf = (result: ReturnType<typeof parseConfig>) => (result.ok ? [] : result.issues)

describe('config issue messages', () => {
  it('has an English and a German message for every issue code', () => {
    const keys = Object.keys(messagesEn) as MessageKey[]
    for (const key of keys) expect(configIssueCodes).toContain(codeOf(key))
    expect(Object.keys(messagesDe).sort()).toEqual([...keys].sort())
    const covered = new Set(Object.keys(messagesDe).map((key) => codeOf(key as MessageKey)))
    const missing = configIssueCodes.filter(
      (code) => !covered.has(code) && !textCodes.includes(code),
    )
    expect(missing).toEqual([])
  })

  it('reports the same issues in German, at the same paths, in German words', () => {
    const broken = fixtureWith(
      { set: '/forms/0/perVist', to: 2 },
      { set: '/forms/0/sequence/3', to: 'jobRol' },
      { set: '/fields/0/type', to: 'emial' },
      { remove: '/purposes/2/text' },
    )
    const en = issuesOf(parseConfig(broken))
    const de = issuesOf(parseConfig(broken, { locale: 'de' }))
    expect(de.map(({ path, code, suggestion }) => ({ path, code, suggestion }))).toEqual(
      en.map(({ path, code, suggestion }) => ({ path, code, suggestion })),
    )
    expect(de.map((issue) => issue.message)).toEqual([
      expect.stringMatching(/^Zweck "sales" fragt nach einer Einwilligung, hat aber keinen "text"/),
      expect.stringMatching(
        /^Feld "email" \(fields\[0\]\) › type ist "emial"; verwenden Sie .* Meinten Sie "email"\?$/,
      ),
      'Unbekannte Eigenschaft "perVist" in Formular "whitepaper" (forms[0]). Meinten Sie "perVisit"?',
      expect.stringMatching(/^Es gibt kein Feld "jobRol" in fields\. .* Meinten Sie "jobRole"\?$/),
    ])
  })

  it('names an entry by its id and index, and keeps the JSON Pointer as it was', () => {
    const result = parseConfig(fixtureWith({ set: '/fields/3/purposes', to: [] }))
    expect(issuesOf(result)).toEqual([
      {
        path: '/fields/3/purposes',
        code: 'too-short',
        message:
          'Field "company" (fields[3]) › purposes is empty. Fill it in or remove the property.',
      },
    ])
    const de = parseConfig(fixtureWith({ set: '/fields/3/purposes', to: [] }), { locale: 'de' })
    expect(issuesOf(de)[0]?.message).toBe(
      'Feld "company" (fields[3]) › purposes ist leer. Füllen Sie es aus oder entfernen Sie die Eigenschaft.',
    )
  })

  it('falls back to the index when an entry has no readable id', () => {
    const result = parseConfig(fixtureWith({ set: '/fields/3/id', to: 'my company' }))
    expect(issuesOf(result)[0]?.message).toMatch(/^fields\[3\]\.id is "my company"/)
  })
})

describe('per-visit-zero', () => {
  const zero = fixtureWith({ set: '/forms/0/perVisit', to: 0 }, { set: '/forms/0/always', to: [] })

  it('refuses a form that can never ask anything, saying what to write instead', () => {
    expect(issuesOf(parseConfig(zero))).toEqual([
      {
        path: '/forms/0/perVisit',
        code: 'per-visit-zero',
        message:
          'Form "whitepaper" has perVisit 0 and no always fields, so it never asks anything (not one of the 8 fields of its sequence). Write the number of new fields per visit instead, e.g. "perVisit": 2, or remove perVisit to ask 3 (the default).',
      },
    ])
    expect(issuesOf(parseConfig(zero, { locale: 'de' }))[0]?.message).toBe(
      'Formular "whitepaper" hat perVisit 0 und keine always-Felder, fragt also nie etwas (keines der 8 Felder seiner Sequenz). Schreiben Sie stattdessen die Zahl neuer Felder pro Besuch, z. B. "perVisit": 2, oder entfernen Sie perVisit, dann werden 3 gefragt (der Standard).',
    )
  })

  it('accepts perVisit 0 on a form that asks its always fields', () => {
    expect(parseConfig(fixtureWith({ set: '/forms/0/perVisit', to: 0 })).ok).toBe(true)
  })
})

describe('text-too-long', () => {
  it('warns about a label, an option label and a consent text far longer than a form needs', () => {
    const result = parseConfig(
      fixtureWith(
        { set: '/fields/3/label/en', to: 'x'.repeat(201) },
        { set: '/purposes/1/text/de', to: 'y'.repeat(3001) },
      ),
    )
    expect(result.ok).toBe(true)
    const long = result.warnings.filter((warning) => warning.code === 'text-too-long')
    expect(long.map((warning) => warning.path)).toEqual([
      '/purposes/1/text/de',
      '/fields/3/label/en',
    ])
    expect(long[1]?.message).toBe(
      'Field "company" (fields[3]) › label.en has 201 characters; a label rarely needs more than 200. Visitors skip long texts on a form: shorten it and link to the details (e.g. links.privacy).',
    )
    const de = parseConfig(fixtureWith({ set: '/fields/3/label/en', to: 'x'.repeat(201) }), {
      locale: 'de',
    })
    expect(de.warnings.find((w) => w.code === 'text-too-long')?.message).toMatch(
      /^Feld "company" \(fields\[3\]\) › label\.en hat 201 Zeichen; eine Beschriftung braucht selten mehr als 200\./,
    )
  })

  it('stays quiet at the limit', () => {
    const result = parseConfig(fixtureWith({ set: '/fields/3/label/en', to: 'x'.repeat(200) }))
    expect(result.warnings.map((warning) => warning.code)).not.toContain('text-too-long')
  })
})

describe('missing-translation', () => {
  it('names the language localize() actually shows, also for a text without the default locale', () => {
    const config = {
      ...fixture,
      locales: ['en', 'de', 'de-CH', 'fr'],
      fields: fixture.fields.map((field, index) =>
        index === 3 ? { ...field, label: { fr: 'Entreprise', de: 'Firma' } } : field,
      ),
      purposes: fixture.purposes.map((purpose) =>
        'text' in purpose && typeof purpose.text === 'object'
          ? { ...purpose, text: { ...purpose.text, 'de-CH': 'x', fr: 'x' } }
          : purpose,
      ),
    }
    const result = parseConfig(config)
    const warning = result.warnings.find(
      (each) => each.code === 'missing-translation' && each.path === '/fields/3/label',
    )
    expect(warning?.message).toBe(
      'Field "company" (fields[3]) › label has no "en", "de-CH" text; "en" visitors see the "fr" text, "de-CH" visitors see the "de" text. Add "en", "de-CH".',
    )
    // The same choice as the renderer's.
    const label = { fr: 'Entreprise', de: 'Firma' }
    expect(localize(label, 'en', config)).toBe(label.fr)
    expect(localize(label, 'de-CH', config)).toBe(label.de)
    const de = parseConfig(config, { locale: 'de' }).warnings.find(
      (each) => each.code === 'missing-translation' && each.path === '/fields/3/label',
    )
    expect(de?.message).toBe(
      'Feld "company" (fields[3]) › label hat keinen Text für "en", "de-CH"; Besucher mit "en" sehen den "fr"-Text, Besucher mit "de-CH" sehen den "de"-Text. Ergänzen Sie "en", "de-CH".',
    )
  })

  it('names the base language for a regional locale', () => {
    const config = {
      ...fixture,
      locales: ['en', 'de', 'de-CH'],
      purposes: fixture.purposes.map((purpose) =>
        'text' in purpose && typeof purpose.text === 'object'
          ? { ...purpose, text: { ...purpose.text, 'de-CH': 'x' } }
          : purpose,
      ),
    }
    const warning = parseConfig(config).warnings.find(
      (each) => each.code === 'missing-translation' && each.path === '/fields/3/label',
    )
    expect(warning?.message).toContain('those visitors see the "de" text instead')
  })
})

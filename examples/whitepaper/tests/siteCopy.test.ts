import { describe, expect, test } from 'vitest'
import { papers } from '../src/papers'
import { fill, siteCopy, siteLocales } from '../src/siteCopy'
import rawConfig from '../src/trickle.config.json'

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort()

describe('site copy', () => {
  test('the site speaks the config’s languages', () => {
    expect([...siteLocales].sort()).toEqual([...rawConfig.locales].sort())
  })

  test('every text exists in both languages, with the same placeholders', () => {
    const en = siteCopy.en as unknown as Record<string, unknown>
    const de = siteCopy.de as unknown as Record<string, unknown>
    for (const [key, value] of Object.entries(en)) {
      const other = de[key]
      if (typeof value === 'string') {
        expect(typeof other, key).toBe('string')
        expect((other as string).trim(), key).not.toBe('')
        expect(placeholders(other as string), key).toEqual(placeholders(value))
      } else {
        expect(Array.isArray(other) && other.length, key).toBe((value as unknown[]).length)
      }
    }
  })

  test('every paper is gated by a form of the config, with a title in both languages', () => {
    const forms = rawConfig.forms.map((form) => form.id)
    for (const paper of papers) {
      expect(forms).toContain(paper.formId)
      expect(paper.title.de).not.toBe('')
      expect(paper.title.en).not.toBe('')
    }
    expect(new Set(papers.map((paper) => paper.formId)).size).toBe(papers.length)
  })

  test('the privacy center says what an erasure really does: deleted, with a receipt that holds no data', () => {
    // The server deletes the values and the consent history; it keeps an erasure receipt
    // without personal data. Nothing is "anonymised" and kept.
    expect(siteCopy.en.eraseText).not.toMatch(/anonymi/i)
    expect(siteCopy.de.eraseText).not.toMatch(/anonymi/i)
    expect(siteCopy.en.eraseText).toMatch(/consent history/)
    expect(siteCopy.en.eraseText).toMatch(/receipt/)
    expect(siteCopy.de.eraseText).toMatch(/Einwilligungsverlauf/)
    expect(siteCopy.de.eraseText).toMatch(/Beleg/)
  })

  test('fill replaces known placeholders only', () => {
    expect(fill('Visit {visit} of {total}', { visit: 2 })).toBe('Visit 2 of {total}')
    expect(fill('{constructor}', {})).toBe('{constructor}')
  })
})

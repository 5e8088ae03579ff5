import { describe, expect, it } from 'vitest'
import {
  messagesFor,
  validationMessage,
  validationMessages,
  type ValidationCode,
} from '../../src/plan/validationMessages'

const codes = Object.keys(validationMessages.en) as ValidationCode[]

describe('validationMessages', () => {
  it('has an English and a German message for every code, and they differ', () => {
    expect(Object.keys(validationMessages.de).sort()).toEqual([...codes].sort())
    for (const code of codes) {
      const en = validationMessage(code, 'en', { minimum: 2, maximum: 80 })
      const de = validationMessage(code, 'de', { minimum: 2, maximum: 80 })
      expect(en.length).toBeGreaterThan(10)
      expect(de).not.toBe(en)
      // Every placeholder is filled in.
      expect(`${en} ${de}`).not.toMatch(/[{}]|undefined/)
    }
  })

  it('says the limit that was missed', () => {
    expect(validationMessage('too-long', 'en', { maximum: 80 })).toBe(
      'Please enter at most 80 characters.',
    )
    expect(validationMessage('too-long', 'de', { maximum: 80 })).toBe(
      'Bitte geben Sie höchstens 80 Zeichen ein.',
    )
    expect(validationMessage('too-small', 'en', { minimum: 1 })).toContain('at least 1')
    expect(validationMessage('too-short', 'de', { minimum: 3 })).toBe(
      'Bitte geben Sie mindestens 3 Zeichen ein.',
    )
    expect(validationMessage('too-large', 'en', { maximum: 500000 })).toBe(
      'Please enter a number of at most 500000.',
    )
    // The sets are templates, as the React package's overrides are.
    expect(validationMessages.en['too-long']).toBe('Please enter at most {maximum} characters.')
  })

  it('speaks German for de and regional variants, English otherwise', () => {
    expect(messagesFor('de')).toBe(validationMessages.de)
    expect(messagesFor('de-CH')).toBe(validationMessages.de)
    expect(messagesFor('en')).toBe(validationMessages.en)
    expect(messagesFor('fr')).toBe(validationMessages.en)
    expect(messagesFor()).toBe(validationMessages.en)
    expect(messagesFor('dev')).toBe(validationMessages.en)
  })
})

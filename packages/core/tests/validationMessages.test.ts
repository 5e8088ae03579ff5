import { describe, expect, it } from 'vitest'
import {
  messagesFor,
  validationMessage,
  validationMessages,
  type ValidationCode,
} from '../src/validationMessages'

const codes = Object.keys(validationMessages.en) as ValidationCode[]

describe('validationMessages', () => {
  it('has an English and a German message for every code, and they differ', () => {
    expect(Object.keys(validationMessages.de).sort()).toEqual([...codes].sort())
    for (const code of codes) {
      const en = validationMessages.en[code]({ minimum: 2, maximum: 80 })
      const de = validationMessages.de[code]({ minimum: 2, maximum: 80 })
      expect(en.length).toBeGreaterThan(10)
      expect(de).not.toBe(en)
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

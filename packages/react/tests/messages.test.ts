import { expect, test } from 'vitest'
import { de, en, formatMessage, resolveMessages } from '../src/index'

test('English and German catalogues have the same keys, all filled, with the same placeholders', () => {
  expect(Object.keys(de).sort()).toEqual(Object.keys(en).sort())
  const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort()
  for (const key of Object.keys(en) as (keyof typeof en)[]) {
    const english = en[key]
    const german = de[key]
    expect(typeof english === 'string' && english.trim() !== '', key).toBe(true)
    expect(typeof german === 'string' && german.trim() !== '', key).toBe(true)
    expect(placeholders(String(german)), key).toEqual(placeholders(String(english)))
  }
  expect(de.startOver).not.toBe(en.startOver)
})

test('a regional locale uses its language; an unknown language falls back to English', () => {
  expect(resolveMessages('de-AT')).toBe(de)
  expect(resolveMessages('fr')).toBe(en)
  expect(resolveMessages('de', { submit: 'Los' })).toEqual({ ...de, submit: 'Los' })
})

test('formatMessage fills placeholders and leaves unknown ones visible', () => {
  expect(formatMessage(en.downloadButton, { title: 'The study' })).toBe('Download The study')
  expect(formatMessage('Hi {name} {typo}', { name: 'Ada' })).toBe('Hi Ada {typo}')
  expect(formatMessage('{constructor}', {})).toBe('{constructor}')
})

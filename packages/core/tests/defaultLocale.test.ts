import { expect, test } from 'vitest'
import { defaultLocale } from '../src/defaultLocale'

test('the first configured locale is the default; without any, English', () => {
  expect(defaultLocale({ locales: ['de', 'en'] })).toBe('de')
  expect(defaultLocale({ locales: [] })).toBe('en')
})

import { describe, expect, test } from 'vitest'
import { hrefFor, parseRoute } from '../src/route'

const at = (path: string) => new URL(path, 'https://fernhollow.example')

describe('parseRoute', () => {
  test('knows the pages and treats anything else as not found', () => {
    expect(parseRoute(at('/')).page).toBe('library')
    expect(parseRoute(at('/privacy/')).page).toBe('privacy')
    expect(parseRoute(at('/admin')).page).toBe('admin')
    expect(parseRoute(at('/wp-login.php')).page).toBe('not-found')
  })

  test('takes the language from ?lang=, else from the browser, else English', () => {
    expect(parseRoute(at('/?lang=de'), ['en-US']).locale).toBe('de')
    expect(parseRoute(at('/'), ['fr-FR', 'de-AT']).locale).toBe('de')
    expect(parseRoute(at('/?lang=fr'), ['fr-FR']).locale).toBe('en')
    expect(parseRoute(at('/?lang=__proto__')).locale).toBe('en')
  })

  test('kiosk mode only for ?kiosk=1', () => {
    expect(parseRoute(at('/?kiosk=1')).kiosk).toBe(true)
    expect(parseRoute(at('/?kiosk=true')).kiosk).toBe(false)
    expect(parseRoute(at('/')).kiosk).toBe(false)
  })
})

describe('hrefFor', () => {
  test('keeps the language and the kiosk mode', () => {
    expect(hrefFor('privacy', { locale: 'de', kiosk: true })).toBe('/privacy?lang=de&kiosk=1')
    expect(hrefFor('library', { locale: 'en', kiosk: false })).toBe('/?lang=en')
  })

  test('round-trips through parseRoute', () => {
    for (const page of ['library', 'privacy', 'admin'] as const) {
      const route = parseRoute(at(hrefFor(page, { locale: 'de', kiosk: true })))
      expect(route).toEqual({ page, locale: 'de', kiosk: true })
    }
  })
})

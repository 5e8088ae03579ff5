import { describe, expect, it } from 'vitest'
import { countryCodes } from '../src/countryCodes'

describe('countryCodes', () => {
  it('knows the 249 officially assigned ISO 3166-1 alpha-2 codes, once each, in order', () => {
    expect(countryCodes).toHaveLength(249)
    expect([...countryCodes].sort()).toEqual(countryCodes)
    expect(new Set(countryCodes).size).toBe(249)
    for (const code of ['AD', 'AX', 'BQ', 'CW', 'DE', 'GB', 'SS', 'SX', 'US', 'ZW']) {
      expect(countryCodes).toContain(code)
    }
    for (const code of ['EU', 'UK', 'XK', 'AA', 'ZZ']) expect(countryCodes).not.toContain(code)
  })
})

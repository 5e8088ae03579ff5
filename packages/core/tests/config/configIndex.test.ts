import { describe, expect, it } from 'vitest'
import { configIndex } from '../../src/config/configIndex'
import { configSchema } from '../../src/config/configSchema'
import fixture from '../fixtures/b2b-whitepaper.json'

describe('configIndex', () => {
  it('indexes fields, purposes and forms by id', () => {
    const config = configSchema.parse(fixture)
    const index = configIndex(config)
    expect(index.fields.get('budget')).toBe(config.fields.find((f) => f.id === 'budget'))
    expect(index.purposes.get('sales')?.basis).toBe('consent')
    expect([...index.forms.keys()]).toEqual(['whitepaper', 'checklist'])
  })

  it('is built once per config object', () => {
    const config = configSchema.parse(fixture)
    expect(configIndex(config)).toBe(configIndex(config))
    expect(configIndex(configSchema.parse(fixture))).not.toBe(configIndex(config))
  })

  it('never answers for prototype names and keeps the first of duplicate ids', () => {
    const config = configSchema.parse(fixture)
    expect(configIndex(config).fields.get('toString')).toBeUndefined()
    expect(configIndex(config).forms.get('constructor')).toBeUndefined()
    const duplicated = {
      ...config,
      forms: [...config.forms, { ...config.forms[1]!, id: 'whitepaper' }],
    }
    expect(configIndex(duplicated).forms.get('whitepaper')).toBe(config.forms[0])
  })
})

import { describe, expect, it } from 'vitest'
import { configJsonSchema, configJsonSchemaFor } from '../../src/config/configJsonSchema'
import { schemaDescriptionsDe } from '../../src/config/messages/schemaDescriptionsDe'

function descriptions(schema: unknown): string[] {
  const found: string[] = []
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(walk)
    else if (typeof value === 'object' && value !== null) {
      for (const [key, item] of Object.entries(value)) {
        if (key === 'description' && typeof item === 'string') found.push(item)
        else walk(item)
      }
    }
  }
  walk(schema)
  return found
}

describe('configJsonSchemaFor', () => {
  it('has a German description for every English one', () => {
    const missing = descriptions(configJsonSchema).filter(
      (english) => !Object.hasOwn(schemaDescriptionsDe, english),
    )
    expect(missing).toEqual([])
  })

  it('gives the same schema with German descriptions', () => {
    const de = configJsonSchemaFor('de')
    const strip = (schema: unknown) =>
      JSON.parse(JSON.stringify(schema, (key, value) => (key === 'description' ? '' : value)))
    expect(strip(de)).toEqual(strip(configJsonSchema))
    expect(descriptions(de)).toContain(
      'Wie viele neue Felder pro Besuch gefragt werden (0 bis 20). Standard 3.',
    )
    expect(
      descriptions(de).filter((text) => descriptions(configJsonSchema).includes(text)),
    ).toEqual([])
    expect(configJsonSchemaFor('en')).toBe(configJsonSchema)
  })

  it('has no German description left over for an English one that is gone', () => {
    const english = new Set(descriptions(configJsonSchema))
    expect(Object.keys(schemaDescriptionsDe).filter((key) => !english.has(key))).toEqual([])
  })
})

import { expect, it } from 'vitest'
import * as config from '../src/config'
import * as core from '../src/index'

// The public surface of @trickle/core/config: config parsing and checking, the same functions
// the main entry exports (so existing imports keep working).
it('exports exactly the config API, each the same function as the main entry', () => {
  expect(Object.keys(config).sort()).toEqual([
    'ConfigError',
    'assertConfig',
    'configFileError',
    'configIssueCodes',
    'configJsonSchema',
    'configJsonSchemaFor',
    'configSchema',
    'defineConfig',
    'fieldTypes',
    'idPattern',
    'legalBases',
    'localePattern',
    'locatePointer',
    'maxConfigTextLength',
    'messageLocales',
    'parseConfig',
    'parseJsonWithPointers',
    'readConfigText',
  ])
  for (const [name, value] of Object.entries(config)) {
    expect(core[name as keyof typeof core], name).toBe(value)
  }
})

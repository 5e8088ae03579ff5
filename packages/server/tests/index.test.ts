import { describe, expect, it } from 'vitest'
import * as server from '../src/index'

describe('@trickle/server exports', () => {
  it('exports exactly the public API', () => {
    expect(Object.keys(server).sort()).toEqual([
      'assertConsentTexts',
      'consoleMailer',
      'createTrickleServer',
      'defaultPort',
      'describeConsentTextChange',
      'fileMailer',
      'findConsentTextChanges',
      'loadConfig',
      'migrationsFolder',
      'openDatabase',
      'resolveSecret',
      'startServer',
      'tables',
    ])
  })
})

import { describe, expect, it } from 'vitest'
import { assertConfig } from '../../src/config/assertConfig'
import { ConfigError } from '../../src/config/ConfigError'
import { parseConfig } from '../../src/config/parseConfig'
import { fixtureWith } from '../configTestKit'
import fixture from '../fixtures/b2b-whitepaper.json'

function thrown(action: () => unknown): unknown {
  try {
    action()
  } catch (error) {
    return error
  }
  throw new Error('expected a throw')
}

describe('assertConfig', () => {
  it('returns the parsed config, defaults filled in', () => {
    const config = assertConfig(fixture)
    expect(config.forms[1]?.openGate).toBe(true)
    expect(config.fields[1]?.sensitive).toBe(false)
  })

  it('throws a ConfigError carrying the same issues parseConfig reports', () => {
    const input = fixtureWith(
      { set: '/forms/0/perVist', to: 2 },
      { set: '/forms/0/sequence/3', to: 'jobRol' },
    )
    const error = thrown(() => assertConfig(input))
    expect(error).toBeInstanceOf(ConfigError)
    expect(error).toBeInstanceOf(Error)
    const result = parseConfig(input)
    expect((error as ConfigError).issues).toEqual(result.ok ? [] : result.issues)
    expect((error as ConfigError).name).toBe('ConfigError')
    expect((error as ConfigError).message).toBe(
      [
        'The Trickle config has 2 problems:',
        '  /forms/0/perVist [unknown-property] Unknown property "perVist" in form "whitepaper" (forms[0]). Did you mean "perVisit"?',
        '  /forms/0/sequence/3 [unknown-field] There is no field "jobRol" in fields. Add it to fields or use one of: email, firstName, lastName, company, industry, companySize, jobRole, budget, phone. Did you mean "jobRole"?',
      ].join('\n'),
    )
  })

  it('lists at most 20 issues in the message, all of them in .issues', () => {
    const error = thrown(() =>
      assertConfig({ ...fixture, forms: Array.from({ length: 30 }, () => ({ id: 'x y' })) }),
    ) as ConfigError
    expect(error.issues).toHaveLength(30)
    expect(error.message.split('\n')).toHaveLength(22)
    expect(error.message).toMatch(/\.\.\.and 10 more \(see \.issues\)$/)
    expect(thrown(() => assertConfig(null))).toBeInstanceOf(ConfigError)
    expect((thrown(() => assertConfig(null)) as ConfigError).message).toContain('(root)')
  })
})

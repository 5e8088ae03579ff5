import { readFileSync } from 'node:fs'
import { RE2JS } from 're2js'
import { afterEach, expect, it, vi } from 'vitest'
import { compileLinearPattern } from '../src/compileLinearPattern'
import { createTrickleServer } from '../src/createTrickleServer'
import { firstVisit, parsed } from './support/fixtures'
import { describeDatabases, useServer } from './support/testServer'

/** The pattern of the report: with the JavaScript engine, 28 letters and a "!" take seconds. */
const catastrophic = '^([a-zA-Z]+)+$'
const hostile = `${'a'.repeat(28)}!`

function configWithPattern(pattern: string) {
  const json = JSON.parse(
    readFileSync(new URL('../../core/tests/fixtures/b2b-whitepaper.json', import.meta.url), 'utf8'),
  ) as { fields: { id: string; pattern?: string }[] }
  for (const field of json.fields) if (field.id === 'company') field.pattern = pattern
  return parsed(json)
}

afterEach(() => {
  vi.restoreAllMocks()
})

describeDatabases('config patterns', (kind) => {
  const t = useServer(kind, { config: configWithPattern(catastrophic) })

  it('checks answers with the linear-time engine: a backtracking pattern is answered, not stuck', async () => {
    const compile = vi.spyOn(RE2JS, 'compile')
    const nativeTest = vi.spyOn(RegExp.prototype, 'test')
    const tab = t.browser()
    const body = firstVisit('redos@example.com')
    const refused = await tab.post('/v1/submissions', {
      ...body,
      values: { ...body.values, company: hostile },
    })
    expect(refused.status).toBe(422)
    const { issues } = (await refused.json()) as { issues: { path: string; code: string }[] }
    expect(issues).toEqual([
      expect.objectContaining({ path: '/values/company', code: 'invalid-format' }),
    ])
    // RE2 compiled the field's pattern, and JavaScript's backtracking engine never ran it.
    expect(compile).toHaveBeenCalledWith(`^(?:${catastrophic})$`)
    const nativeSources = nativeTest.mock.contexts.map((context) => String(context))
    expect(nativeSources.filter((source) => source.includes('[a-zA-Z]+)+'))).toEqual([])

    const matching = firstVisit('redos@example.com')
    const accepted = await tab.post('/v1/submissions', {
      ...matching,
      values: { ...matching.values, company: 'Analytical' },
    })
    expect(accepted.status).toBe(201)
  })
})

it('compiles patterns with RE2: the answer RE2 gives, not the one of JavaScript', () => {
  // JavaScript's \s matches a no-break space; RE2's \s is ASCII white space only.
  expect(compileLinearPattern('^(?:a\\sb)$').test('a\u00a0b')).toBe(false)
  expect(new RegExp('^(?:a\\sb)$', 'u').test('a\u00a0b')).toBe(true)
  expect(compileLinearPattern('^(?:a\\sb)$').test('a b')).toBe(true)
  expect(() => compileLinearPattern('(a{1000}){1000}')).toThrow()
})

it('refuses at start a config whose pattern RE2 cannot run, instead of failing each request', async () => {
  // A config built in code, or parsed without the server's engine, may hold a pattern RE2 refuses.
  const config = configWithPattern('[a-z]+')
  const company = config.fields.find((field) => field.id === 'company')
  if (company) company.pattern = '(a{1000}){1000}'
  expect(() =>
    createTrickleServer({
      config,
      database: {} as never,
      secret: 'test-secret-0123456789-abcdefghijklmnopqrstuvwxyz',
    }),
  ).toThrow(/pattern of field "company"/)
})

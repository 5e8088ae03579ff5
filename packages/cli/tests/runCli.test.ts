import { execFile } from 'node:child_process'
import { resolve } from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'

const run = promisify(execFile)
const bin = resolve(import.meta.dirname, '../dist/bin.js')
const fixtures = resolve(import.meta.dirname, 'fixtures')
const whitepaper = resolve(import.meta.dirname, '../../core/tests/fixtures/b2b-whitepaper.json')

/** Runs the built `trickle` binary; never throws on a non-zero exit. */
async function trickle(...args: string[]) {
  try {
    const { stdout, stderr } = await run(process.execPath, [bin, ...args], {
      cwd: fixtures,
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
    })
    return { code: 0, stdout, stderr }
  } catch (error) {
    const { code, stdout, stderr } = error as { code: number; stdout: string; stderr: string }
    return { code, stdout, stderr }
  }
}

describe('trickle (the built binary)', () => {
  it('prints help with examples, and exits 2 without a command', async () => {
    const result = await trickle()
    expect(result.code).toBe(2)
    expect(result.stdout).toContain('trickle validate trickle.config.json')
    expect((await trickle('simulate', '--help')).stdout).toContain('--days-between')
  })

  it('answers a bad flag or a missing file with one clear line, never a stack trace', async () => {
    const flag = await trickle('validate', whitepaper, '--jsn')
    expect(flag.code).toBe(2)
    expect(flag.stderr.trim().split('\n')).toHaveLength(1)
    expect(flag.stderr).toContain("Unknown option '--jsn'")
    const missing = await trickle('validate', 'nope.json')
    expect(missing).toMatchObject({ code: 2, stderr: 'error No such file: nope.json\n' })
    const command = await trickle('valdate')
    expect(command.stderr).toContain('Unknown command "valdate"')
    expect(`${flag.stderr}${missing.stderr}${command.stderr}`).not.toMatch(/\n\s+at /)
  })

  it('validates the fixture', async () => {
    const result = await trickle('validate', whitepaper)
    expect(result.code).toBe(0)
    expect(result.stdout).toContain('is valid: 2 forms, 9 fields, 4 purposes')
  })

  it('reports every error of a broken config with line:column, a code frame and did-you-mean', async () => {
    const result = await trickle('validate', 'broken.json')
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(/broken\.json:302:7 error unknown-property/)
    expect(result.stderr).toContain('perVisit')
    expect(result.stderr).toMatch(/broken\.json:288:9 error unknown-field/)
    expect(result.stderr).toContain('Did you mean "lastName"?')
    expect(result.stderr).toMatch(/broken\.json:40:15 error missing-consent-text/)
    expect(result.stderr).toMatch(/> 302 \|\s+"perVist": 2/)
    expect(result.stderr).toContain('✖ 3 errors, 1 warning in broken.json.')
  })

  it('gives CI a JSON result', async () => {
    const result = await trickle('validate', 'broken.json', '--json')
    expect(result.code).toBe(1)
    const report = JSON.parse(result.stdout) as {
      valid: boolean
      errors: { line: number; column: number; code: string; path: string }[]
    }
    expect(report.valid).toBe(false)
    expect(report.errors).toContainEqual(
      expect.objectContaining({
        path: '/forms/0/perVist',
        code: 'unknown-property',
        line: 302,
        column: 7,
      }),
    )
  })

  it('points at a JSON syntax error', async () => {
    const result = await trickle('validate', 'syntax-error.json')
    expect(result.code).toBe(1)
    expect(result.stderr).toContain('syntax-error.json:3:20 error invalid-json')
    expect(result.stderr).toContain('trailing comma')
  })

  it('prints the JSON Schema', async () => {
    const result = await trickle('schema')
    expect(result.code).toBe(0)
    const schema = JSON.parse(result.stdout) as { properties: Record<string, unknown> }
    expect(Object.keys(schema.properties)).toEqual(
      expect.arrayContaining(['version', 'locales', 'purposes', 'fields', 'forms']),
    )
  })

  it('simulates four visits with consent and staleness effects', async () => {
    const result = await trickle(
      'simulate',
      whitepaper,
      '--form',
      'whitepaper',
      '--visits',
      '4',
      '--consent',
      'sales=yes',
      '--days-between',
      '400',
      '--start',
      '2026-01-05',
    )
    expect(result.stderr).toBe('')
    expect(result.code).toBe(0)
    expect(result.stdout).toMatchSnapshot()
  })

  it('shows that a refused consent keeps its fields out of every later visit', async () => {
    const result = await trickle(
      'simulate',
      whitepaper,
      '--visits',
      '3',
      '--consent',
      'sales=no',
      '--json',
      '--start',
      '2026-01-05',
    )
    expect(result.code).toBe(0)
    const report = JSON.parse(result.stdout) as {
      visits: {
        notAsked: { id: string; reason: string }[]
        consentsOffered: { purposeId: string }[]
      }[]
    }
    expect(report.visits[0]?.consentsOffered.map((c) => c.purposeId)).toEqual([
      'newsletter',
      'sales',
    ])
    expect(report.visits[1]?.consentsOffered).toEqual([])
    expect(report.visits[2]?.notAsked).toContainEqual({ id: 'budget', reason: 'consent-missing' })
    expect(report.visits[2]?.notAsked).toContainEqual({ id: 'phone', reason: 'consent-missing' })
  })

  it('rejects a consent flag for a purpose the config does not have', async () => {
    const result = await trickle('simulate', whitepaper, '--consent', 'sale=yes')
    expect(result).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('--consent sale: no consent purpose'),
    })
  })
})

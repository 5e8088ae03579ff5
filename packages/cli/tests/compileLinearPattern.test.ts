import { execFile } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, describe, expect, it } from 'vitest'

const run = promisify(execFile)
const bin = resolve(import.meta.dirname, '../dist/bin.js')
const whitepaper = resolve(import.meta.dirname, '../../core/tests/fixtures/b2b-whitepaper.json')
const folder = mkdtempSync(join(tmpdir(), 'trickle-cli-patterns-'))

afterAll(() => rmSync(folder, { recursive: true, force: true }))

/** The fixture with a pattern on `company`, written to a file; returns its path. */
function configFile(name: string, pattern: string): string {
  const config = JSON.parse(readFileSync(whitepaper, 'utf8')) as {
    fields: { id: string; pattern?: string }[]
  }
  for (const field of config.fields) if (field.id === 'company') field.pattern = pattern
  const path = join(folder, name)
  writeFileSync(path, JSON.stringify(config, null, 2))
  return path
}

/** Runs the built `trickle` binary; never throws on a non-zero exit. */
async function trickle(...args: string[]) {
  try {
    const { stdout, stderr } = await run(process.execPath, [bin, ...args], {
      cwd: folder,
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
    })
    return { code: 0, stdout, stderr }
  } catch (error) {
    const { code, stdout, stderr } = error as { code: number; stdout: string; stderr: string }
    return { code, stdout, stderr }
  }
}

describe('trickle and config patterns (the linear-time engine)', () => {
  it('validate reports a pattern that JavaScript runs but RE2 refuses', async () => {
    // Nested repeats: valid JavaScript, each count within 1000, too large a program for RE2.
    const result = await trickle('validate', configFile('nested.json', '(a{1000}){1000}'), '--json')
    expect(result.code).toBe(1)
    const report = JSON.parse(result.stdout) as { errors: { path: string; code: string }[] }
    expect(report.errors).toEqual([
      expect.objectContaining({ path: '/fields/3/pattern', code: 'invalid-pattern' }),
    ])
  })

  it('simulate checks answers with RE2: a no-break space is no \\s there', async () => {
    const answers = join(folder, 'answers.json')
    writeFileSync(answers, JSON.stringify({ company: 'Analytical\u00a0Engines' }))
    const config = configFile('spaces.json', '[A-Za-z]+\\s[A-Za-z]+')
    const result = await trickle('simulate', config, '--form', 'whitepaper', '--answers', answers)
    // JavaScript's \s would accept the answer; RE2's ASCII \s refuses it.
    expect(result.code).toBe(1)
    expect(result.stderr).toContain('/values/company')
    writeFileSync(answers, JSON.stringify({ company: 'Analytical Engines' }))
    expect(
      (await trickle('simulate', config, '--form', 'whitepaper', '--answers', answers)).code,
    ).toBe(0)
  })
})

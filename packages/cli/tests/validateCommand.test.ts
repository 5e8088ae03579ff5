import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { consentTextHash, parseConfig } from '@trickle/core'
import { openDatabase, tables } from '@trickle/server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { noColors } from '../src/codeFrame'
import { runCli } from '../src/runCli'

const root = mkdtempSync(join(tmpdir(), 'trickle-against-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))
const whitepaper = resolve(import.meta.dirname, '../../core/tests/fixtures/b2b-whitepaper.json')
const original = JSON.parse(readFileSync(whitepaper, 'utf8')) as {
  purposes: { id: string; version?: number; text?: Record<string, string> }[]
}
const recordedText = original.purposes.find((p) => p.id === 'newsletter')!.text!['en']!

/** The whitepaper config with the newsletter's English text edited (and its version, if given). */
function writeEdited(name: string, version?: number): string {
  const config = structuredClone(original)
  const newsletter = config.purposes.find((p) => p.id === 'newsletter')!
  newsletter.text!['en'] = 'Yes, send me the weekly newsletter and partner offers.'
  if (version !== undefined) Object.assign(newsletter, { version, requireVersion: version })
  const path = join(root, name)
  writeFileSync(path, JSON.stringify(config, null, 2))
  return path
}

async function trickle(...args: string[]) {
  let stdout = ''
  let stderr = ''
  const code = await runCli(args, {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    cwd: root,
    colors: noColors,
  })
  return { code, stdout, stderr }
}

const dataDir = join(root, 'data')

describe('trickle validate --against <data folder>', () => {
  beforeAll(async () => {
    // A data folder where the newsletter's English text (version 2) was recorded.
    const parsed = parseConfig(original)
    if (!parsed.ok) throw new Error('fixture invalid')
    const database = await openDatabase({ dataDir })
    await database.db.insert(tables.consentTexts).values({
      hash: consentTextHash(parsed.config, 'newsletter', 'en'),
      purposeId: 'newsletter',
      version: 2,
      locale: 'en',
      text: recordedText,
      firstSeen: new Date(),
    })
    await database.close()
  }, 60_000)

  it('accepts the config whose texts are the recorded ones', async () => {
    const result = await trickle('validate', whitepaper, '--against', dataDir)
    expect(result.stderr).toBe('')
    expect(result.code).toBe(0)
  }, 60_000)

  it('refuses a text edited without a version bump, at its line, saying what to do', async () => {
    const edited = writeEdited('edited.json')
    const result = await trickle('validate', edited, '--against', dataDir)
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(
      /edited\.json:\d+:\d+ error consent-text-changed \/purposes\/1\/text\/en/,
    )
    expect(result.stderr).toContain('raise `version` of "newsletter" to 3')
    expect(result.stderr).toContain('or restore the recorded text')
    expect(result.stderr).toContain(recordedText.slice(0, 40))

    const json = await trickle('validate', edited, '--against', dataDir, '--json')
    expect(json.code).toBe(1)
    const report = JSON.parse(json.stdout) as {
      valid: boolean
      errors: { code: string; path: string }[]
    }
    expect(report.valid).toBe(false)
    expect(report.errors).toMatchObject([
      { code: 'consent-text-changed', path: '/purposes/1/text/en' },
    ])
  }, 60_000)

  it('accepts the edited text once the version is raised', async () => {
    const result = await trickle('validate', writeEdited('bumped.json', 3), '--against', dataDir)
    expect(result.code).toBe(0)
  }, 60_000)

  it('says so when the folder is no Trickle data folder', async () => {
    const result = await trickle('validate', whitepaper, '--against', join(root, 'nothing'))
    expect(result.code).toBe(2)
    expect(result.stderr).toMatch(/No Trickle data folder at .*nothing/)
  })
})

describe('trickle validate: destinations', () => {
  it('counts the destinations and names the environment variables the server will read', async () => {
    const config = {
      ...structuredClone(original),
      destinations: [
        { id: 'crm-eu', type: 'webhook', purposes: ['delivery'] },
        {
          id: 'hubspot',
          type: 'hubspot',
          purposes: ['delivery'],
          portalId: '1234567',
          forms: {},
          fields: { email: 'email' },
        },
      ],
    }
    const path = join(root, 'destinations.json')
    writeFileSync(path, JSON.stringify(config, null, 2))
    const result = await trickle('validate', path)
    expect(result.code).toBe(0)
    expect(result.stdout).toContain('4 purposes, 2 destinations')
    expect(result.stdout).toContain(
      'crm-eu: TRICKLE_DESTINATION_CRM_EU_URL and TRICKLE_DESTINATION_CRM_EU_SECRET',
    )
    expect(result.stdout).toContain('hubspot: TRICKLE_DESTINATION_HUBSPOT_SECRET')
  })
})

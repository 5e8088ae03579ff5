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

describe('trickle validate --locale de', () => {
  const broken = resolve(import.meta.dirname, 'fixtures/broken.json')
  const write = (name: string, content: string | Buffer): string => {
    writeFileSync(join(root, name), content)
    return name
  }

  it('prints the issues in German, each at its line with the code frame', async () => {
    writeFileSync(join(root, 'kaputt.json'), readFileSync(broken))
    const result = await trickle('validate', 'kaputt.json', '--locale', 'de')
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(
      /kaputt\.json:302:7 error unknown-property \/forms\/0\/perVist\n {2}Unbekannte Eigenschaft "perVist" in Formular "whitepaper" \(forms\[0\]\)\. Meinten Sie "perVisit"\?/,
    )
    expect(result.stderr).toMatch(/> 302 \|\s+"perVist": 2/)
    expect(result.stderr).toMatch(/kaputt\.json:288:9 error unknown-field/)
    expect(result.stderr).toContain('Meinten Sie "lastName"?')
    expect(result.stderr).toContain('✖ 3 Fehler, 1 Warnung in kaputt.json.')
    expect(result.stderr).not.toContain('Did you mean')
  })

  it('speaks German with a German system locale, and English without', async () => {
    writeFileSync(join(root, 'kaputt.json'), readFileSync(broken))
    const saved = {
      LANG: process.env.LANG,
      LC_ALL: process.env.LC_ALL,
      LC_MESSAGES: process.env.LC_MESSAGES,
    }
    try {
      delete process.env.LC_ALL
      delete process.env.LC_MESSAGES
      process.env.LANG = 'de_DE.UTF-8'
      const german = await trickle('validate', 'kaputt.json')
      expect(german.stderr).toContain('Unbekannte Eigenschaft "perVist"')
      expect(german.stderr).toContain('✖ 3 Fehler, 1 Warnung in kaputt.json.')
      const english = await trickle('validate', 'kaputt.json', '--locale', 'en')
      expect(english.stderr).toContain(
        'Unknown property "perVist" in form "whitepaper" (forms[0]).',
      )
    } finally {
      // Reflect.deleteProperty: an unset variable must be absent, not the text "undefined".
      for (const [key, value] of Object.entries(saved)) {
        if (value === undefined) Reflect.deleteProperty(process.env, key)
        else process.env[key] = value
      }
    }
  })

  it('names a comment in the file at its line, in German', async () => {
    const text = readFileSync(whitepaper, 'utf8').replace(
      '"version": 1,',
      '"version": 1, // Format',
    )
    const result = await trickle('validate', write('kommentar.json', text), '--locale', 'de')
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(
      /kommentar\.json:2:17 error json-comment\n {2}Ein \/\/-Kommentar in Zeile 2, Spalte 17: JSON erlaubt keine Kommentare\./,
    )
    expect(result.stderr).toMatch(/> 2 \|\s+"version": 1, \/\/ Format\n\s+\|\s+\^/)
    expect(result.stderr).toContain('✖ kommentar.json ist kein gültiges JSON.')
  })

  it('names typographic quotes, a UTF-16 file, an empty file and a file far too large', async () => {
    const quoted = readFileSync(whitepaper, 'utf8').replace('"version": 1', '"version": “1”')
    const quotes = await trickle('validate', write('quotes.json', quoted))
    expect(quotes.stderr).toMatch(
      /quotes\.json:2:14 error typographic-quote\n {2}Line 2 has the typographic quote “ \(U\+201C\)/,
    )

    const utf16 = Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      Buffer.from(readFileSync(whitepaper, 'utf8'), 'utf16le'),
    ])
    const encoded = await trickle('validate', write('utf16.json', utf16), '--locale', 'de')
    expect(encoded.code).toBe(1)
    expect(encoded.stderr).toMatch(
      /utf16\.json:1:1 error utf16\n {2}Die Datei ist als UTF-16 gespeichert.*Speichern Sie sie als UTF-8/,
    )

    const empty = await trickle('validate', write('empty.json', '\n'), '--json')
    expect(JSON.parse(empty.stdout)).toMatchObject({
      valid: false,
      errors: [{ code: 'empty-file', line: 1 }],
    })

    const huge = await trickle('validate', write('huge.json', `{"a": "${'x'.repeat(1_100_000)}"}`))
    expect(huge.stderr).toMatch(/huge\.json:1:1 error file-too-large\n {2}The file has 1\.1 MB/)
  })

  it('refuses a key written twice, at the second one, naming both lines', async () => {
    const text = readFileSync(whitepaper, 'utf8').replace(
      '"version": 1,',
      '"version": 1,\n  "locales": ["en"],',
    )
    const result = await trickle('validate', write('twice.json', text), '--json')
    const report = JSON.parse(result.stdout) as {
      valid: boolean
      errors: { code: string; path: string; line: number; message: string }[]
    }
    expect(report.valid).toBe(false)
    const duplicate = report.errors.find((error) => error.code === 'duplicate-key')
    expect(duplicate).toMatchObject({ path: '/locales', line: 4 })
    expect(duplicate?.message).toMatch(/^"locales" appears twice in the config \(lines 3 and 4\)/)
  })
})

describe('trickle schema --locale de', () => {
  it('prints the JSON Schema with German descriptions', async () => {
    const german = await trickle('schema', '--locale', 'de')
    expect(german.code).toBe(0)
    const schema = JSON.parse(german.stdout) as { description?: string }
    expect(schema.description).toBe('Eine Trickle-Konfiguration für Progressive Profiling.')
    const english = JSON.parse((await trickle('schema', '--locale', 'en')).stdout) as {
      description?: string
    }
    expect(english.description).toBe('A Trickle progressive profiling config.')
  })
})

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { noColors } from '../src/codeFrame'
import { runCli } from '../src/runCli'

const whitepaper = resolve(import.meta.dirname, '../../core/tests/fixtures/b2b-whitepaper.json')
const exampleJourney = resolve(import.meta.dirname, 'fixtures/journey.json')
const dir = mkdtempSync(join(tmpdir(), 'trickle-simulate-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** Runs `trickle` in this process, in a folder of its own; never throws. */
async function trickle(...argv: string[]) {
  let stdout = ''
  let stderr = ''
  const code = await runCli(argv, {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    cwd: dir,
    colors: noColors,
  })
  return { code, stdout, stderr }
}

/** Writes a journey file and returns its name. */
function journey(name: string, content: unknown): string {
  writeFileSync(join(dir, name), JSON.stringify(content))
  return name
}

interface JsonVisit {
  form: string
  asked: { id: string; reason: string }[]
  consentsOffered: { purposeId: string; label: string; text: string }[]
  decisions: { id: string; label: string; asked: boolean; reason: string; why: string }[]
  declined: string[]
  doubleOptIn: { confirmed: string[]; pending: string[] }
}
interface JsonReport {
  locale: string
  visits: JsonVisit[]
  warnings: { code: string; id: string; suggestion?: string; message: string }[]
}

const newFields = (visit: JsonVisit | undefined) =>
  (visit?.asked ?? []).filter((f) => f.reason !== 'always').map((f) => f.id)
const start = ['--start', '2026-01-05']

beforeEach(() => {
  // The system locale decides the language when --locale is absent: pin it to English.
  vi.stubEnv('LC_ALL', 'C.UTF-8')
  vi.stubEnv('LC_MESSAGES', undefined)
  vi.stubEnv('LANG', 'C.UTF-8')
  return () => vi.unstubAllEnvs()
})

describe('trickle simulate', () => {
  it('walks a journey across two forms and never asks a field twice', async () => {
    const file = journey('two-forms.json', {
      steps: [
        { form: 'whitepaper', answers: { jobRole: 'head' } },
        { form: 'checklist', daysAfter: 7 },
      ],
    })
    const result = await trickle('simulate', whitepaper, '--journey', file, '--json', ...start)
    expect(result).toMatchObject({ code: 0, stderr: '' })
    const report = JSON.parse(result.stdout) as JsonReport
    expect(report.visits.map((v) => v.form)).toEqual(['whitepaper', 'checklist'])
    const [first, second] = report.visits.map(newFields)
    expect(first).toEqual(['firstName', 'lastName', 'company'])
    expect(second).toEqual(['industry', 'jobRole'])
    expect(second?.filter((id) => first?.includes(id))).toEqual([])

    const text = await trickle(
      'simulate',
      whitepaper,
      '--journey',
      file,
      '--locale',
      'en',
      ...start,
    )
    expect(text.stdout).toContain('Visit 2: form "checklist", day 7 (2026-01-12)')
    expect(text.stdout).toMatch(/company\s+Company\s+no\s+known\s+already known/)
  })

  it('keeps the newsletter pending while the confirmation mail is not clicked', async () => {
    const file = journey('doi.json', {
      steps: [
        { form: 'whitepaper', consents: { newsletter: true }, confirmDoubleOptIn: false },
        { form: 'whitepaper', confirmDoubleOptIn: false },
        { form: 'whitepaper' },
      ],
    })
    const json = await trickle('simulate', whitepaper, '--journey', file, '--json', ...start)
    const report = JSON.parse(json.stdout) as JsonReport
    expect(report.visits.map((v) => v.doubleOptIn)).toEqual([
      { confirmed: [], pending: ['newsletter'] },
      { confirmed: [], pending: ['newsletter'] },
      { confirmed: ['newsletter'], pending: [] },
    ])
    // Waiting for its mail, the newsletter is not offered again (sales was refused on visit 1).
    expect(report.visits[0]?.consentsOffered.map((c) => c.purposeId)).toContain('newsletter')
    expect(report.visits[1]?.consentsOffered).toEqual([])
    const text = await trickle('simulate', whitepaper, '--journey', file, ...start)
    expect(text.stdout).toContain('newsletter: waiting for the confirmation mail')
    expect(text.stdout).toContain('newsletter: confirmed')
  })

  it('moves a declined optional field behind every other field', async () => {
    const config = JSON.parse(readFileSync(whitepaper, 'utf8')) as {
      fields: { id: string; required?: boolean }[]
    }
    for (const field of config.fields) if (field.id === 'firstName') field.required = false
    writeFileSync(join(dir, 'optional.json'), JSON.stringify(config))
    const file = journey('declined.json', {
      steps: [
        { form: 'whitepaper', consents: { sales: true }, declined: ['firstName'] },
        { form: 'whitepaper' },
        { form: 'whitepaper' },
      ],
    })
    const json = await trickle('simulate', 'optional.json', '--journey', file, '--json', ...start)
    const report = JSON.parse(json.stdout) as JsonReport
    expect(report.visits[0]?.declined).toEqual(['firstName'])
    expect(newFields(report.visits[1])).toEqual(['jobRole', 'industry', 'companySize'])
    expect(report.visits[1]?.decisions.find((d) => d.id === 'firstName')).toMatchObject({
      asked: false,
      why: 'declined before; asked again after every other field',
    })
    expect(newFields(report.visits[2])).toContain('firstName')
    const text = await trickle('simulate', 'optional.json', '--journey', file, ...start)
    expect(text.stdout).toContain('Left empty (declined): firstName')
  })

  it('speaks German with --locale de: labels, consent texts and its own sentences', async () => {
    const result = await trickle(
      'simulate',
      whitepaper,
      '--visits',
      '1',
      '--locale',
      'de',
      ...start,
    )
    expect(result.code).toBe(0)
    expect(result.stdout).toContain('Simulation des Formulars "whitepaper"')
    expect(result.stdout).toContain('Besuch 1: Formular "whitepaper", Tag 0 (2026-01-05)')
    expect(result.stdout).toMatch(/Feld\s+Bezeichnung\s+Gefragt\s+Grund\s+Warum/)
    expect(result.stdout).toMatch(/firstName\s+Vorname\s+ja\s+unknown\s+noch nicht bekannt/)
    expect(result.stdout).toContain('Ja, ich möchte den monatlichen Newsletter')
    expect(result.stdout).toContain('braucht die Einwilligung: sales')

    const english = await trickle('simulate', whitepaper, '--visits', '1', '--locale', 'en')
    expect(english.stdout).toMatch(/firstName\s+First name\s+yes\s+unknown\s+not known yet/)
    expect(english.stdout).toContain('Yes, I want to receive the monthly newsletter')
    // Without --locale the system locale picks the language; the config's first locale the texts.
    vi.stubEnv('LC_ALL', 'de_DE.UTF-8')
    const system = await trickle('simulate', whitepaper, '--visits', '1', '--json')
    const report = JSON.parse(system.stdout) as JsonReport
    expect(report.locale).toBe('de')
    expect(report.visits[0]?.decisions[1]).toMatchObject({
      label: 'Vorname',
      why: 'noch nicht bekannt',
    })
  })

  it('reports an answer for a field the config does not have, with a suggestion', async () => {
    writeFileSync(join(dir, 'answers.json'), JSON.stringify({ jobRle: 'head' }))
    const flags = await trickle('simulate', whitepaper, '--answers', 'answers.json', ...start)
    expect(flags.code).toBe(0)
    expect(flags.stdout).toContain(
      'every visit: an answer for "jobRle", which is not a field of the config; it is ignored. Did you mean "jobRole"?',
    )
    const file = journey('typo.json', {
      steps: [
        { form: 'whitepaper', answers: { emial: 'a@example.com' }, consents: { newsleter: true } },
      ],
    })
    const json = await trickle('simulate', whitepaper, '--journey', file, '--json')
    const report = JSON.parse(json.stdout) as JsonReport
    expect(report.warnings).toMatchObject([
      { code: 'unknown-answer', id: 'emial', suggestion: 'email' },
      { code: 'unknown-consent', id: 'newsleter', suggestion: 'newsletter' },
    ])
    const form = await trickle('simulate', whitepaper, '--form', 'whitepapr')
    expect(form).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('Did you mean "whitepaper"?'),
    })
  })

  it('names the JSON path of a mistake in the journey file', async () => {
    const file = journey('wrong.json', {
      steps: [{ form: 'whitepaper', answer: { jobRole: 'head' }, daysAfter: 'soon' }],
    })
    const result = await trickle('simulate', whitepaper, '--journey', file)
    expect(result.code).toBe(2)
    expect(result.stdout).toBe('')
    expect(result.stderr).toContain(
      'wrong.json /steps/0/answer: unknown key "answer". Did you mean "answers"?',
    )
    expect(result.stderr).toContain(
      'wrong.json /steps/0/daysAfter: must be a whole number of days from 0 to 3650.',
    )
    const german = await trickle('simulate', whitepaper, '--journey', file, '--locale', 'de')
    expect(german.stderr).toContain('unbekannter Schlüssel "answer". Meinten Sie "answers"?')
    const clash = await trickle('simulate', whitepaper, '--journey', file, '--form', 'checklist')
    expect(clash.stderr).toContain('--form does not go with --journey')
  })

  it('shows a refused answer in its visit and exits 1, keeping the profile as it was', async () => {
    const file = journey('refused.json', {
      steps: [{ form: 'whitepaper', answers: { email: 'not an address' } }, { form: 'whitepaper' }],
    })
    const result = await trickle('simulate', whitepaper, '--journey', file, '--json', ...start)
    expect(result.code).toBe(1)
    const report = JSON.parse(result.stdout) as JsonReport & {
      visits: { rejected: { path: string }[] | null }[]
    }
    expect(result.stderr).toMatch(/^error Visit 1: the answer at \/values\/email was refused/)
    expect(report.visits[0]?.rejected?.[0]?.path).toBe('/values/email')
    expect(report.visits[1]?.rejected).toBeNull()
    // Nothing was learnt on visit 1, so visit 2 asks the same fields.
    expect(newFields(report.visits[1])).toEqual(newFields(report.visits[0]))
    const text = await trickle('simulate', whitepaper, '--journey', file, '--locale', 'en')
    expect(text.stdout).toContain('The submission was refused: /values/email:')
  })

  it('refuses a journey file that is not a list of visits, and flags that clash with it', async () => {
    const list = await trickle('simulate', whitepaper, '--journey', journey('list.json', []))
    expect(list).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('list.json /: must be an object with "steps".'),
    })
    const empty = await trickle(
      'simulate',
      whitepaper,
      '--journey',
      journey('empty.json', { steps: [] }),
    )
    expect(empty.stderr).toContain('empty.json /steps: must be a list of 1 to 100 visits.')
    const noForm = await trickle(
      'simulate',
      whitepaper,
      '--journey',
      journey('no-form.json', { steps: [{}] }),
    )
    expect(noForm.stderr).toContain('no-form.json /steps/0/form: must be the id of a form.')
    const visits = await trickle('simulate', whitepaper, '--journey', 'empty.json', '--visits', '2')
    expect(visits.stderr).toContain('--visits does not go with --journey')
    const missing = await trickle('simulate', whitepaper, '--journey', 'nope.json')
    expect(missing).toMatchObject({ code: 2, stderr: 'error No such journey file: nope.json\n' })
  })

  it('walks several forms in turn with --form a,b, and runs the example journey', async () => {
    const result = await trickle(
      'simulate',
      whitepaper,
      '--form',
      'whitepaper,checklist',
      '--visits',
      '3',
      '--json',
    )
    const report = JSON.parse(result.stdout) as JsonReport
    expect(report.visits.map((v) => v.form)).toEqual(['whitepaper', 'checklist', 'whitepaper'])
    const example = await trickle('simulate', whitepaper, '--journey', exampleJourney, ...start)
    expect(example).toMatchObject({ code: 0, stderr: '' })
    expect(example.stdout).toContain('Simulating a journey of 4 visit(s)')
  })
})

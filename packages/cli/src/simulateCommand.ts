import { readFile } from 'node:fs/promises'
import { resolve } from 'node:path'
import {
  applySubmission,
  emptyProfile,
  planVisit,
  type Config,
  type Decision,
  type FieldValue,
  type Profile,
  type VisitPlan,
  defaultLocale,
  sampleAnswer,
} from '@trickle/core'
import { compileLinearPattern } from './compileLinearPattern'
import { CliError, type CliIo } from './io'
import { readConfigFile } from './readConfigFile'


export interface SimulateOptions {
  form?: string | undefined
  visits: number
  answers?: string | undefined
  consents: Record<string, boolean>
  daysBetween: number
  locale?: string | undefined
  json: boolean
  /** The first visit's date (tests pin it). */
  start: Date
}

interface VisitReport {
  visit: number
  day: number
  date: string
  plan: VisitPlan
  consentsGiven: Record<string, boolean>
  answered: string[]
}

const dayMs = 24 * 60 * 60 * 1000

async function readAnswers(io: CliIo, path: string): Promise<Record<string, FieldValue>> {
  let data: unknown
  try {
    data = JSON.parse(await readFile(resolve(io.cwd, path), 'utf8'))
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    throw new CliError(
      code === 'ENOENT'
        ? `No such answers file: ${path}`
        : `The answers file ${path} is not valid JSON: ${(error as Error).message}`,
    )
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new CliError(`The answers file ${path} must be a JSON object of field ids and answers.`)
  }
  return Object.fromEntries(Object.entries(data)) as Record<string, FieldValue>
}

/** Plans with the visitor's answers as the draft until dependent fields settle. */
function planWithAnswers(
  config: Config,
  profile: Profile,
  formId: string,
  now: Date,
  answers: Record<string, FieldValue>,
  consents: Record<string, boolean>,
): { plan: VisitPlan; values: Record<string, FieldValue>; consentsGiven: Record<string, boolean> } {
  let plan = planVisit(config, profile, { formId, now })
  for (let round = 0; round < 10; round++) {
    const values = Object.fromEntries(
      plan.fields.map(({ id, field }) => [id, answers[id] ?? sampleAnswer(field)]),
    )
    const consentsGiven = Object.fromEntries(
      plan.consents.map(({ purposeId }) => [purposeId, consents[purposeId] ?? false]),
    )
    const next = planVisit(config, profile, {
      formId,
      now,
      draft: { values, consents: consentsGiven },
    })
    const same =
      next.fields.map((f) => f.id).join() === plan.fields.map((f) => f.id).join() &&
      next.consents.map((p) => p.purposeId).join() === plan.consents.map((p) => p.purposeId).join()
    plan = next
    if (same) return { plan, values, consentsGiven }
  }
  throw new CliError('The form does not settle: conditions keep changing which fields are asked.')
}

function explain(decision: Decision, config: Config): string {
  const field = config.fields.find((f) => f.id === decision.fieldId)
  switch (decision.reason) {
    case 'always':
      return 'asked on every visit'
    case 'unknown':
      return 'not known yet'
    case 'stale':
      return `known, but older than ${field?.maxAgeDays ?? '?'} days`
    case 'known':
      return 'already known'
    case 'consent-missing': {
      const missing = (field?.purposes ?? []).filter(
        (id) => config.purposes.find((p) => p.id === id)?.basis === 'consent',
      )
      return `needs consent: ${missing.join(', ')}`
    }
    case 'condition-unmet':
      return 'its askIf condition does not hold'
    case 'limit-reached':
      return 'waits for a later visit (perVisit reached)'
  }
}

function renderTable(rows: string[][]): string {
  const widths =
    rows[0]?.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length))) ?? []
  return rows
    .map((row) =>
      row
        .map((cell, column) => cell.padEnd(widths[column] ?? 0))
        .join('  ')
        .trimEnd(),
    )
    .join('\n')
}

/** `trickle simulate`: what each visit asks, and why every other field is not asked. */
export async function simulateCommand(
  io: CliIo,
  path: string,
  options: SimulateOptions,
): Promise<number> {
  const read = await readConfigFile(io.cwd, path)
  if (!read.ok) {
    throw new CliError(`${path} has errors. Run \`trickle validate ${path}\` to see them.`, 1)
  }
  const { config } = read
  const formId = options.form ?? config.forms[0]?.id
  const form = config.forms.find((f) => f.id === formId)
  if (!form || formId === undefined) {
    throw new CliError(
      `No form "${options.form}" in ${path}. Forms: ${config.forms.map((f) => f.id).join(', ') || 'none'}.`,
    )
  }
  for (const purposeId of Object.keys(options.consents)) {
    if (!config.purposes.some((p) => p.id === purposeId && p.basis === 'consent')) {
      throw new CliError(`--consent ${purposeId}: no consent purpose with that id in ${path}.`)
    }
  }
  const answers = options.answers ? await readAnswers(io, options.answers) : {}
  const locale = options.locale ?? defaultLocale(config)

  let profile = emptyProfile('simulated-visitor')
  const reports: VisitReport[] = []
  for (let visit = 1; visit <= options.visits; visit++) {
    const day = (visit - 1) * options.daysBetween
    const now = new Date(options.start.getTime() + day * dayMs)
    const { plan, values, consentsGiven } = planWithAnswers(
      config,
      profile,
      formId,
      now,
      answers,
      options.consents,
    )
    reports.push({
      visit,
      day,
      date: now.toISOString().slice(0, 10),
      plan,
      consentsGiven,
      answered: Object.keys(values),
    })
    if (plan.complete) continue
    const result = applySubmission(
      config,
      profile,
      { formId, values, consents: consentsGiven },
      { now, locale, compilePattern: compileLinearPattern },
    )
    if (!result.ok) {
      const first = result.errors[0]
      throw new CliError(
        `Visit ${visit}: the answer at ${first?.path} was rejected (${first?.message}). ` +
          'Give a valid one in an --answers file.',
        1,
      )
    }
    profile = result.profile
  }

  if (options.json) {
    io.stdout(
      `${JSON.stringify(
        {
          form: formId,
          visits: reports.map(({ plan, ...report }) => ({
            ...report,
            asked: plan.fields.map((f) => ({ id: f.id, reason: f.reason })),
            consentsOffered: plan.consents.map((p) => ({
              purposeId: p.purposeId,
              reason: p.reason,
            })),
            notAsked: plan.decisions
              .filter((d) => !d.ask)
              .map((d) => ({ id: d.fieldId, reason: d.reason })),
            complete: plan.complete,
          })),
        },
        null,
        2,
      )}\n`,
    )
    return 0
  }

  const { colors: c } = io
  const blocks = reports.map(({ visit, day, date, plan, consentsGiven }) => {
    const rows = [
      ['Field', 'Asked', 'Reason', 'Why'],
      ...plan.decisions.map((d) => [d.fieldId, d.ask ? 'yes' : 'no', d.reason, explain(d, config)]),
    ]
    const consentLines = plan.consents.length
      ? plan.consents
          .map(
            (p) =>
              `${p.purposeId} (${p.reason}): ${consentsGiven[p.purposeId] ? 'ticked' : 'left unticked'}`,
          )
          .join(', ')
      : 'none'
    const status = plan.complete
      ? form.openGate
        ? c.green('Nothing left to ask: one-click download (open gate).')
        : c.green('Nothing left to ask; the form still shows (openGate is false).')
      : `${plan.fields.length - plan.decisions.filter((d) => d.reason === 'always').length} new field(s) asked.`
    return (
      `${c.bold(`Visit ${visit}`)} ${c.dim(`day ${day} (${date})`)}\n` +
      `${renderTable(rows)}\n` +
      `Consents offered: ${consentLines}\n${status}`
    )
  })
  io.stdout(
    `${c.bold(`Simulating form "${formId}"`)}: ${form.perVisit} new field(s) per visit, ` +
      `${options.visits} visit(s), ${options.daysBetween} day(s) apart, locale ${locale}.\n\n` +
      `${blocks.join('\n\n')}\n`,
  )
  return 0
}

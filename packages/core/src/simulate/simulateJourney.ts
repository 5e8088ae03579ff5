import { applySubmission } from '../profile/applySubmission'
import { emptyProfile } from '../profile/emptyProfile'
import { planVisit } from '../plan/planVisit'
import { consentState } from '../plan/consentState'
import { defaultLocale } from '../defaultLocale'
import { configIndex } from '../config/configIndex'
import { didYouMean } from '../config/didYouMean'
import { sampleAnswer } from './sampleAnswer'
import type { CompilePattern } from '../config/compilePattern'
import type {
  Config,
  ConsentEvent,
  FieldValue,
  Profile,
  SubmissionError,
  VisitPlan,
} from '../types'

/** One visit of a persona: which form, when, and what the visitor does there. */
export interface JourneyStep {
  formId: string
  /** Days after the previous visit (the first visit: after `start`). Default: the journey's `daysBetween`, 0 for the first. */
  daysAfter?: number
  /** Answers by field id. A planned field without one gets a plausible sample answer, unless declined. */
  answers?: Readonly<Record<string, FieldValue>>
  /** Consent choices by purpose id. An offered consent without a choice stays unticked. */
  consents?: Readonly<Record<string, boolean>>
  /** Optional planned fields the visitor leaves empty on this visit (recorded as declined). */
  declined?: readonly string[]
  /** Whether the visitor clicks the double opt-in link before the next visit. Default: true. */
  confirmDoubleOptIn?: boolean
}

export interface Journey {
  steps: readonly JourneyStep[]
  /**
   * The locale the forms are shown in. Default: the config's first. A locale the config lacks
   * falls back to its base language (`de` for `de-AT`), then to the config's first.
   */
  locale?: string
  /** The first visit's date. Default: now. */
  start?: Date
  /** Days between visits where a step does not say. Default: 7. */
  daysBetween?: number
  /** The engine for field patterns (the CLI passes a linear-time one). */
  compilePattern?: CompilePattern
}

/** Something in the journey that names what the config does not have; the journey goes on without it. */
export interface JourneyWarning {
  step: number
  code: 'unknown-answer' | 'unknown-consent' | 'not-offered' | 'not-optional'
  /** The field or purpose id. */
  id: string
  /** For an unknown id: the id of the config it most likely meant (`emial`: `email`). */
  suggestion?: string
}

/** One simulated visit: the plan the visitor meets, and what the submission did. */
export interface JourneyVisit {
  /** 1-based position in the journey. */
  step: number
  formId: string
  /** Days since the first visit. */
  day: number
  /** When the visit happens. */
  at: Date
  /** The profile the visitor arrives with: render the form from it. */
  profile: Profile
  /** What the form asks, planned with the visit's answers as draft (fields revealed by them included). */
  plan: VisitPlan
  /** The answers sent (planned fields only; declined ones are absent). */
  values: Record<string, FieldValue>
  /** The choices sent for the offered consents. */
  consents: Record<string, boolean>
  /** Planned optional fields left empty. */
  declined: string[]
  /** Nothing left to ask: the visitor downloads with one click and nothing is sent. */
  oneClick: boolean
  /** The submission was refused (an answer did not fit): the profile stays as it was. */
  rejected: SubmissionError[] | null
  /** Double opt-in consents confirmed after the visit (before the next one). */
  confirmed: string[]
  /** Double opt-in consents still waiting for their confirmation after the visit. */
  pending: string[]
}

export type JourneyResult =
  | {
      ok: true
      visits: JourneyVisit[]
      profile: Profile
      warnings: JourneyWarning[]
      /** The locale the journey was shown in: one of the config's `locales`. */
      locale: string
    }
  | {
      ok: false
      step: number
      code: 'unknown-form' | 'does-not-settle'
      formId: string
      /** For an unknown form: the form id it most likely meant. */
      suggestion?: string
    }

const dayMs = 24 * 60 * 60 * 1000
const maxRounds = 10

/**
 * Walks a persona through visits, as the browser and the server would: each visit plans with
 * the answers as draft until the plan settles, submits (the server's `applySubmission`), and
 * confirms double opt-in mails when the persona does. Pure; used by `trickle simulate` and the
 * studio's preview, so both show the same journey.
 */
export function simulateJourney(config: Config, journey: Journey): JourneyResult {
  const index = configIndex(config)
  const locale = journeyLocale(config, journey.locale)
  const start = journey.start ?? new Date()
  const visits: JourneyVisit[] = []
  const warnings: JourneyWarning[] = []
  let profile = emptyProfile('simulated-visitor')
  let day = 0

  for (const [position, step] of journey.steps.entries()) {
    const number = position + 1
    if (!index.forms.has(step.formId)) {
      const suggestion = didYouMean(step.formId, index.forms.keys())
      return {
        ok: false,
        step: number,
        code: 'unknown-form',
        formId: step.formId,
        ...(suggestion !== undefined && { suggestion }),
      }
    }
    day += step.daysAfter ?? (position === 0 ? 0 : (journey.daysBetween ?? 7))
    const at = new Date(start.getTime() + day * dayMs)
    const answers = step.answers ?? {}
    const choices = step.consents ?? {}
    const declinedWanted = new Set(step.declined ?? [])
    for (const id of Object.keys(answers)) {
      if (!index.fields.has(id)) warnings.push(unknown(number, 'unknown-answer', id, index.fields))
    }
    for (const id of Object.keys(choices)) {
      if (!index.purposes.has(id))
        warnings.push(unknown(number, 'unknown-consent', id, index.purposes))
    }

    const settled = settle(config, profile, step.formId, at, answers, choices, declinedWanted)
    if (!settled) return { ok: false, step: number, code: 'does-not-settle', formId: step.formId }
    const { plan, values, consents, declined } = settled
    for (const id of Object.keys(choices)) {
      if (index.purposes.has(id) && !(id in consents)) {
        warnings.push({ step: number, code: 'not-offered', id })
      }
    }
    for (const id of declinedWanted) {
      const planned = plan.fields.find((f) => f.id === id)
      if (planned === undefined || planned.field.required === true)
        warnings.push({ step: number, code: 'not-optional', id })
    }

    const visit: JourneyVisit = {
      step: number,
      formId: step.formId,
      day,
      at,
      profile,
      plan,
      values,
      consents,
      declined,
      oneClick: plan.complete,
      rejected: null,
      confirmed: [],
      pending: [],
    }
    visits.push(visit)
    if (!plan.complete) {
      const result = applySubmission(
        config,
        profile,
        { formId: step.formId, values, consents },
        {
          now: at,
          locale,
          ...(journey.compilePattern && { compilePattern: journey.compilePattern }),
        },
      )
      if (result.ok) profile = result.profile
      else visit.rejected = result.errors
    }
    // The confirmation mail of an earlier visit can be clicked after any visit, even a
    // one-click one or one whose submission was refused.
    const waiting = config.purposes.filter(
      (purpose) => consentState(config, profile, purpose.id, at) === 'pending',
    )
    if (step.confirmDoubleOptIn === false) {
      visit.pending = waiting.map((p) => p.id)
      continue
    }
    const confirmations: ConsentEvent[] = waiting.map((purpose) => ({
      purposeId: purpose.id,
      decision: 'confirmed',
      version: purpose.version,
      at: at.toISOString(),
      source: 'double-opt-in',
    }))
    profile = { ...profile, consents: [...profile.consents, ...confirmations] }
    visit.confirmed = waiting.map((p) => p.id)
  }
  return { ok: true, visits, profile, warnings, locale }
}

/** An unknown id, with the known id it most likely meant. */
function unknown(
  step: number,
  code: 'unknown-answer' | 'unknown-consent',
  id: string,
  known: ReadonlyMap<string, unknown>,
): JourneyWarning {
  const suggestion = didYouMean(id, known.keys())
  return { step, code, id, ...(suggestion !== undefined && { suggestion }) }
}

/** The wanted locale if the config has it, else its base language, else the config's first. */
function journeyLocale(config: Config, wanted: string | undefined): string {
  const base = wanted?.split('-')[0]
  if (wanted !== undefined && config.locales.includes(wanted)) return wanted
  if (base !== undefined && config.locales.includes(base)) return base
  return defaultLocale(config)
}

/** Plans with the visit's answers as draft until the planned fields and consents stop changing. */
function settle(
  config: Config,
  profile: Profile,
  formId: string,
  now: Date,
  answers: Readonly<Record<string, FieldValue>>,
  choices: Readonly<Record<string, boolean>>,
  declinedWanted: ReadonlySet<string>,
):
  | {
      plan: VisitPlan
      values: Record<string, FieldValue>
      consents: Record<string, boolean>
      declined: string[]
    }
  | undefined {
  let plan = planVisit(config, profile, { formId, now })
  for (let round = 0; round < maxRounds; round++) {
    const values: Record<string, FieldValue> = {}
    const declined: string[] = []
    for (const { id, field } of plan.fields) {
      if (field.required !== true && declinedWanted.has(id)) declined.push(id)
      else values[id] = answers[id] ?? sampleAnswer(field)
    }
    const consents = Object.fromEntries(
      plan.consents.map(({ purposeId }) => [purposeId, choices[purposeId] ?? false]),
    )
    const next = planVisit(config, profile, { formId, now, draft: { values, consents } })
    const same =
      next.fields.map((f) => f.id).join() === plan.fields.map((f) => f.id).join() &&
      next.consents.map((p) => p.purposeId).join() === plan.consents.map((p) => p.purposeId).join()
    plan = next
    if (same) return { plan, values, consents, declined }
  }
  return undefined
}

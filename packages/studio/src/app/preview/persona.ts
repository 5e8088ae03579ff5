import type { Config, Field, FieldValue, Journey, JourneyStep } from '@trickle/core'

/** One visit of the previewed visitor, as the persona controls edit it. */
export interface PersonaStep {
  formId: string
  /** Days after the previous visit; absent: the persona's `daysBetween`. */
  daysAfter?: number
  /** Typed answers by field id ('' or absent: a sample answer). */
  answers: Record<string, string>
  /** Optional fields left empty. */
  declined: string[]
  /** Consent choices by purpose id (unticked when absent). */
  consents: Record<string, boolean>
  confirmDoubleOptIn: boolean
}

export interface Persona {
  /** The form language (one of the config's locales). */
  locale: string
  daysBetween: number
  steps: PersonaStep[]
}

/** A fresh visit to a form: sample answers, no consents, double opt-in confirmed. */
export function personaStep(formId: string): PersonaStep {
  return { formId, answers: {}, declined: [], consents: {}, confirmDoubleOptIn: true }
}

/** Visits 1..count of one form. */
export function visitsOf(formId: string, count: number): PersonaStep[] {
  return Array.from({ length: count }, () => personaStep(formId))
}

/** The typed text as the field's kind of value; undefined when the text is empty. */
export function answerFromText(field: Field, text: string): FieldValue | undefined {
  const trimmed = text.trim()
  if (trimmed === '') return undefined
  switch (field.type) {
    case 'number': {
      const n = Number(trimmed.replace(',', '.'))
      return Number.isFinite(n) ? n : trimmed
    }
    case 'checkbox':
      return !/^(false|no|nein|0)$/i.test(trimmed)
    case 'multiselect':
      return trimmed
        .split(',')
        .map((part) => part.trim())
        .filter(Boolean)
    default:
      return trimmed
  }
}

/** The journey `simulateJourney` walks for the persona (typed answers read per field type). */
export function journeyOf(config: Config, persona: Persona, start: Date): Journey {
  const fields = new Map(config.fields.map((field) => [field.id, field]))
  const steps = persona.steps.map((step): JourneyStep => {
    const answers: Record<string, FieldValue> = {}
    for (const [id, text] of Object.entries(step.answers)) {
      const field = fields.get(id)
      const value = field ? answerFromText(field, text) : undefined
      if (value !== undefined) answers[id] = value
    }
    return {
      formId: step.formId,
      ...(step.daysAfter !== undefined && { daysAfter: step.daysAfter }),
      answers,
      consents: { ...step.consents },
      declined: [...step.declined],
      confirmDoubleOptIn: step.confirmDoubleOptIn,
    }
  })
  return { steps, locale: persona.locale, start, daysBetween: persona.daysBetween }
}

/** The config with one form's sequence replaced (a suggested order being previewed). */
export function withSequence(config: Config, formId: string, sequence: readonly string[]): Config {
  return {
    ...config,
    forms: config.forms.map((form) =>
      form.id === formId ? { ...form, sequence: [...sequence] } : form,
    ),
  }
}

import {
  configIndex,
  explainConsentOffer,
  explainDecision,
  localize,
  shownConsentText,
  type Config,
  type JourneyVisit,
  type JourneyWarning,
} from '@trickle/core'
import type { Colors } from './codeFrame'
import type { MessageLanguage } from './cliLocale'
import { simulateMessages } from './simulateMessages'
import { textTable } from './textTable'

export interface SimulateReportInput {
  config: Config
  visits: JourneyVisit[]
  warnings: JourneyWarning[]
  /** The locale the forms were shown in (labels, consent texts). */
  locale: string
  /** The language of the report's own sentences. */
  language: MessageLanguage
  /** One form walked with the flags (`--form`), not a journey file: warnings apply to every visit. */
  shorthand: boolean
}

/** One field of a visit as `--json` shows it (`decisions`: every field of the form, in order). */
interface DecisionReport {
  id: string
  label: string
  asked: boolean
  reason: string
  why: string
}

/**
 * The warnings. The flags' answers and consents apply to every visit: each warning once, and a
 * `--consent` is only worth a warning when no visit offers it (it ticks whenever offered).
 */
function distinctWarnings(input: SimulateReportInput): JourneyWarning[] {
  if (!input.shorthand) return input.warnings
  const offered = new Set(input.visits.flatMap((v) => v.plan.consents.map((p) => p.purposeId)))
  const seen = new Set<string>()
  return input.warnings.filter((w) => {
    const key = `${w.code} ${w.id}`
    if (seen.has(key) || (w.code === 'not-offered' && offered.has(w.id))) return false
    seen.add(key)
    return true
  })
}

export function warningLines(input: SimulateReportInput): string[] {
  const say = simulateMessages(input.language)
  return distinctWarnings(input).map((w) =>
    say.warning(w, input.shorthand ? say.everyVisit : say.step(w.step)),
  )
}

/** Labels in the content locale; the explanations in the message language. */
function decisionsOf(
  config: Config,
  visit: JourneyVisit,
  locale: string,
  language: MessageLanguage,
): DecisionReport[] {
  const { fields } = configIndex(config)
  return visit.plan.decisions.map((decision) => {
    const field = fields.get(decision.fieldId)
    return {
      id: decision.fieldId,
      label: field ? localize(field.label, locale, config) : decision.fieldId,
      asked: decision.ask,
      reason: decision.reason,
      why: explainDecision(decision, config, language, { profile: visit.profile }),
    }
  })
}

/** The `--json` report: stable keys, documented in the marketer guide. */
export function simulateJson(input: SimulateReportInput): unknown {
  const { config, locale } = input
  const say = simulateMessages(input.language)
  return {
    form: input.visits[0]?.formId ?? null,
    forms: [...new Set(input.visits.map((v) => v.formId))],
    locale,
    warnings: distinctWarnings(input).map((w) => ({
      ...w,
      message: say.warning(w, input.shorthand ? say.everyVisit : say.step(w.step)),
    })),
    visits: input.visits.map((visit) => ({
      visit: visit.step,
      form: visit.formId,
      day: visit.day,
      date: visit.at.toISOString().slice(0, 10),
      consentsGiven: visit.consents,
      answered: Object.keys(visit.values),
      asked: visit.plan.fields.map((f) => ({ id: f.id, reason: f.reason })),
      consentsOffered: visit.plan.consents.map((p) => ({
        purposeId: p.purposeId,
        reason: p.reason,
        why: explainConsentOffer(p.reason, input.language),
        label: localize(p.purpose.label, locale, config),
        text: shownConsentText(config, p.purpose, locale).text,
        given: visit.consents[p.purposeId] === true,
      })),
      notAsked: visit.plan.decisions
        .filter((d) => !d.ask)
        .map((d) => ({ id: d.fieldId, reason: d.reason })),
      decisions: decisionsOf(config, visit, locale, input.language),
      declined: visit.declined,
      doubleOptIn: { confirmed: visit.confirmed, pending: visit.pending },
      complete: visit.plan.complete,
      oneClick: visit.oneClick,
      rejected: visit.rejected?.map(({ path, message }) => ({ path, message })) ?? null,
    })),
  }
}

/** The report for a terminal: one block per visit. */
export function simulateText(input: SimulateReportInput, header: string, c: Colors): string {
  const { config, locale } = input
  const say = simulateMessages(input.language)
  const warnings = warningLines(input)
  const blocks = input.visits.map((visit) => {
    const form = configIndex(config).forms.get(visit.formId)
    const decisions = decisionsOf(config, visit, locale, input.language)
    const table = textTable(
      [...say.columns],
      decisions.map((d) => [d.id, d.label, d.asked ? say.yes : say.no, d.reason, d.why]),
    )
    const consents = visit.plan.consents.map((p) => {
      const choice = visit.consents[p.purposeId] ? say.ticked : say.unticked
      const text = shownConsentText(config, p.purpose, locale).text
      return `  ${p.purposeId} (${p.reason}: ${explainConsentOffer(p.reason, input.language)}): ${choice}\n    "${text}"`
    })
    const lines = [
      `${c.bold(say.visit(visit.step, visit.formId, visit.day, visit.at.toISOString().slice(0, 10)))}`,
      ...table,
      consents.length ? say.consentsOffered : `${say.consentsOffered} ${say.none}`,
      ...consents,
    ]
    if (visit.declined.length) lines.push(say.declined(visit.declined))
    if (visit.rejected) {
      const first = visit.rejected[0]
      lines.push(c.red(say.rejected(first?.path ?? '/', first?.message ?? '')))
    } else if (visit.oneClick) {
      lines.push(c.green(form?.openGate ? say.oneClick : say.stillShows))
    } else {
      const newFields = visit.plan.fields.filter((f) => f.reason !== 'always').length
      lines.push(say.asked(newFields))
    }
    for (const id of visit.confirmed) lines.push(say.confirmed(id))
    for (const id of visit.pending) lines.push(c.yellow(say.pending(id)))
    return lines.join('\n')
  })
  const warningBlock = warnings.length
    ? `${c.yellow(say.warningsTitle)}\n${warnings.map((w) => `  ${w}`).join('\n')}\n\n`
    : ''
  return `${c.bold(header)}\n\n${warningBlock}${blocks.join('\n\n')}\n`
}

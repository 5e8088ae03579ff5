import {
  configIndex,
  didYouMean,
  simulateJourney,
  type Config,
  type JourneyStep,
} from '@trickle/core'
import { messageLanguage } from './cliLocale'
import { compileLinearPattern } from './compileLinearPattern'
import { CliError, type CliIo } from './io'
import { readConfigFile } from './readConfigFile'
import { readAnswersFile, readJourneyFile } from './readJourneyFile'
import { simulateMessages, type SimulateMessages } from './simulateMessages'
import { simulateJson, simulateText } from './simulateReport'

export interface SimulateOptions {
  /** `--form`: one form, or several walked in turn (visit 1 the first, visit 2 the second...). */
  forms: string[]
  /** `--journey`: a journey file; then the forms, answers and consents come from it. */
  journey?: string | undefined
  /** `--visits`, when given (default 3). */
  visits?: number | undefined
  answers?: string | undefined
  consents: Record<string, boolean>
  daysBetween: number
  /** `--locale`: the forms' locale and the language of the report. */
  locale?: string | undefined
  json: boolean
  /** The first visit's date (tests pin it). */
  start: Date
}

/** `de_DE.UTF-8` as a config's locale: `de-DE`. */
const contentLocale = (flag: string | undefined) => flag?.split('.')[0]?.replace('_', '-')

/**
 * `trickle simulate`: walks a visitor through visits with core `simulateJourney` (the same
 * journey the studio previews) and prints, per visit, what is asked and why, the consents
 * offered with their texts, declined fields and double opt-in confirmations.
 */
export async function simulateCommand(
  io: CliIo,
  path: string,
  options: SimulateOptions,
): Promise<number> {
  const language = messageLanguage(options.locale)
  const say = simulateMessages(language)
  if (options.journey !== undefined) {
    const given = {
      form: options.forms.length > 0,
      visits: options.visits !== undefined,
      answers: options.answers !== undefined,
      consent: Object.keys(options.consents).length > 0,
    }
    const clash = Object.entries(given).find(([, on]) => on)?.[0]
    if (clash !== undefined) throw new CliError(say.notWithJourney(clash))
  }
  const read = await readConfigFile(io.cwd, path)
  if (!read.ok) throw new CliError(say.configErrors(path), 1)
  const { config } = read
  const consentIds = config.purposes.filter((p) => p.basis === 'consent').map((p) => p.id)
  for (const id of Object.keys(options.consents)) {
    if (!consentIds.includes(id)) {
      throw new CliError(say.unknownConsentFlag(id, path, didYouMean(id, consentIds)))
    }
  }

  let steps: JourneyStep[]
  if (options.journey !== undefined) {
    steps = await readJourneyFile(io.cwd, options.journey, language)
  } else {
    const forms = options.forms.length > 0 ? options.forms : [config.forms[0]?.id ?? '']
    const answers = options.answers
      ? await readAnswersFile(io.cwd, options.answers, language)
      : undefined
    steps = Array.from({ length: options.visits ?? 3 }, (_, i) => ({
      formId: forms[i % forms.length] ?? '',
      ...(answers && { answers }),
      consents: options.consents,
    }))
  }

  const wanted = contentLocale(options.locale)
  const result = simulateJourney(config, {
    steps,
    start: options.start,
    daysBetween: options.daysBetween,
    compilePattern: compileLinearPattern,
    ...(wanted !== undefined && { locale: wanted }),
  })
  if (!result.ok) {
    const forms = config.forms.map((f) => f.id)
    throw new CliError(
      result.code === 'unknown-form'
        ? say.unknownForm(result.formId, path, forms, result.suggestion)
        : say.doesNotSettle(result.step, result.formId),
      result.code === 'unknown-form' ? 2 : 1,
    )
  }

  const input = {
    config,
    visits: result.visits,
    warnings: result.warnings,
    locale: result.locale,
    language,
    shorthand: options.journey === undefined,
  }
  if (options.json) io.stdout(`${JSON.stringify(simulateJson(input), null, 2)}\n`)
  else
    io.stdout(
      simulateText(input, reportHeader(config, steps, options, result.locale, say), io.colors),
    )
  // A refused answer fails the command (exit 1), with the reason on stderr for scripts.
  const refused = result.visits.find((v) => v.rejected)
  if (refused === undefined) return 0
  const first = refused.rejected?.[0]
  const summary = say.refusedSummary(refused.step, first?.path ?? '/', first?.message ?? '')
  io.stderr(`${io.colors.red('error')} ${summary}\n`)
  return 1
}

/** "Simulating form ..." for one form from the flags, else "Simulating a journey ...". */
function reportHeader(
  config: Config,
  steps: readonly JourneyStep[],
  options: SimulateOptions,
  locale: string,
  say: SimulateMessages,
): string {
  const forms = [...new Set(steps.map((s) => s.formId))]
  const only =
    options.journey === undefined && forms.length === 1
      ? configIndex(config).forms.get(forms[0] ?? '')
      : undefined
  return only
    ? say.headerForm(only.id, only.perVisit, steps.length, options.daysBetween, locale)
    : say.headerJourney(steps.length, forms, locale)
}

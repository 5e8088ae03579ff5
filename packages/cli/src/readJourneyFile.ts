import { readFile } from 'node:fs/promises'
import { resolve } from 'node:path'
import { didYouMean, toJsonPointer, type FieldValue, type JourneyStep } from '@trickle/core'
import * as z from 'zod/mini'
import type { MessageLanguage } from './cliLocale'
import { CliError } from './io'

const maxSteps = 100
const fieldValue = z.union([z.string(), z.number(), z.boolean(), z.array(z.string())])
const answers = z.record(z.string(), fieldValue)
const stepKeys = ['form', 'daysAfter', 'answers', 'consents', 'declined', 'confirmDoubleOptIn']
const stepSchema = z.strictObject({
  form: z.string().check(z.minLength(1)),
  daysAfter: z.optional(z.number().check(z.int(), z.minimum(0), z.maximum(3650))),
  answers: z.optional(answers),
  consents: z.optional(z.record(z.string(), z.boolean())),
  declined: z.optional(z.array(z.string())),
  confirmDoubleOptIn: z.optional(z.boolean()),
})
const journeySchema = z.strictObject({
  $schema: z.optional(z.string()),
  steps: z.array(stepSchema).check(z.minLength(1), z.maxLength(maxSteps)),
})

/** What each place in a journey file takes, by its key (the last one that is not an index). */
const expected: Record<MessageLanguage, Record<string, string>> = {
  en: {
    '': 'an object with "steps"',
    steps: `a list of 1 to ${maxSteps} visits`,
    step: 'an object: { "form", "daysAfter", "answers", "consents", "declined", "confirmDoubleOptIn" }',
    form: 'the id of a form',
    daysAfter: 'a whole number of days from 0 to 3650',
    answers: 'an object of field ids and answers',
    answer: 'text, a number, true/false or a list of texts',
    consents: 'an object of purpose ids and true/false',
    consent: 'true or false',
    declined: 'a list of field ids',
    declinedId: 'a field id',
    confirmDoubleOptIn: 'true or false',
    $schema: 'text',
  },
  de: {
    '': 'ein Objekt mit "steps"',
    steps: `eine Liste von 1 bis ${maxSteps} Besuchen`,
    step: 'ein Objekt: { "form", "daysAfter", "answers", "consents", "declined", "confirmDoubleOptIn" }',
    form: 'die ID eines Formulars',
    daysAfter: 'eine ganze Zahl von Tagen zwischen 0 und 3650',
    answers: 'ein Objekt aus Feld-IDs und Antworten',
    answer: 'Text, eine Zahl, true/false oder eine Liste von Texten',
    consents: 'ein Objekt aus Zweck-IDs und true/false',
    consent: 'true oder false',
    declined: 'eine Liste von Feld-IDs',
    declinedId: 'eine Feld-ID',
    confirmDoubleOptIn: 'true oder false',
    $schema: 'Text',
  },
}

const words = {
  en: {
    missing: (file: string) => `No such journey file: ${file}`,
    notJson: (file: string, why: string) => `The journey file ${file} is not valid JSON: ${why}`,
    must: (where: string, what: string) => `${where}: must be ${what}.`,
    unknownKey: (where: string, key: string, hint: string) =>
      `${where}: unknown key "${key}".${hint}`,
    didYouMean: (key: string) => ` Did you mean "${key}"?`,
    problems: (file: string, n: number) => `The journey file ${file} has ${n} problem(s):`,
    answersMissing: (file: string) => `No such answers file: ${file}`,
    answersNotJson: (file: string, why: string) =>
      `The answers file ${file} is not valid JSON: ${why}`,
    answersShape: (file: string) =>
      `The answers file ${file} must be a JSON object of field ids and answers (text, a number, true/false or a list of texts).`,
  },
  de: {
    missing: (file: string) => `Keine Reise-Datei ${file} gefunden.`,
    notJson: (file: string, why: string) =>
      `Die Reise-Datei ${file} ist kein gültiges JSON: ${why}`,
    must: (where: string, what: string) => `${where}: muss ${what} sein.`,
    unknownKey: (where: string, key: string, hint: string) =>
      `${where}: unbekannter Schlüssel "${key}".${hint}`,
    didYouMean: (key: string) => ` Meinten Sie "${key}"?`,
    problems: (file: string, n: number) => `Die Reise-Datei ${file} hat ${n} Problem(e):`,
    answersMissing: (file: string) => `Keine Antwort-Datei ${file} gefunden.`,
    answersNotJson: (file: string, why: string) =>
      `Die Antwort-Datei ${file} ist kein gültiges JSON: ${why}`,
    answersShape: (file: string) =>
      `Die Antwort-Datei ${file} muss ein JSON-Objekt aus Feld-IDs und Antworten sein (Text, eine Zahl, true/false oder eine Liste von Texten).`,
  },
}

/** The key that says what a path takes: `/steps/0/answers/jobRole` is an answer. */
function expectationKey(path: readonly PropertyKey[]): string {
  const keys = path.map(String)
  const [first, , third] = keys
  if (keys.length === 0) return ''
  if (keys.length === 1) return first ?? ''
  if (keys.length === 2) return 'step'
  if (keys.length === 3) return third ?? ''
  if (third === 'answers') return 'answer'
  if (third === 'consents') return 'consent'
  if (third === 'declined') return 'declinedId'
  return keys.at(-1) ?? ''
}

async function readJson(
  cwd: string,
  path: string,
  missing: string,
  notJson: (why: string) => string,
): Promise<unknown> {
  let text: string
  try {
    text = await readFile(resolve(cwd, path), 'utf8')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    throw new CliError(code === 'ENOENT' ? missing : `${path}: ${(error as Error).message}`)
  }
  try {
    return JSON.parse(text) as unknown
  } catch (error) {
    throw new CliError(notJson((error as Error).message))
  }
}

/**
 * Reads a journey file (`{ "steps": [{ "form", "daysAfter", "answers", "consents", "declined",
 * "confirmDoubleOptIn" }] }`) into core `JourneyStep`s. Every problem is named by its JSON
 * Pointer (`/steps/0/answer: unknown key "answer". Did you mean "answers"?`), all at once.
 */
export async function readJourneyFile(
  cwd: string,
  path: string,
  language: MessageLanguage,
): Promise<JourneyStep[]> {
  const say = words[language]
  const data = await readJson(cwd, path, say.missing(path), (why) => say.notJson(path, why))
  const parsed = journeySchema.safeParse(data)
  if (!parsed.success) {
    const lines = parsed.error.issues.flatMap((issue) => {
      const at = (keys: PropertyKey[]) => `${path} ${toJsonPointer(keys.map(String)) || '/'}`
      if (issue.code === 'unrecognized_keys') {
        const allowed = issue.path.length === 0 ? ['steps', '$schema'] : stepKeys
        return issue.keys.map((key) => {
          const near = didYouMean(key, allowed)
          const hint = near === undefined ? '' : say.didYouMean(near)
          return say.unknownKey(at([...issue.path, key]), key, hint)
        })
      }
      const where = at(issue.path)
      return [say.must(where, expected[language][expectationKey(issue.path)] ?? '?')]
    })
    const unique = [...new Set(lines)]
    throw new CliError(
      unique.length === 1
        ? (unique[0] ?? '')
        : [say.problems(path, unique.length), ...unique].join('\n  '),
    )
  }
  return parsed.data.steps.map((step) => ({
    formId: step.form,
    ...(step.daysAfter !== undefined && { daysAfter: step.daysAfter }),
    ...(step.answers && { answers: step.answers }),
    ...(step.consents && { consents: step.consents }),
    ...(step.declined && { declined: step.declined }),
    ...(step.confirmDoubleOptIn !== undefined && { confirmDoubleOptIn: step.confirmDoubleOptIn }),
  }))
}

/** Reads an `--answers` file: one object of field ids and answers, used on every visit. */
export async function readAnswersFile(
  cwd: string,
  path: string,
  language: MessageLanguage,
): Promise<Record<string, FieldValue>> {
  const say = words[language]
  const data = await readJson(cwd, path, say.answersMissing(path), (why) =>
    say.answersNotJson(path, why),
  )
  const parsed = answers.safeParse(data)
  if (!parsed.success) throw new CliError(say.answersShape(path))
  return parsed.data
}

/**
 * The stable codes of config issues. Tools may switch on them; the messages may improve over
 * time, the codes do not change. Each code is explained in docs/config-reference.md.
 */
export const configIssueCodes = [
  // The text of the file, before it is JSON (readConfigText and the CLI)
  'empty-file',
  'file-too-large',
  'utf16',
  'json-comment',
  'typographic-quote',
  'duplicate-key',
  // The shape of the JSON
  'not-json',
  'too-deep',
  'wrong-type',
  'missing-property',
  'unknown-property',
  'invalid-value',
  'invalid-id',
  'reserved-id',
  'invalid-locale',
  'too-short',
  'too-long',
  'out-of-range',
  'not-integer',
  'invalid-condition',
  'invalid-link',
  // What the config means
  'duplicate-id',
  'duplicate-locale',
  'duplicate-reference',
  'unknown-field',
  'unknown-purpose',
  'unknown-option',
  'unknown-form',
  'field-twice-in-form',
  'not-a-consent-purpose',
  'condition-self-reference',
  'condition-cycle',
  'missing-consent-text',
  'unconfigured-locale',
  'empty-text',
  'require-version-above-version',
  'missing-options',
  'duplicate-option',
  'min-above-max',
  'invalid-pattern',
  'duplicate-env-name',
  'missing-email-field',
  'purpose-not-served',
  'per-visit-zero',
  // Warnings: lawful, but probably not what was meant
  'consent-not-offered',
  'sequence-needs-consent',
  'consent-text-single-language',
  'missing-translation',
  'setting-ignored',
  'condition-on-sensitive-field',
  'unused-field',
  'unused-purpose',
  'field-never-sent',
  'text-too-long',
  // The config could not be checked at all (a value no JSON parser produces, such as a getter that throws)
  'unreadable',
] as const

export type ConfigIssueCode = (typeof configIssueCodes)[number]

/** One problem in a config, pointing at the exact spot in the input. */
export interface ConfigIssue {
  /** JSON Pointer into the input: `''` is the whole config, `/forms/0/perVist` an unknown key. */
  path: string
  code: ConfigIssueCode
  /** Plain English: what is wrong and what to change. */
  message: string
  /** The value that was probably meant (did-you-mean), e.g. `perVisit` for `perVist`. */
  suggestion?: string
}

/**
 * fast-check arbitraries for property tests: random VALID configs, profiles, answers and
 * clocks. Every config passes `parseConfig` (tested in arbitraries.test.ts), references only
 * ids it defines, has no askIf cycles (a condition only looks at earlier fields), and every
 * generated answer passes `submissionSchema`.
 *
 * Speed matters (properties run 1,000 times): the random parts are generated as flat
 * "sketches" by arbitraries built once, then mapped onto the config. No `chain` per run.
 */
import fc from 'fast-check'
import { fieldTypes, optionFieldTypes } from '../src/config/configConstants'
import type {
  Condition,
  Config,
  ConsentDecision,
  ConsentEvent,
  Field,
  FieldRecord,
  FieldType,
  FieldValue,
  Form,
  LegalBasis,
  Profile,
  Purpose,
  Text,
  VisitPlan,
} from '../src/types'

export const dayMs = 86_400_000

/**
 * Valid ids, including names of `Object.prototype` members (`toString`, `valueOf`...): code
 * that reads `obj[id]` instead of an own property is caught by these.
 */
export const idArb: fc.Arbitrary<string> = fc.oneof(
  {
    weight: 1,
    arbitrary: fc.constantFrom('toString', 'valueOf', 'hasOwnProperty', 'isPrototypeOf'),
  },
  { weight: 6, arbitrary: fc.stringMatching(/^[a-z][A-Za-z0-9_-]{0,7}$/) },
)

/** A clock between 2020 and 2030. */
export const clockArb: fc.Arbitrary<Date> = fc.date({
  min: new Date('2020-01-01T00:00:00.000Z'),
  max: new Date('2030-01-01T00:00:00.000Z'),
  noInvalidDate: true,
})

const letters = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'
const wordArb = fc.string({ unit: fc.constantFrom(...letters), minLength: 1, maxLength: 10 })

/** A word of `min` to `max` letters, derived from a seed. */
function wordFrom(seed: number, min: number, max: number): string {
  const length = min + (seed % (max - min + 1))
  let word = ''
  let rest = seed
  for (let i = 0; i < length; i++) {
    word += letters[rest % letters.length]
    rest = Math.floor(rest / 7) + i * 13
  }
  return word
}

/** Text patterns a config may use, with answers that match them. */
const patterns: { pattern: string; answer: (seed: number) => string }[] = [
  {
    pattern: '[A-Z]{2}-[0-9]{3}',
    answer: (seed) =>
      `${wordFrom(seed, 2, 2).toUpperCase()}-${String(seed % 1000).padStart(3, '0')}`,
  },
  { pattern: '\\d{5}', answer: (seed) => String(seed % 100_000).padStart(5, '0') },
  {
    pattern: '[a-z]+(-[a-z]+)*',
    answer: (seed) => `${wordFrom(seed, 1, 5)}-${wordFrom(seed + 3, 1, 4)}`.toLowerCase(),
  },
]
const countries = ['DE', 'AT', 'CH', 'FR', 'US', 'GB']

/**
 * A valid, non-empty answer for a field, derived from a seed, as `submissionSchema` stores it
 * (trimmed and typed): every seed gives a valid answer.
 */
export function validValue(field: Field, seed: number): FieldValue {
  const options = field.options?.map((o) => o.value) ?? []
  switch (field.type) {
    case 'text':
    case 'textarea': {
      const matching = patterns.find((p) => p.pattern === field.pattern)
      if (matching !== undefined) return matching.answer(seed)
      const min = Math.max(1, field.minLength ?? 1)
      return wordFrom(seed, min, Math.max(min, Math.min(field.maxLength ?? 12, 12)))
    }
    case 'email':
      return `${wordFrom(seed, 1, 8)}@${wordFrom(seed + 1, 1, 8)}.example.com`
    case 'tel':
      return `+49 30 ${1_000_000 + (seed % 9_000_000)}`
    case 'url':
      return `https://${wordFrom(seed, 1, 10)}.example.com`
    case 'number': {
      const min = Math.ceil(field.min ?? -1000)
      const max = Math.floor(field.max ?? 1000)
      return min + (seed % (max - min + 1))
    }
    case 'select':
    case 'radio':
      return options[seed % options.length] ?? ''
    case 'multiselect': {
      const chosen = options.filter((_, i) => (seed >> i) % 2 === 1)
      return chosen.length > 0 ? chosen : options.slice(0, 1)
    }
    case 'checkbox':
      // A required checkbox must be ticked; an optional one may be answered either way.
      return field.required || seed % 2 === 0
    case 'country':
      return countries[seed % countries.length] ?? 'DE'
  }
}

/** Seeds for `validValue`. */
export const seedArb: fc.Arbitrary<number> = fc.nat({ max: 1_000_000 })

/** A valid, non-empty answer for a field. */
export function validValueArb(field: Field): fc.Arbitrary<FieldValue> {
  return seedArb.map((seed) => validValue(field, seed))
}

// ---------------------------------------------------------------------------------------------
// Config sketches

const weighted = <T>(...entries: [number, T][]): fc.Arbitrary<T> =>
  fc.oneof(...entries.map(([weight, value]) => ({ weight, arbitrary: fc.constant(value) })))

/** Two in five purposes need consent: that is where most rules are. */
const basisArb = weighted<LegalBasis>([2, 'consent'], [2, 'contract'], [1, 'legitimate-interest'])

const textSketchArb = fc.record({ plain: fc.boolean(), en: wordArb, de: wordArb })
type TextSketch = { plain: boolean; en: string; de: string }
const buildText = (sketch: TextSketch, locales: readonly string[]): Text =>
  sketch.plain
    ? sketch.en
    : Object.fromEntries(locales.map((locale) => [locale, locale === 'de' ? sketch.de : sketch.en]))

const purposeSketchArb = fc.record({
  basis: basisArb,
  label: textSketchArb,
  text: textSketchArb,
  version: fc.integer({ min: 1, max: 3 }),
  requireLower: fc.boolean(),
  refreshAfterDays: fc.option(fc.integer({ min: 30, max: 800 }), { nil: undefined }),
  doubleOptIn: fc.boolean(),
})

const leafSketchArb = fc.record({
  kind: fc.constantFrom('equals', 'in', 'known', 'consented'),
  target: fc.nat(),
  picks: fc.array(fc.nat(), { minLength: 1, maxLength: 3 }),
  scalar: fc.oneof(wordArb, fc.integer({ min: -5, max: 5 }), fc.boolean()),
  known: fc.boolean(),
})
type LeafSketch = typeof leafSketchArb extends fc.Arbitrary<infer T> ? T : never
type ConditionSketch =
  { leaf: LeafSketch } | { all: LeafSketch[] } | { any: LeafSketch[] } | { not: LeafSketch }
const leavesArb = fc.array(leafSketchArb, { minLength: 1, maxLength: 3 })
const conditionSketchArb: fc.Arbitrary<ConditionSketch> = fc.oneof(
  { weight: 4, arbitrary: leafSketchArb.map((leaf) => ({ leaf })) },
  { weight: 1, arbitrary: leavesArb.map((all) => ({ all })) },
  { weight: 1, arbitrary: leavesArb.map((any) => ({ any })) },
  { weight: 1, arbitrary: leafSketchArb.map((not) => ({ not })) },
)

const optionTypes: readonly FieldType[] = optionFieldTypes

const fieldSketchArb = fc.record({
  type: fc.constantFrom(...fieldTypes),
  label: textSketchArb,
  purposePicks: fc.array(fc.nat(), { minLength: 1, maxLength: 2, size: 'xsmall' }),
  required: fc.boolean(),
  options: fc.uniqueArray(wordArb, { minLength: 1, maxLength: 4 }),
  minLength: fc.option(fc.integer({ min: 0, max: 3 }), { nil: undefined }),
  maxLength: fc.option(fc.integer({ min: 5, max: 40 }), { nil: undefined }),
  range: fc.option(fc.tuple(fc.integer({ min: -50, max: 0 }), fc.integer({ min: 1, max: 50 })), {
    nil: undefined,
  }),
  pattern: fc.option(fc.constantFrom(...patterns.map((p) => p.pattern)), {
    nil: undefined,
    freq: 4,
  }),
  maxAgeDays: fc.option(fc.integer({ min: 1, max: 400 }), { nil: undefined }),
  /** One field in three has an askIf condition. */
  condition: fc.option(conditionSketchArb, { nil: undefined, freq: 2 }),
  sensitive: fc.boolean(),
})

const formSketchArb = fc.record({
  fieldPicks: fc.array(fc.nat(), { minLength: 2, maxLength: 12, size: 'medium' }),
  alwaysCount: weighted([2, 0], [2, 1], [1, 2]),
  perVisit: fc.oneof(
    { weight: 1, arbitrary: fc.constant(0) },
    { weight: 6, arbitrary: fc.integer({ min: 1, max: 5 }) },
  ),
  offerPicks: fc.array(fc.nat(), { maxLength: 3 }),
  openGate: fc.boolean(),
})

const maxPurposes = 5
const maxForms = 3

/** Picks distinct items by index (modulo), keeping the order of first picks. */
function pick<T>(items: readonly T[], picks: readonly number[]): T[] {
  if (items.length === 0) return []
  return [...new Set(picks.map((p) => p % items.length))].map((i) => items[i] as T)
}

function buildCondition(
  sketch: ConditionSketch,
  earlier: readonly Field[],
  consentIds: readonly string[],
): Condition | undefined {
  const leaf = (l: LeafSketch): Condition | undefined => {
    const consent = consentIds[l.target % Math.max(1, consentIds.length)]
    const field = earlier[l.target % Math.max(1, earlier.length)]
    if (l.kind === 'consented' || field === undefined) {
      return consent === undefined ? undefined : { consented: consent }
    }
    const options = field.options?.map((o) => o.value) ?? []
    if (l.kind === 'known') return { field: field.id, known: l.known }
    if (l.kind === 'in') {
      const list = options.length > 0 ? pick(options, l.picks) : [String(l.scalar)]
      return { field: field.id, in: list }
    }
    const equals = options.length > 0 ? (options[l.target % options.length] ?? '') : l.scalar
    return { field: field.id, equals }
  }
  const list = (ls: LeafSketch[]): Condition[] | undefined => {
    const built = ls.map(leaf).filter((c): c is Condition => c !== undefined)
    return built.length > 0 ? built : undefined
  }
  if ('leaf' in sketch) return leaf(sketch.leaf)
  if ('not' in sketch) {
    const inner = leaf(sketch.not)
    return inner && { not: inner }
  }
  if ('all' in sketch) {
    const all = list(sketch.all)
    return all && { all }
  }
  const any = list(sketch.any)
  return any && { any }
}

export interface ConfigArbOptions {
  /**
   * No `askIf`, perVisit >= 1, no double opt-in, every consent purpose offered by every form:
   * a visitor who ticks every consent and answers everything can finish each sequence.
   */
  unconditioned?: boolean
  /** At most this many fields (default 10). */
  maxFields?: number
}

/**
 * A random valid config with every default filled in, as `configSchema` (and `parseConfig`)
 * return it; built directly, without parsing, to keep 1,000-run properties fast.
 */
export function configArb(options: ConfigArbOptions = {}): fc.Arbitrary<Config> {
  const { unconditioned = false, maxFields = 10 } = options
  return fc
    .record({
      locales: fc.constantFrom(['en'], ['de'], ['en', 'de'], ['de', 'en']),
      purposeIds: fc.uniqueArray(idArb, { minLength: 1, maxLength: maxPurposes }),
      fieldIds: fc.uniqueArray(idArb, {
        minLength: Math.min(2, maxFields),
        maxLength: maxFields,
        size: 'medium',
      }),
      formIds: fc.uniqueArray(idArb, { minLength: 1, maxLength: maxForms }),
      purposes: fc.array(purposeSketchArb, { minLength: maxPurposes, maxLength: maxPurposes }),
      fields: fc.array(fieldSketchArb, { minLength: maxFields, maxLength: maxFields }),
      forms: fc.array(formSketchArb, { minLength: maxForms, maxLength: maxForms }),
    })
    .map(({ locales, purposeIds, fieldIds, formIds, ...sketch }): Config => {
      const purposes = purposeIds.map((id, i): Purpose => {
        const p = sketch.purposes[i]!
        if (p.basis !== 'consent') {
          return {
            id,
            basis: p.basis,
            label: buildText(p.label, locales),
            version: 1,
            doubleOptIn: false,
          }
        }
        return {
          id,
          basis: 'consent',
          label: buildText(p.label, locales),
          text: buildText(p.text, locales),
          version: p.version,
          ...(p.requireLower ? { requireVersion: Math.max(1, p.version - 1) } : {}),
          ...(p.refreshAfterDays === undefined ? {} : { refreshAfterDays: p.refreshAfterDays }),
          doubleOptIn: unconditioned ? false : p.doubleOptIn,
        }
      })
      const consentIds = purposes.filter((p) => p.basis === 'consent').map((p) => p.id)

      const fields: Field[] = []
      fieldIds.forEach((id, i) => {
        const f = sketch.fields[i]!
        const textual = f.type === 'text' || f.type === 'textarea'
        const askIf =
          unconditioned || f.condition === undefined
            ? undefined
            : buildCondition(f.condition, fields, consentIds)
        fields.push({
          id,
          type: f.type,
          label: buildText(f.label, locales),
          purposes: pick(purposeIds, f.purposePicks),
          required: f.required,
          sensitive: f.sensitive,
          ...(optionTypes.includes(f.type)
            ? { options: f.options.map((value) => ({ value, label: value })) }
            : {}),
          ...(textual && f.pattern !== undefined ? { pattern: f.pattern } : {}),
          ...(textual && f.pattern === undefined && f.minLength !== undefined
            ? { minLength: f.minLength }
            : {}),
          ...(textual && f.pattern === undefined && f.maxLength !== undefined
            ? { maxLength: f.maxLength }
            : {}),
          ...(f.type === 'number' && f.range !== undefined
            ? { min: f.range[0], max: f.range[1] }
            : {}),
          ...(f.maxAgeDays === undefined ? {} : { maxAgeDays: f.maxAgeDays }),
          ...(askIf === undefined ? {} : { askIf }),
        })
      })

      const forms = formIds.map((id, i): Form => {
        const f = sketch.forms[i]!
        const chosen = pick(fieldIds, f.fieldPicks)
        const always = chosen.slice(0, Math.min(f.alwaysCount, chosen.length - 1))
        return {
          id,
          always,
          sequence: chosen.slice(always.length),
          // A form with perVisit 0 and no always fields asks nothing: an error (per-visit-zero).
          perVisit: unconditioned || always.length === 0 ? Math.max(1, f.perVisit) : f.perVisit,
          offerConsents: unconditioned ? consentIds : pick(consentIds, f.offerPicks),
          openGate: f.openGate,
        }
      })
      return { version: 1, locales: [...locales], purposes, fields, forms }
    })
}

// ---------------------------------------------------------------------------------------------
// Profiles

/** An ISO timestamp `days` (fractional) before `now`. */
const before = (now: Date, days: number): string =>
  new Date(now.getTime() - days * dayMs).toISOString()

const recordSketchArb = fc.record({
  kind: weighted<'none' | 'value' | 'declined'>([4, 'none'], [3, 'value'], [1, 'declined']),
  age: fc.double({ min: 0, max: 500, noNaN: true }),
  keepValue: fc.boolean(),
  seed: seedArb,
})
/** Mostly grants and confirmations, so that consent fields get asked too. */
const eventSketchArb = fc.record({
  purpose: fc.nat(),
  decision: weighted<ConsentDecision>(
    [4, 'granted'],
    [3, 'confirmed'],
    [1, 'denied'],
    [1, 'withdrawn'],
  ),
  /** Mostly the current version; sometimes older (outdated) or newer. */
  versionOffset: fc.oneof(
    { weight: 4, arbitrary: fc.constant(0) },
    { weight: 1, arbitrary: fc.integer({ min: -2, max: 1 }) },
  ),
  age: fc.double({ min: 0, max: 900, noNaN: true }),
})
const profileSketchArb = fc.record({
  visitorId: fc.uuid(),
  records: fc.array(recordSketchArb, { minLength: 20, maxLength: 20 }),
  events: fc.oneof(
    fc.constant([]),
    fc.array(eventSketchArb, { minLength: 1, maxLength: 10, size: 'medium' }),
  ),
})
type ProfileSketch = typeof profileSketchArb extends fc.Arbitrary<infer T> ? T : never

function buildProfile(config: Config, now: Date, sketch: ProfileSketch): Profile {
  const formId = config.forms[0]?.id ?? 'form'
  const fields: Record<string, FieldRecord> = {}
  config.fields.forEach((field, i) => {
    const r = sketch.records[i % sketch.records.length]!
    if (r.kind === 'none') return
    fields[field.id] =
      r.kind === 'declined'
        ? { collectedAt: before(now, r.age), formId, declined: true }
        : {
            ...(r.keepValue ? { value: validValue(field, r.seed) } : {}),
            collectedAt: before(now, r.age),
            formId,
          }
  })
  const consentPurposes = config.purposes.filter((p) => p.basis === 'consent')
  const consents: ConsentEvent[] = []
  if (consentPurposes.length > 0) {
    for (const e of sketch.events) {
      const purpose = consentPurposes[e.purpose % consentPurposes.length]!
      consents.push({
        purposeId: purpose.id,
        decision: e.decision,
        version: Math.max(1, purpose.version + e.versionOffset),
        at: before(now, e.age),
        source: 'test',
      })
    }
  }
  consents.sort((a, b) => a.at.localeCompare(b.at))
  return { visitorId: sketch.visitorId, fields, consents }
}

/**
 * A random profile for a config at `now`: each field unknown, known with a valid value, known
 * without a value (the browser's "known and when" policy), declined, or stale; and a ledger of
 * consent events in time order, mostly grants and confirmations at the current version.
 */
export function profileArb(config: Config, now: Date): fc.Arbitrary<Profile> {
  return profileSketchArb.map((sketch) => buildProfile(config, now, sketch))
}

/** A config, one of its forms, a profile and a clock. */
export interface Scenario {
  config: Config
  formId: string
  profile: Profile
  now: Date
}

export function scenarioArb(options: ConfigArbOptions = {}): fc.Arbitrary<Scenario> {
  return fc
    .record({
      config: configArb(options),
      now: clockArb,
      form: fc.nat(),
      profile: profileSketchArb,
    })
    .map(({ config, now, form, profile }) => ({
      config,
      formId: config.forms[form % config.forms.length]!.id,
      profile: buildProfile(config, now, profile),
      now,
    }))
}

// ---------------------------------------------------------------------------------------------
// Answers

const optionalSeedArb = fc.option(seedArb, { nil: undefined })

/** Answers in progress: valid values for some of the config's fields and some consent choices. */
export function draftArb(config: Config): fc.Arbitrary<{
  values: Record<string, FieldValue>
  consents: Record<string, boolean>
}> {
  return fc
    .record({
      values: fc.array(optionalSeedArb, {
        minLength: config.fields.length,
        maxLength: config.fields.length,
      }),
      consents: fc.array(fc.option(fc.boolean(), { nil: undefined }), {
        minLength: config.purposes.length,
        maxLength: config.purposes.length,
      }),
    })
    .map(({ values, consents }) => {
      const draft = {
        values: {} as Record<string, FieldValue>,
        consents: {} as Record<string, boolean>,
      }
      config.fields.forEach((field, i) => {
        const seed = values[i]
        if (seed !== undefined) draft.values[field.id] = validValue(field, seed)
      })
      config.purposes.forEach((purpose, i) => {
        const choice = consents[i]
        if (choice !== undefined) draft.consents[purpose.id] = choice
      })
      return draft
    })
}

export interface AnswersArbOptions {
  /** Answer every planned field with a value (no optional field left empty). Default false. */
  complete?: boolean
  /** What each offered consent gets (default: true, false or left out). */
  consent?: fc.Arbitrary<unknown>
}

/**
 * Valid answers to a plan: a value for each planned field (optional ones sometimes left
 * empty) and a choice for each offered consent.
 */
export function answersArb(
  plan: VisitPlan,
  options: AnswersArbOptions = {},
): fc.Arbitrary<{
  values: Record<string, FieldValue | undefined>
  consents: Record<string, unknown>
}> {
  const { complete = false, consent = fc.constantFrom(true, false, undefined) } = options
  return fc
    .record({
      seeds: fc.array(optionalSeedArb, {
        minLength: plan.fields.length,
        maxLength: plan.fields.length,
      }),
      fallback: seedArb,
      choices: fc.array(consent, {
        minLength: plan.consents.length,
        maxLength: plan.consents.length,
      }),
    })
    .map(({ seeds, fallback, choices }) => {
      const values: Record<string, FieldValue | undefined> = {}
      plan.fields.forEach(({ id, field }, i) => {
        const seed = seeds[i] ?? (complete || field.required ? fallback + i : undefined)
        values[id] = seed === undefined ? undefined : validValue(field, seed)
      })
      const consents: Record<string, unknown> = {}
      plan.consents.forEach(({ purposeId }, i) => {
        if (choices[i] !== undefined) consents[purposeId] = choices[i]
      })
      return { values, consents }
    })
}

import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { applySubmission } from '../../src/profile/applySubmission'
import { configSchema } from '../../src/config/configSchema'
import { consentTextHash } from '../../src/profile/consentTextHash'
import { emptyProfile } from '../../src/profile/emptyProfile'
import { planVisit } from '../../src/plan/planVisit'
import type { Config, Draft, FieldValue, Profile, VisitPlan } from '../../src/types'
import { answersArb, configArb, dayMs, draftArb, scenarioArb, validValueArb } from '../arbitraries'
import fixture from '../fixtures/b2b-whitepaper.json'

const config = configSchema.parse(fixture)
const now = new Date('2025-03-03T10:00:00.000Z')
const at = now.toISOString()
const formId = 'whitepaper'

const firstAnswers = {
  email: ' ada@example.com ',
  firstName: 'Ada',
  lastName: 'Lovelace',
  company: 'Analytical Engines Ltd',
}

function plan(profile: Profile, draft?: Draft, form = formId, when = now): VisitPlan {
  return planVisit(config, profile, { formId: form, now: when, ...(draft ? { draft } : {}) })
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const child of Object.values(value)) deepFreeze(child)
    Object.freeze(value)
  }
  return value
}

describe('applySubmission', () => {
  it('stores each answer with collectedAt and formId, and one event per offered consent', () => {
    const profile = emptyProfile('v-1')
    const result = applySubmission(
      config,
      profile,
      { formId, values: firstAnswers, consents: { newsletter: true } },
      { now, locale: 'en' },
    )
    if (!result.ok) throw new Error(JSON.stringify(result.errors))
    expect(result.profile.fields).toEqual({
      email: { value: 'ada@example.com', collectedAt: at, formId },
      firstName: { value: 'Ada', collectedAt: at, formId },
      lastName: { value: 'Lovelace', collectedAt: at, formId },
      company: { value: 'Analytical Engines Ltd', collectedAt: at, formId },
    })
    expect(result.events).toEqual([
      {
        purposeId: 'newsletter',
        decision: 'granted',
        version: 2,
        at,
        formId,
        locale: 'en',
        textHash: consentTextHash(config, 'newsletter', 'en'),
        source: 'form',
      },
      {
        purposeId: 'sales',
        decision: 'denied',
        version: 1,
        at,
        formId,
        locale: 'en',
        textHash: consentTextHash(config, 'sales', 'en'),
        source: 'form',
      },
    ])
    expect(result.profile.consents).toEqual(result.events)
    expect(result.submission).toEqual({
      formId,
      visitorId: 'v-1',
      at,
      locale: 'en',
      fieldIds: ['email', 'firstName', 'lastName', 'company'],
      values: {
        email: 'ada@example.com',
        firstName: 'Ada',
        lastName: 'Lovelace',
        company: 'Analytical Engines Ltd',
      },
      declined: [],
      consents: result.events,
    })
  })

  it('never changes the input profile', () => {
    const profile = deepFreeze({
      ...emptyProfile('v-1'),
      consents: [{ purposeId: 'sales', decision: 'denied' as const, version: 1, at }],
    })
    const copy = structuredClone(profile)
    const result = applySubmission(config, profile, { formId, values: firstAnswers }, { now })
    expect(result.ok).toBe(true)
    expect(profile).toEqual(copy)
  })

  it('rejects a value for a field that was not planned, and a consent that was not offered', () => {
    const profile = emptyProfile('v-1')
    const result = applySubmission(
      config,
      profile,
      {
        formId: formId,
        values: { ...firstAnswers, jobRole: 'head', 'a/b~c': 'x' },
        consents: { personalisation: true, sales: false },
      },
      { now, locale: 'en' },
    )
    expect(result).toEqual({
      ok: false,
      errors: [
        {
          path: '/values/jobRole',
          code: 'not-asked',
          message: 'This was not asked in this form. Remove it from the submission.',
        },
        { path: '/values/a~1b~0c', code: 'not-asked', message: expect.any(String) },
        { path: '/consents/personalisation', code: 'not-asked', message: expect.any(String) },
      ],
    })
  })

  it('treats keys from JSON as data: __proto__ is just a key that was not asked', () => {
    const profile = emptyProfile('v-1')
    const body = JSON.parse(
      '{"values": {"email": "ada@example.com", "firstName": "Ada", "lastName": "L", "company": "AE", "__proto__": {"polluted": true}}, "consents": {"__proto__": true}}',
    ) as { values: Record<string, unknown>; consents: Record<string, unknown> }
    const result = applySubmission(config, profile, { formId, ...body }, { now })
    expect(result.ok ? [] : result.errors.map((e) => [e.path, e.code])).toEqual([
      ['/values/__proto__', 'not-asked'],
      ['/consents/__proto__', 'not-asked'],
    ])
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })

  it('does not offer a granted consent again, so a second grant is not-asked', () => {
    const profile = {
      ...emptyProfile('v-1'),
      consents: [{ purposeId: 'sales', decision: 'granted' as const, version: 1, at }],
    }
    const result = applySubmission(
      config,
      profile,
      { formId, values: firstAnswers, consents: { sales: true } },
      { now },
    )
    expect(result.ok ? [] : result.errors.map((e) => [e.path, e.code])).toEqual([
      ['/consents/sales', 'not-asked'],
    ])
  })

  it('never takes a consent that is not a boolean as a grant', () => {
    const profile = emptyProfile('v-1')
    for (const value of ['true', 1, 'yes', null, {}, ['true']]) {
      const result = applySubmission(
        config,
        profile,
        { formId, values: firstAnswers, consents: { sales: value } },
        { now },
      )
      expect(result.ok ? [] : result.errors.map((e) => [e.path, e.code])).toEqual([
        ['/consents/sales', 'invalid-consent'],
      ])
    }
  })

  it('reports validation errors as JSON Pointers with stable codes, in the visitor’s language', () => {
    const profile = emptyProfile('v-1')
    const result = applySubmission(
      config,
      profile,
      { formId, values: { email: 'ada@', firstName: 'x'.repeat(81), company: 'AE' } },
      { now, locale: 'de' },
    )
    expect(result).toEqual({
      ok: false,
      errors: [
        {
          path: '/values/email',
          code: 'invalid-email',
          message: 'Bitte geben Sie eine gültige E-Mail-Adresse ein, z. B. name@firma.de.',
        },
        {
          path: '/values/firstName',
          code: 'too-long',
          message: 'Bitte geben Sie höchstens 80 Zeichen ein.',
        },
        {
          path: '/values/lastName',
          code: 'required',
          message: 'Bitte füllen Sie dieses Feld aus.',
        },
      ],
    })
  })

  it('requires a required checkbox to be ticked; an optional one may stay unticked', () => {
    const terms = configSchema.parse({
      version: 1,
      locales: ['en'],
      purposes: [{ id: 'delivery', basis: 'contract', label: 'Delivery' }],
      fields: [
        { id: 'terms', type: 'checkbox', label: 'Terms', purposes: ['delivery'] },
        { id: 'demo', type: 'checkbox', label: 'Demo', purposes: ['delivery'], required: false },
      ],
      forms: [{ id: 'f', always: ['terms', 'demo'] }],
    })
    const profile = emptyProfile('v-1')
    const submit = (values: Record<string, unknown>) =>
      applySubmission(terms, profile, { formId: 'f', values }, { now, locale: 'en' })

    expect(submit({ terms: false, demo: true })).toEqual({
      ok: false,
      errors: [{ path: '/values/terms', code: 'required', message: 'Please fill in this field.' }],
    })
    const ticked = submit({ terms: true, demo: false })
    if (!ticked.ok) throw new Error(JSON.stringify(ticked.errors))
    expect(ticked.submission.values).toEqual({ terms: true, demo: false })
  })

  it('reads only the submitted answers: a field named like an Object.prototype method is no exception', () => {
    const named = configSchema.parse({
      version: 1,
      locales: ['en'],
      purposes: [{ id: 'delivery', basis: 'contract', label: 'Delivery' }],
      fields: [
        { id: 'valueOf', type: 'text', label: 'Value', purposes: ['delivery'] },
        { id: 'toString', type: 'text', label: 'Text', purposes: ['delivery'], required: false },
      ],
      forms: [{ id: 'f', always: ['valueOf', 'toString'] }],
    })
    const profile = emptyProfile('v-1')
    const submit = (values: Record<string, unknown>) =>
      applySubmission(named, profile, { formId: 'f', values }, { now, locale: 'en' })

    expect(submit({})).toEqual({
      ok: false,
      errors: [
        { path: '/values/valueOf', code: 'required', message: 'Please fill in this field.' },
      ],
    })
    const answered = submit({ valueOf: 'x' })
    if (!answered.ok) throw new Error(JSON.stringify(answered.errors))
    expect(answered.submission.values).toEqual({ valueOf: 'x' })
    expect(answered.submission.declined).toEqual(['toString'])
  })

  it('rejects input that is not an object of values', () => {
    const profile = emptyProfile('v-1')
    for (const values of [null, [], 'email=ada@example.com']) {
      const result = applySubmission(config, profile, { formId, values } as never, { now })
      expect(result.ok ? [] : result.errors.map((e) => [e.path, e.code])).toEqual([
        ['/values', 'invalid-type'],
      ])
    }
  })

  describe('with consents and answers that reveal fields (plan with the answers as draft)', () => {
    const known = (value: FieldValue) => ({ value, collectedAt: at, formId })
    const base: Profile = {
      visitorId: 'v-1',
      fields: {
        email: known('ada@example.com'),
        firstName: known('Ada'),
        lastName: known('Lovelace'),
        company: known('AE'),
        industry: known('it'),
        companySize: known('1000+'),
      },
      consents: [],
    }

    it('accepts a field revealed by a ticked consent when the same submission grants it', () => {
      const values = { email: 'ada@example.com', jobRole: 'specialist', phone: '+49 30 1234567' }
      const draftPlan = plan(base, { values, consents: { sales: true } })
      expect(draftPlan.fields.map((f) => f.id)).toEqual(['email', 'jobRole', 'phone'])

      const granted = applySubmission(
        config,
        base,
        { formId, values, consents: { sales: true } },
        { now },
      )
      if (!granted.ok) throw new Error(JSON.stringify(granted.errors))
      expect(granted.profile.fields.phone).toEqual(known('+49 30 1234567'))
      expect(granted.events.find((e) => e.purposeId === 'sales')?.decision).toBe('granted')

      const unticked = applySubmission(config, base, { formId, values, consents: {} }, { now })
      expect(unticked.ok ? [] : unticked.errors.map((e) => [e.path, e.code])).toEqual([
        ['/values/phone', 'consent-missing'],
      ])
      // Sent empty, it is still an answer to a question that is not asked.
      const empty = applySubmission(
        config,
        base,
        { formId, values: { ...values, phone: '' }, consents: {} },
        { now },
      )
      expect(empty.ok ? [] : empty.errors.map((e) => [e.path, e.code])).toEqual([
        ['/values/phone', 'consent-missing'],
      ])
      // Left out, the field is simply dropped: neither required nor recorded as declined.
      const { phone: _phone, ...withoutPhone } = values
      const left = applySubmission(
        config,
        base,
        { formId, values: withoutPhone, consents: {} },
        { now },
      )
      if (!left.ok) throw new Error(JSON.stringify(left.errors))
      expect(left.submission.fieldIds).toEqual(['email', 'jobRole'])
      expect(left.profile.fields.phone).toBeUndefined()
    })

    it('rechecks askIf with the submitted answers: a hidden required field never blocks', () => {
      const profile = {
        ...base,
        consents: [{ purposeId: 'sales', decision: 'granted' as const, version: 1, at }],
      }
      const asHead = plan(profile, { values: { jobRole: 'head' } })
      expect(asHead.fields.map((f) => f.id)).toEqual(['email', 'jobRole', 'budget', 'phone'])
      // The visitor changed the answer to "specialist": budget no longer applies.
      const changed = applySubmission(
        config,
        profile,
        { formId, values: { email: 'ada@example.com', jobRole: 'specialist' } },
        { now },
      )
      if (!changed.ok) throw new Error(JSON.stringify(changed.errors))
      expect(changed.submission.fieldIds).toEqual(['email', 'jobRole', 'phone'])
      expect(changed.submission.declined).toEqual(['phone'])

      const withBudget = applySubmission(
        config,
        profile,
        {
          formId: formId,
          values: { email: 'ada@example.com', jobRole: 'specialist', budget: '<10k' },
        },
        { now },
      )
      expect(withBudget.ok ? [] : withBudget.errors.map((e) => [e.path, e.code])).toEqual([
        ['/values/budget', 'condition-unmet'],
      ])
    })
  })

  it('records an optional field left empty as declined', () => {
    const profile: Profile = {
      visitorId: 'v-1',
      fields: Object.fromEntries(
        ['email', 'firstName', 'lastName', 'company', 'jobRole', 'industry', 'companySize'].map(
          (id) => [id, { value: id === 'jobRole' ? 'student' : 'x', collectedAt: at, formId }],
        ),
      ),
      consents: [{ purposeId: 'sales', decision: 'granted', version: 1, at }],
    }
    const later = new Date(now.getTime() + dayMs)
    const result = applySubmission(
      config,
      profile,
      { formId, values: { email: 'ada@example.com', phone: '  ' } },
      { now: later },
    )
    if (!result.ok) throw new Error(JSON.stringify(result.errors))
    expect(result.profile.fields.phone).toEqual({
      collectedAt: later.toISOString(),
      formId,
      declined: true,
    })
    expect(result.submission.declined).toEqual(['phone'])
    expect(result.submission.values).toEqual({ email: 'ada@example.com' })
  })

  it('keeps a known always field that is optional and left empty', () => {
    const optionalAlways = configSchema.parse({
      ...fixture,
      fields: fixture.fields.map((f) => (f.id === 'email' ? { ...f, required: false } : f)),
    })
    const profile: Profile = {
      visitorId: 'v',
      fields: { email: { value: 'ada@example.com', collectedAt: at, formId } },
      consents: [],
    }
    const result = applySubmission(
      optionalAlways,
      profile,
      { formId, values: { firstName: 'Ada', lastName: 'L', company: 'AE' } },
      { now },
    )
    if (!result.ok) throw new Error(JSON.stringify(result.errors))
    expect(result.profile.fields.email).toEqual(profile.fields.email)
  })

  it('records the locale of the text actually shown (the default when the locale has none)', () => {
    const profile = emptyProfile('v-1')
    const result = applySubmission(
      config,
      profile,
      { formId, values: firstAnswers, consents: { sales: true } },
      { now, locale: 'fr' },
    )
    if (!result.ok) throw new Error(JSON.stringify(result.errors))
    expect(result.submission.locale).toBe('fr')
    expect(result.events.map((e) => [e.locale, e.textHash])).toEqual([
      ['de', consentTextHash(config, 'newsletter', 'de')],
      ['de', consentTextHash(config, 'sales', 'de')],
    ])
  })
})

const runs = { numRuns: 1000 }
/** Ids no config of the arbitraries defines (built once: regex arbitraries are slow to build). */
const strangerId = fc.stringMatching(/^[a-z]{1,12}$/).map((id) => `${id}!`)

/** Plans with the answers as draft until the plan is stable, as a form does while typing. */
function settle(
  config: Config,
  profile: Profile,
  options: { formId: string; now: Date },
  values: Record<string, FieldValue | undefined>,
  consents: Record<string, boolean>,
): { plan: VisitPlan; values: Record<string, FieldValue | undefined> } | undefined {
  let current = planVisit(config, profile, { ...options, draft: { consents } })
  for (let round = 0; round < 6; round++) {
    const answered = Object.fromEntries(current.fields.map((f) => [f.id, values[f.id]]))
    const next = planVisit(config, profile, { ...options, draft: { values: answered, consents } })
    const ids = (p: VisitPlan) => p.fields.map((f) => f.id).join(' ')
    if (ids(next) === ids(current)) return { plan: next, values: answered }
    current = next
  }
  return undefined
}

/** Values for every field of a config: complete, or with optional fields sometimes left empty. */
const allValuesArb = (config: Config, complete: boolean) =>
  fc
    .tuple(
      ...config.fields.map((f) =>
        complete || f.required ? validValueArb(f) : fc.option(validValueArb(f), { nil: undefined }),
      ),
    )
    .map((values) => Object.fromEntries(config.fields.map((f, i) => [f.id, values[i]])))

describe('applySubmission invariants (random valid configs, profiles, answers and clocks)', () => {
  it('never grants a consent without an explicit true', { timeout: 60_000 }, () => {
    const consentValue = fc.oneof(
      { weight: 8, arbitrary: fc.constantFrom(true, false, undefined) },
      { weight: 1, arbitrary: fc.constantFrom(null, 'true', 'on', 1, 0, 'yes', [true]) },
      { weight: 1, arbitrary: fc.anything() },
    )
    // Half of the visitors decided nothing yet, so that consents are offered often.
    const scenarios = fc
      .tuple(scenarioArb(), fc.boolean())
      .map(([s, fresh]) => (fresh ? { ...s, profile: { ...s.profile, consents: [] } } : s))
    const arb = scenarios.chain((s) => {
      const visit = planVisit(s.config, s.profile, { formId: s.formId, now: s.now })
      return fc.record({
        s: fc.constant(s),
        visit: fc.constant(visit),
        answers: answersArb(visit, { consent: consentValue }),
      })
    })
    let granted = 0
    fc.assert(
      fc.property(arb, ({ s, visit, answers }) => {
        const result = applySubmission(
          s.config,
          s.profile,
          { formId: s.formId, ...answers },
          { now: s.now },
        )
        const given = (purposeId: string): unknown =>
          Object.hasOwn(answers.consents, purposeId) ? answers.consents[purposeId] : undefined
        for (const { purposeId } of visit.consents) {
          const value = given(purposeId)
          if (value !== undefined && typeof value !== 'boolean') {
            expect(result.ok ? [] : result.errors).toContainEqual(
              expect.objectContaining({ path: `/consents/${purposeId}`, code: 'invalid-consent' }),
            )
          }
        }
        if (!result.ok) return
        expect(result.events.map((e) => e.purposeId)).toEqual(
          visit.consents.map((c) => c.purposeId),
        )
        for (const event of result.events) {
          expect(event.decision === 'granted').toBe(given(event.purposeId) === true)
          if (event.decision === 'granted') granted += 1
        }
        const ledgerGrants = result.profile.consents.slice(s.profile.consents.length)
        expect(ledgerGrants).toEqual(result.events)
      }),
      runs,
    )
    // The property is only meaningful if grants did happen.
    expect(granted).toBeGreaterThan(50)
  })

  it('never accepts a field outside the plan', { timeout: 60_000 }, () => {
    const arb = scenarioArb().chain((s) => {
      const visit = planVisit(s.config, s.profile, { formId: s.formId, now: s.now })
      const planned = new Set(visit.fields.map((f) => f.id))
      const outside = s.config.fields.filter((f) => !planned.has(f.id))
      const extra = fc.oneof(
        ...(outside.length > 0
          ? [
              fc
                .constantFrom(...outside)
                .chain((f) => fc.tuple(fc.constant(f.id), validValueArb(f))),
            ]
          : []),
        fc.tuple(strangerId, fc.string()),
      )
      return fc.record({
        s: fc.constant(s),
        visit: fc.constant(visit),
        answers: answersArb(visit),
        extra,
      })
    })
    fc.assert(
      fc.property(arb, ({ s, answers, extra: [id, value] }) => {
        const values = { ...answers.values, [id]: value }
        const input = { formId: s.formId, values, consents: answers.consents }
        const draft = { values, consents: answers.consents } as Draft
        // The plan applySubmission checks against: the answers as draft may reveal the field.
        const plan = planVisit(s.config, s.profile, { formId: s.formId, now: s.now, draft })
        fc.pre(!plan.fields.some((f) => f.id === id))
        const result = applySubmission(s.config, s.profile, input, { now: s.now })
        const reason = plan.decisions.find((d) => d.fieldId === id)?.reason
        // Not asked with these answers for want of a consent or a condition: refused so.
        const conditional = reason === 'consent-missing' || reason === 'condition-unmet'
        expect(result.ok).toBe(false)
        if (!result.ok)
          expect(result.errors).toContainEqual(
            expect.objectContaining({
              path: `/values/${id}`,
              code: conditional ? reason : 'not-asked',
            }),
          )
      }),
      runs,
    )
  })

  it('does not ask again in the next plan what was just answered', { timeout: 60_000 }, () => {
    const arb = scenarioArb().chain((s) =>
      fc.record({
        s: fc.constant(s),
        values: allValuesArb(s.config, false),
        consents: draftArb(s.config).map((d) => d.consents),
      }),
    )
    let answeredOutsideAlways = 0
    fc.assert(
      fc.property(arb, ({ s, values, consents }) => {
        const settled = settle(
          s.config,
          s.profile,
          { formId: s.formId, now: s.now },
          values,
          consents,
        )
        fc.pre(settled !== undefined)
        const offered = new Set(settled!.plan.consents.map((c) => c.purposeId))
        const given = Object.fromEntries(Object.entries(consents).filter(([id]) => offered.has(id)))
        const result = applySubmission(
          s.config,
          s.profile,
          { formId: s.formId, values: settled!.values, consents: given },
          { now: s.now },
        )
        if (!result.ok) throw new Error(JSON.stringify(result.errors))
        const next = planVisit(s.config, result.profile, {
          formId: s.formId,
          now: new Date(s.now.getTime() + 60_000),
        })
        const answered = new Set(Object.keys(result.submission.values))
        for (const field of next.fields) {
          if (field.reason !== 'always') expect(answered.has(field.id)).toBe(false)
        }
        const always = new Set(
          settled!.plan.fields.filter((f) => f.reason === 'always').map((f) => f.id),
        )
        answeredOutsideAlways += [...answered].filter((id) => !always.has(id)).length
      }),
      runs,
    )
    // Only meaningful when many sequence fields were answered.
    expect(answeredOutsideAlways).toBeGreaterThan(300)
  })

  it(
    'lets a visitor who answers everything finish a sequence of n fields in ceil(n / perVisit) visits',
    { timeout: 60_000 },
    () => {
      const arb = configArb({ unconditioned: true }).chain((config) =>
        fc.record({
          config: fc.constant(config),
          formId: fc.constantFrom(...config.forms.map((f) => f.id)),
          now: fc.date({
            min: new Date('2021-01-01T00:00:00.000Z'),
            max: new Date('2029-01-01T00:00:00.000Z'),
            noInvalidDate: true,
          }),
          values: allValuesArb(config, true),
        }),
      )
      let multiVisit = 0
      fc.assert(
        fc.property(arb, ({ config, formId, now, values }) => {
          const form = config.forms.find((f) => f.id === formId)!
          const consents = Object.fromEntries(form.offerConsents.map((id) => [id, true]))
          let profile = emptyProfile('v')
          let visits = 0
          for (;;) {
            const when = new Date(now.getTime() + visits * 3_600_000)
            const draft = { values, consents }
            const visit = planVisit(config, profile, { formId, now: when, draft })
            const fresh = visit.fields.filter((f) => f.reason !== 'always')
            if (fresh.length === 0) break
            visits += 1
            const remaining = form.sequence.length - (visits - 1) * form.perVisit
            expect(fresh.length).toBe(Math.min(form.perVisit, remaining))
            const answers = Object.fromEntries(visit.fields.map((f) => [f.id, values[f.id]]))
            const offered = Object.fromEntries(visit.consents.map((c) => [c.purposeId, true]))
            const result = applySubmission(
              config,
              profile,
              { formId, values: answers, consents: offered },
              { now: when },
            )
            if (!result.ok) throw new Error(JSON.stringify(result.errors))
            profile = result.profile
          }
          expect(visits).toBe(Math.ceil(form.sequence.length / form.perVisit))
          if (visits > 1) multiVisit += 1
        }),
        runs,
      )
      // Only meaningful when many visitors needed several visits.
      expect(multiVisit).toBeGreaterThan(200)
    },
  )
})

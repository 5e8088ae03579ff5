import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { configSchema } from '../../src/config/configSchema'
import { consentState } from '../../src/plan/consentState'
import { emptyProfile } from '../../src/profile/emptyProfile'
import { isKnown } from '../../src/plan/isKnown'
import { planVisit } from '../../src/plan/planVisit'
import type { ConsentEvent, Decision, FieldRecord, Profile, VisitPlan } from '../../src/types'
import { dayMs, draftArb, scenarioArb } from '../arbitraries'
import fixture from '../fixtures/b2b-whitepaper.json'

const config = configSchema.parse(fixture)
const now = new Date('2025-06-02T09:00:00.000Z')
const daysAgo = (days: number): string => new Date(now.getTime() - days * dayMs).toISOString()

const known = (value: string, days = 10): FieldRecord => ({
  value,
  collectedAt: daysAgo(days),
  formId: 'whitepaper',
})
const event = (
  purposeId: string,
  decision: ConsentEvent['decision'],
  days = 10,
  version = purposeId === 'newsletter' ? 2 : 1,
): ConsentEvent => ({ purposeId, decision, version, at: daysAgo(days) })

function profileWith(fields: Record<string, FieldRecord>, consents: ConsentEvent[] = []): Profile {
  return { visitorId: 'v-1', fields, consents }
}

/** A visitor who gave the first visit's answers. */
const firstVisitDone = {
  email: known('ada@example.com'),
  firstName: known('Ada'),
  lastName: known('Lovelace'),
  company: known('Analytical Engines Ltd'),
}
const salesGranted = [event('sales', 'granted')]

const reasons = (plan: VisitPlan): Record<string, Decision['reason']> =>
  Object.fromEntries(plan.decisions.map((d) => [d.fieldId, d.reason]))
const asked = (plan: VisitPlan): string[] => plan.fields.map((f) => f.id)
const offered = (plan: VisitPlan): string[] => plan.consents.map((c) => c.purposeId)

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const child of Object.values(value)) deepFreeze(child)
    Object.freeze(value)
  }
  return value
}

describe('planVisit on the whitepaper form', () => {
  it('asks a new visitor the e-mail and the first three fields of the sequence', () => {
    const plan = planVisit(config, emptyProfile('v-1'), { formId: 'whitepaper', now })
    expect(asked(plan)).toEqual(['email', 'firstName', 'lastName', 'company'])
    expect(plan.fields.map((f) => f.reason)).toEqual(['always', 'unknown', 'unknown', 'unknown'])
    expect(plan.fields[0]?.field).toBe(config.fields[0])
    expect(reasons(plan)).toEqual({
      email: 'always',
      firstName: 'unknown',
      lastName: 'unknown',
      company: 'unknown',
      jobRole: 'limit-reached',
      industry: 'limit-reached',
      companySize: 'limit-reached',
      budget: 'consent-missing',
      phone: 'consent-missing',
    })
    expect(plan.consents).toEqual([
      { purposeId: 'newsletter', purpose: config.purposes[1], reason: 'none' },
      { purposeId: 'sales', purpose: config.purposes[2], reason: 'none' },
    ])
    expect(plan.complete).toBe(false)
  })

  it('does not ask known fields again and moves on in the sequence', () => {
    const plan = planVisit(config, profileWith(firstVisitDone), { formId: 'whitepaper', now })
    expect(asked(plan)).toEqual(['email', 'jobRole', 'industry', 'companySize'])
    expect(reasons(plan)).toMatchObject({
      email: 'always',
      firstName: 'known',
      lastName: 'known',
      company: 'known',
    })
  })

  it('counts a record without a value as known ("known and when" in the browser)', () => {
    const fields = {
      ...firstVisitDone,
      firstName: { collectedAt: daysAgo(3), formId: 'checklist' },
    }
    const plan = planVisit(config, profileWith(fields), { formId: 'whitepaper', now })
    expect(reasons(plan).firstName).toBe('known')
  })

  it('asks a field again once it is older than maxAgeDays (time travel)', () => {
    const fields = {
      ...firstVisitDone,
      jobRole: known('head', 365),
      industry: known('it', 400),
      companySize: known('50-249', 365),
    }
    const onTheDay = planVisit(config, profileWith(fields), { formId: 'whitepaper', now })
    expect(reasons(onTheDay)).toMatchObject({ jobRole: 'known', companySize: 'known' })
    expect(reasons(onTheDay).industry).toBe('known') // no maxAgeDays: never stale

    const dayAfter = new Date(now.getTime() + dayMs)
    const later = planVisit(config, profileWith(fields), { formId: 'whitepaper', now: dayAfter })
    expect(later.fields.filter((f) => f.reason === 'stale').map((f) => f.id)).toEqual([
      'jobRole',
      'companySize',
    ])
  })

  it('never asks a field whose consent purpose is not granted', () => {
    const fields = {
      ...firstVisitDone,
      jobRole: known('head'),
      industry: known('it'),
      companySize: known('1000+'),
    }
    for (const consents of [
      [],
      [event('sales', 'denied')],
      [event('sales', 'granted'), event('sales', 'withdrawn', 5)],
    ]) {
      const plan = planVisit(config, profileWith(fields, consents), { formId: 'whitepaper', now })
      expect(asked(plan)).toEqual(['email'])
      expect(reasons(plan)).toMatchObject({ budget: 'consent-missing', phone: 'consent-missing' })
    }
    const granted = planVisit(config, profileWith(fields, salesGranted), {
      formId: 'whitepaper',
      now,
    })
    expect(asked(granted)).toEqual(['email', 'budget', 'phone'])
  })

  it('evaluates askIf over known values: budget only for c-level and heads of department', () => {
    const base = { ...firstVisitDone, industry: known('it'), companySize: known('1000+') }
    const head = planVisit(config, profileWith({ ...base, jobRole: known('head') }, salesGranted), {
      formId: 'whitepaper',
      now,
    })
    expect(reasons(head).budget).toBe('unknown')
    const specialist = planVisit(
      config,
      profileWith({ ...base, jobRole: known('specialist') }, salesGranted),
      { formId: 'whitepaper', now },
    )
    expect(reasons(specialist).budget).toBe('condition-unmet')
    // A stale answer is no longer a known value.
    const stale = planVisit(
      config,
      profileWith({ ...base, jobRole: known('head', 400) }, salesGranted),
      { formId: 'whitepaper', now },
    )
    expect(reasons(stale)).toMatchObject({ jobRole: 'stale', budget: 'condition-unmet' })
  })

  it('shows a dependent field as soon as the draft answer it depends on is given', () => {
    const fields = { ...firstVisitDone, industry: known('it'), companySize: known('1000+') }
    const profile = profileWith(fields, salesGranted)
    const before = planVisit(config, profile, { formId: 'whitepaper', now })
    expect(asked(before)).toEqual(['email', 'jobRole', 'phone'])
    expect(reasons(before).budget).toBe('condition-unmet')

    const typing = planVisit(config, profile, {
      formId: 'whitepaper',
      now,
      draft: { values: { jobRole: 'c-level' } },
    })
    expect(asked(typing)).toEqual(['email', 'jobRole', 'budget', 'phone'])
    // The draft answer comes first, even over a known value.
    const changedMind = planVisit(
      config,
      profileWith({ ...fields, jobRole: known('head') }, salesGranted),
      { formId: 'whitepaper', now, draft: { values: { jobRole: 'student' } } },
    )
    expect(reasons(changedMind).budget).toBe('condition-unmet')
  })

  it('counts a ticked (draft) consent as granted for this plan, within perVisit', () => {
    const fields = {
      ...firstVisitDone,
      jobRole: known('specialist'),
      industry: known('it'),
      companySize: known('1000+'),
    }
    const plan = planVisit(config, profileWith(fields), {
      formId: 'whitepaper',
      now,
      draft: { consents: { sales: true } },
    })
    expect(asked(plan)).toEqual(['email', 'phone'])
    expect(offered(plan)).toEqual(['newsletter', 'sales'])

    // The budget stays: it takes only one new field per visit here.
    const tight = configSchema.parse({
      ...fixture,
      forms: [{ ...fixture.forms[0], perVisit: 1 }],
    })
    const fresh = planVisit(tight, emptyProfile('v-2'), {
      formId: 'whitepaper',
      now,
      draft: { consents: { sales: true } },
    })
    expect(asked(fresh)).toEqual(['email', 'firstName'])
    expect(reasons(fresh).phone).toBe('limit-reached')
  })

  it('does not count a draft consent for a double opt-in purpose or a purpose not offered', () => {
    const newsletterPhone = configSchema.parse({
      ...fixture,
      fields: fixture.fields.map((f) =>
        f.id === 'phone' ? { ...f, purposes: ['newsletter'] } : f,
      ),
    })
    const fields = {
      ...firstVisitDone,
      jobRole: known('specialist'),
      industry: known('it'),
      companySize: known('1000+'),
    }
    const doubleOptIn = planVisit(newsletterPhone, profileWith(fields), {
      formId: 'whitepaper',
      now,
      draft: { consents: { newsletter: true } },
    })
    expect(reasons(doubleOptIn).phone).toBe('consent-missing')

    // sales was denied before, so it is not offered again; a draft `true` changes nothing.
    const denied = planVisit(config, profileWith(fields, [event('sales', 'denied')]), {
      formId: 'whitepaper',
      now,
      draft: { consents: { sales: true } },
    })
    expect(offered(denied)).toEqual(['newsletter'])
    expect(reasons(denied).phone).toBe('consent-missing')
  })

  it('puts declined optional fields behind every other unknown field', () => {
    const optionalLastName = configSchema.parse({
      ...fixture,
      fields: fixture.fields.map((f) => (f.id === 'lastName' ? { ...f, required: false } : f)),
    })
    const declined = { collectedAt: daysAgo(20), formId: 'whitepaper', declined: true }
    const profile = profileWith({ email: known('ada@example.com'), lastName: declined })
    const plan = planVisit(optionalLastName, profile, { formId: 'whitepaper', now })
    expect(asked(plan)).toEqual(['email', 'firstName', 'company', 'jobRole'])
    expect(reasons(plan).lastName).toBe('limit-reached')

    // Once the rest of the sequence is known (or cannot be asked), it comes back.
    const later = profileWith({
      ...firstVisitDone,
      lastName: declined,
      jobRole: known('head'),
      industry: known('it'),
    })
    const again = planVisit(optionalLastName, later, { formId: 'whitepaper', now })
    expect(asked(again)).toEqual(['email', 'lastName', 'companySize'])
    expect(again.fields.find((f) => f.id === 'lastName')?.reason).toBe('unknown')
  })

  it('offers consents in state none, outdated or expired, never denied, withdrawn, pending or granted', () => {
    const offers = (consents: ConsentEvent[], at = now): string[] =>
      offered(
        planVisit(config, profileWith(firstVisitDone, consents), { formId: 'whitepaper', now: at }),
      )
    expect(offers([])).toEqual(['newsletter', 'sales'])
    expect(offers([event('newsletter', 'denied'), event('sales', 'withdrawn')])).toEqual([])
    expect(offers([event('newsletter', 'granted'), event('sales', 'granted')])).toEqual([]) // pending
    const confirmed = [event('newsletter', 'granted', 800), event('newsletter', 'confirmed', 799)]
    expect(offers(confirmed)).toEqual(['newsletter', 'sales'])
    const plan = planVisit(config, profileWith(firstVisitDone, confirmed), {
      formId: 'whitepaper',
      now,
    })
    expect(plan.consents[0]?.reason).toBe('expired')
    const outdated = [
      event('newsletter', 'granted', 30, 1),
      event('newsletter', 'confirmed', 29, 1),
    ]
    const outdatedPlan = planVisit(config, profileWith(firstVisitDone, outdated), {
      formId: 'whitepaper',
      now,
    })
    expect(outdatedPlan.consents.map((c) => [c.purposeId, c.reason])).toEqual([
      ['newsletter', 'outdated'],
      ['sales', 'none'],
    ])
  })

  it('is complete when nothing new is asked and no consent is offered (open gate)', () => {
    const everything = {
      ...firstVisitDone,
      jobRole: known('specialist'),
      industry: known('it'),
      companySize: known('1000+'),
    }
    const decided = [event('newsletter', 'denied'), event('sales', 'denied')]
    const plan = planVisit(config, profileWith(everything, decided), { formId: 'whitepaper', now })
    expect(asked(plan)).toEqual(['email'])
    expect(plan.complete).toBe(true)

    // An offered consent, an unknown always field or a new field: not complete.
    expect(planVisit(config, profileWith(everything), { formId: 'whitepaper', now }).complete).toBe(
      false,
    )
    const { email: _email, ...withoutEmail } = everything
    expect(
      planVisit(config, profileWith(withoutEmail, decided), { formId: 'whitepaper', now }).complete,
    ).toBe(false)
    const { industry: _industry, ...withoutIndustry } = everything
    expect(
      planVisit(config, profileWith(withoutIndustry, decided), { formId: 'whitepaper', now })
        .complete,
    ).toBe(false)
  })

  it('takes the reasons in order: known, consent-missing, condition-unmet, limit-reached', () => {
    const fields = { ...firstVisitDone, budget: known('>50k') }
    const plan = planVisit(config, profileWith(fields), { formId: 'whitepaper', now })
    // budget is known although sales is not granted and its condition is not met.
    expect(reasons(plan).budget).toBe('known')
    // phone: no consent and no room left; consent comes first.
    expect(reasons(plan).phone).toBe('consent-missing')
  })

  it('throws a TypeError naming the unknown form and the known ones', () => {
    expect(() => planVisit(config, emptyProfile('v-1'), { formId: 'whitepapr', now })).toThrow(
      new TypeError('planVisit: unknown form "whitepapr". Known forms: "whitepaper", "checklist".'),
    )
  })

  it('plans the checklist form with its own sequence and perVisit', () => {
    const plan = planVisit(config, profileWith(firstVisitDone), { formId: 'checklist', now })
    expect(asked(plan)).toEqual(['email', 'industry', 'jobRole'])
    expect(reasons(plan)).toMatchObject({ company: 'known', companySize: 'limit-reached' })
    expect(offered(plan)).toEqual(['newsletter'])
  })

  it('never changes its inputs', () => {
    const profile = deepFreeze(profileWith(firstVisitDone, salesGranted))
    const draft = deepFreeze({ values: { jobRole: 'head' }, consents: { sales: true } })
    expect(() =>
      planVisit(deepFreeze(config), profile, { formId: 'whitepaper', now, draft }),
    ).not.toThrow()
  })

  it('reads only own records: a field called toString is unknown until answered', () => {
    const tricky = configSchema.parse({
      version: 1,
      purposes: [{ id: 'delivery', basis: 'contract', label: 'Delivery' }],
      fields: [{ id: 'toString', type: 'text', label: 'Text', purposes: ['delivery'] }],
      forms: [{ id: 'f', sequence: ['toString'] }],
    })
    const plan = planVisit(tricky, emptyProfile('v-1'), {
      formId: 'f',
      now,
      draft: { values: {} },
    })
    expect(plan.fields.map((f) => [f.id, f.reason])).toEqual([['toString', 'unknown']])
  })
})

const runs = { numRuns: 1000 }

describe('planVisit invariants (random valid configs, profiles, drafts and clocks)', () => {
  const withDraft = scenarioArb().chain((scenario) =>
    fc.record({ scenario: fc.constant(scenario), draft: draftArb(scenario.config) }),
  )

  it('never asks more than perVisit new fields', { timeout: 60_000 }, () => {
    fc.assert(
      fc.property(withDraft, ({ scenario: { config, formId, profile, now }, draft }) => {
        const plan = planVisit(config, profile, { formId, now, draft })
        const form = config.forms.find((f) => f.id === formId)!
        expect(plan.fields.filter((f) => f.reason !== 'always').length).toBeLessThanOrEqual(
          form.perVisit,
        )
      }),
      runs,
    )
  })

  it(
    'never asks a field whose consent purpose is not granted (or ticked in this form)',
    { timeout: 60_000 },
    () => {
      fc.assert(
        fc.property(withDraft, ({ scenario: { config, formId, profile, now }, draft }) => {
          const plan = planVisit(config, profile, { formId, now, draft })
          const offeredIds = new Set(plan.consents.map((c) => c.purposeId))
          for (const { field } of plan.fields) {
            for (const purposeId of field.purposes) {
              const purpose = config.purposes.find((p) => p.id === purposeId)!
              if (purpose.basis !== 'consent') continue
              const state = consentState(config, profile, purposeId, now)
              const ticked =
                offeredIds.has(purposeId) &&
                !purpose.doubleOptIn &&
                draft.consents[purposeId] === true
              expect(state === 'granted' || ticked).toBe(true)
            }
          }
        }),
        runs,
      )
    },
  )

  it('never asks a known, fresh field outside always', { timeout: 60_000 }, () => {
    fc.assert(
      fc.property(withDraft, ({ scenario: { config, formId, profile, now }, draft }) => {
        const plan = planVisit(config, profile, { formId, now, draft })
        for (const { id, field, reason } of plan.fields) {
          if (reason === 'always') continue
          const record = Object.hasOwn(profile.fields, id) ? profile.fields[id] : undefined
          expect(isKnown(field, record, now)).toBe(false)
        }
      }),
      runs,
    )
  })

  it(
    'gives every field of the form exactly one decision, consistent with the plan',
    { timeout: 60_000 },
    () => {
      fc.assert(
        fc.property(withDraft, ({ scenario: { config, formId, profile, now }, draft }) => {
          const plan = planVisit(config, profile, { formId, now, draft })
          const form = config.forms.find((f) => f.id === formId)!
          const ids = plan.decisions.map((d) => d.fieldId)
          expect(ids).toEqual([...form.always, ...form.sequence])
          expect(plan.decisions.filter((d) => d.ask).map((d) => d.fieldId)).toEqual(asked(plan))
        }),
        runs,
      )
    },
  )

  it('gives an equal plan for the same inputs', { timeout: 60_000 }, () => {
    fc.assert(
      fc.property(withDraft, ({ scenario: { config, formId, profile, now }, draft }) => {
        const first = planVisit(config, profile, { formId, now, draft })
        const copy = structuredClone(profile)
        const second = planVisit(config, copy, {
          formId,
          now: new Date(now.getTime()),
          draft: structuredClone(draft),
        })
        expect(second).toEqual(first)
      }),
      runs,
    )
  })
})

import { describe, expect, it, vi } from 'vitest'
import { createFormSession } from '../../src/runtime/createFormSession'
import { createTrickle, type TrickleOptions } from '../../src/runtime/createTrickle'
import { parseConfig } from '../../src/config/parseConfig'
import * as planner from '../../src/plan/planVisit'
import type { Config, ConfigInput, Transport, TrickleEvent } from '../../src/types'
import fixture from '../fixtures/b2b-whitepaper.json'

vi.mock('../../src/plan/planVisit', async (importOriginal) => {
  const original = await importOriginal<typeof planner>()
  return { planVisit: vi.fn(original.planVisit) }
})
const planVisit = vi.mocked(planner.planVisit)

function parse(input: unknown): Config {
  const result = parseConfig(input)
  if (!result.ok) throw new Error(JSON.stringify(result.issues))
  return result.config
}

const config = parse(fixture)
/** One always-asked field and an open gate: complete as soon as the e-mail is known. */
const small = parse({
  version: 1,
  locales: ['en'],
  purposes: [{ id: 'delivery', basis: 'contract', label: 'Send it' }],
  fields: [{ id: 'email', type: 'email', label: 'E-mail', purposes: ['delivery'] }],
  forms: [{ id: 'guide', always: ['email'], sequence: [], openGate: true }],
} satisfies ConfigInput)

const now = () => new Date('2025-06-01T12:00:00.000Z')
const first = { email: 'ada@example.com', firstName: 'Ada', lastName: 'Lovelace', company: 'ACME' }

function setup(options: Partial<TrickleOptions> = {}) {
  const events: TrickleEvent[] = []
  const trickle = createTrickle({
    config,
    now,
    onEvent: (event) => events.push(event),
    ...options,
  })
  return { trickle, events }
}

const ids = (plan: { fields: { id: string }[] }) => plan.fields.map((field) => field.id)
const plannerCalls = <T>(run: () => T): { result: T; calls: number } => {
  planVisit.mockClear()
  const result = run()
  return { result, calls: planVisit.mock.calls.length }
}

describe('createFormSession: snapshots', () => {
  it('returns the same snapshot until something in it changes', () => {
    const { trickle } = setup()
    const session = createFormSession(trickle, 'whitepaper')
    const snapshot = session.getSnapshot()
    expect(session.getSnapshot()).toBe(snapshot)
    expect(snapshot).toMatchObject({
      formId: 'whitepaper',
      defined: true,
      gate: 'form',
      status: 'idle',
      error: null,
      fieldErrors: {},
      formErrors: [],
      downloadUrl: null,
      known: false,
      kiosk: false,
      keptInput: null,
    })
    expect(ids(snapshot.plan)).toEqual(['email', 'firstName', 'lastName', 'company'])
    // Another form's state changes the store, not this form: the snapshot keeps its identity.
    trickle.unlock('checklist')
    expect(session.getSnapshot()).toBe(snapshot)
  })

  it('re-plans only for answers the plan depends on, and tells listeners only of changes', () => {
    const { trickle } = setup()
    const session = createFormSession(trickle, 'whitepaper')
    expect(session.dependencies).toEqual([
      'values.jobRole',
      'consents.newsletter',
      'consents.sales',
    ])
    const listener = vi.fn()
    session.subscribe(listener)
    const before = session.getSnapshot()

    const typing = plannerCalls(() => {
      session.setAnswer('email', 'ada@example.com')
      session.setAnswer('firstName', 'Ada')
      return session.getSnapshot()
    })
    expect(typing.calls).toBe(0)
    expect(typing.result).toBe(before)
    expect(listener).not.toHaveBeenCalled()

    // Ticking the sales consent makes the phone field askable: one re-plan, one notification.
    const ticked = plannerCalls(() => {
      session.setDraft({ values: { email: 'ada@example.com' }, consents: { sales: true } })
      return session.getSnapshot()
    })
    expect(ticked.calls).toBe(1)
    expect(listener).toHaveBeenCalledTimes(1)
    expect(ticked.result).not.toBe(before)
    expect(ticked.result.plan.consents.map((c) => c.purposeId)).toEqual(['newsletter', 'sales'])
  })

  it('keeps the plan object when a re-plan gives an equal plan', () => {
    const { trickle } = setup()
    const session = createFormSession(trickle, 'whitepaper')
    const { plan } = session.getSnapshot()
    session.setAnswer('jobRole', 'specialist')
    expect(session.getSnapshot().plan).toBe(plan)
  })
})

describe('createFormSession: transitions', () => {
  it('submits the planned answers, unlocks a gate and clears the draft', async () => {
    const requests: unknown[] = []
    const transport: Transport = (request) => {
      requests.push(request.values)
      return Promise.resolve({ downloadUrl: '/d/1' })
    }
    const { trickle, events } = setup({ transport })
    const onSubmitted = vi.fn()
    const session = createFormSession(trickle, 'whitepaper', {
      gate: { href: '/paper.pdf' },
      onSubmitted,
    })
    const seen: string[] = []
    session.subscribe(() =>
      seen.push(`${session.getSnapshot().status}/${session.getSnapshot().gate}`),
    )
    // An answer to a field the plan does not ask is never sent.
    session.setDraft({ values: { ...first, budget: '<10k' }, consents: { newsletter: true } })
    const result = await session.submit()
    expect(result.ok).toBe(true)
    expect(requests).toEqual([first])
    expect(seen).toEqual(['submitting/form', 'success/ready'])
    expect(session.getSnapshot()).toMatchObject({ gate: 'ready', downloadUrl: '/d/1', known: true })
    expect(onSubmitted).toHaveBeenCalledWith(result)
    expect(events.filter((e) => e.type === 'download-unlocked')).toEqual([
      { type: 'download-unlocked', formId: 'whitepaper', href: '/paper.pdf', oneClick: false },
    ])
    // The draft is gone: the next visit's form starts empty.
    const again = await createFormSession(trickle, 'checklist').submit()
    expect(again.ok).toBe(false)
  })

  it('maps invalid answers to fields and keeps the answers', async () => {
    const { trickle } = setup()
    const session = createFormSession(trickle, 'whitepaper')
    session.setDraft({ values: { email: 'not an address', firstName: 'Ada' } })
    const result = await session.submit()
    expect(!result.ok && result.error.code).toBe('invalid')
    const snapshot = session.getSnapshot()
    expect(snapshot.status).toBe('error')
    expect(Object.keys(snapshot.fieldErrors)).toEqual(['email', 'lastName', 'company'])
    expect(snapshot.fieldErrors.email?.code).toBe('invalid-email')
    expect(snapshot.formErrors).toEqual([])
    expect(snapshot.keptInput?.values).toMatchObject({ email: 'not an address', firstName: 'Ada' })
    expect(session.getSnapshot()).toBe(snapshot)
  })

  it('maps a server refusal: planned fields by id, the rest to the form', async () => {
    const errors = [
      { path: '/values/email', code: 'invalid-email', message: 'Check the address.' },
      { path: '/values/budget', code: 'not-asked', message: 'Not asked.' },
      { path: '/consents/sales', code: 'invalid-consent', message: 'Yes or no.' },
      { path: '/values/email', code: 'too-long', message: 'Shorter.' },
    ]
    const transport: Transport = () => Promise.reject(Object.assign(new Error('422'), { errors }))
    const { trickle } = setup({ transport })
    const session = createFormSession(trickle, 'whitepaper')
    session.setDraft({ values: first })
    const result = await session.submit()
    expect(!result.ok && result.error.code).toBe('transport')
    const { fieldErrors, formErrors, status } = session.getSnapshot()
    expect(status).toBe('error')
    expect(fieldErrors).toEqual({ email: errors[0] })
    expect(formErrors).toEqual([errors[1], errors[2]])
  })

  it('offers one click when nothing is left to ask, and records it as one click', async () => {
    const { trickle, events } = setup({ config: small })
    const session = createFormSession(trickle, 'guide', { gate: { href: '/guide.pdf' } })
    expect(session.getSnapshot().gate).toBe('form')
    // Answered elsewhere (another form of the page), never unlocked here.
    expect((await trickle.submit('guide', { values: { email: 'ada@example.com' } })).ok).toBe(true)
    expect(session.getSnapshot().gate).toBe('ready') // the success view of that submission
    trickle.dismiss('guide')
    expect(session.getSnapshot().gate).toBe('one-click')
    session.unlock()
    expect(events.at(-1)).toEqual({
      type: 'download-unlocked',
      formId: 'guide',
      href: '/guide.pdf',
      oneClick: true,
    })
    expect(session.getSnapshot().gate).toBe('ready')
  })

  it('starts over: no profile, no draft', async () => {
    const { trickle } = setup()
    const session = createFormSession(trickle, 'whitepaper')
    session.setDraft({ values: first })
    await session.submit()
    expect(session.getSnapshot().known).toBe(true)
    session.setAnswer('jobRole', 'head')
    session.startOver()
    const snapshot = session.getSnapshot()
    expect(snapshot).toMatchObject({ known: false, status: 'idle', gate: 'form' })
    expect(ids(snapshot.plan)).toEqual(['email', 'firstName', 'lastName', 'company'])
    const empty = await session.submit()
    expect(!empty.ok && Object.keys(session.getSnapshot().fieldErrors)).toEqual([
      'email',
      'firstName',
      'lastName',
      'company',
    ])
  })

  it('dismisses a kiosk gate for the next person, also when the UI goes away', async () => {
    const { trickle } = setup({ persist: 'none' })
    const session = createFormSession(trickle, 'whitepaper', { gate: { href: '/p.pdf' } })
    expect(session.getSnapshot().kiosk).toBe(true)
    session.setDraft({ values: first })
    await session.submit()
    // Kiosk: the profile is gone at once, the success view stays until dismissed.
    expect(session.getSnapshot()).toMatchObject({ gate: 'ready', known: false })
    session.dismiss()
    expect(session.getSnapshot()).toMatchObject({ gate: 'form', status: 'idle' })
    session.setDraft({ values: first })
    await session.submit()
    session.destroy()
    expect(trickle.getState().forms).toEqual({})
  })

  it('announces the shown form once per content while subscribed, never a ready gate', async () => {
    const { trickle, events } = setup()
    const shown = () => events.filter((e) => e.type === 'plan-shown').length
    const session = createFormSession(trickle, 'whitepaper')
    session.setAnswer('firstName', 'Ada')
    expect(shown()).toBe(0) // nobody shows it yet
    const unsubscribe = session.subscribe(() => undefined)
    expect(shown()).toBe(1)
    // Re-plans that ask the same fields and consents are the same form to the visitor.
    session.setDraft({ values: first, consents: { sales: true } })
    session.setDraft({ values: first, consents: {} })
    expect(shown()).toBe(1)
    await session.submit()
    expect(shown()).toBe(2) // the next plan (job role, industry, company size)
    unsubscribe()

    trickle.unlock('whitepaper')
    const gate = createFormSession(trickle, 'whitepaper', { gate: { href: '/p.pdf' } })
    gate.subscribe(() => undefined)
    expect(gate.getSnapshot().gate).toBe('ready')
    expect(shown()).toBe(2)
  })

  it('plans nothing and sends nothing for a form the config does not define', async () => {
    const requests: unknown[] = []
    const { trickle, events } = setup({
      transport: (request) => {
        requests.push(request)
        return Promise.resolve(undefined)
      },
    })
    const session = createFormSession(trickle, 'whitepapr')
    expect(session.getSnapshot()).toMatchObject({ defined: false, gate: 'form' })
    expect(session.getSnapshot().plan.fields).toEqual([])
    session.subscribe(() => undefined)
    expect(events).toEqual([{ type: 'unknown-form', formId: 'whitepapr' }])
    expect((await session.submit()).ok).toBe(false)
    expect(requests).toEqual([])
  })

  it('stops notifying after unsubscribe and destroy', () => {
    const { trickle } = setup()
    const session = createFormSession(trickle, 'whitepaper')
    const listener = vi.fn()
    const unsubscribe = session.subscribe(listener)
    unsubscribe()
    session.setDraft({ values: {}, consents: { sales: true } })
    session.subscribe(listener)
    session.destroy()
    session.setDraft({ values: {}, consents: {} })
    trickle.reset()
    expect(listener).not.toHaveBeenCalled()
  })
})

describe('planner calls per submission in the browser', () => {
  it('trickle.submit plans once, with the answers as draft', async () => {
    const { trickle } = setup()
    planVisit.mockClear()
    const result = await trickle.submit('whitepaper', { values: first, consents: { sales: true } })
    expect(result.ok).toBe(true)
    expect(planVisit).toHaveBeenCalledTimes(1)
    expect(planVisit.mock.calls[0]?.[2].draft?.consents).toEqual({ sales: true })
  })

  it('a session plans once to submit, then once for what it shows next', async () => {
    const { trickle } = setup()
    const session = createFormSession(trickle, 'whitepaper')
    session.subscribe(() => undefined)
    session.setDraft({ values: first })
    session.getSnapshot()
    planVisit.mockClear()
    await session.submit()
    expect(planVisit).toHaveBeenCalledTimes(2)
    // The first with the answers (the check), the second for the profile that holds them.
    const [check, next] = planVisit.mock.calls
    expect(check?.[2].draft?.values).toMatchObject(first)
    expect(Object.keys(check?.[1].fields ?? {})).toEqual([])
    expect(Object.keys(next?.[1].fields ?? {})).toEqual(Object.keys(first))
  })
})

import { describe, expect, it, vi } from 'vitest'
import { configSchema } from '../../src/config/configSchema'
import { consentState } from '../../src/plan/consentState'
import { createTrickle, type Trickle, type TrickleOptions } from '../../src/runtime/createTrickle'
import { exportProfile } from '../../src/profile/exportProfile'
import { HttpTransportError } from '../../src/runtime/httpTransport'
import { memoryStorage } from '../../src/runtime/memoryStorage'
import { parseProfile } from '../../src/profile/parseProfile'
import type { Transport, TransportRequest, TrickleEvent } from '../../src/types'
import fixture from '../fixtures/b2b-whitepaper.json'

const config = configSchema.parse(fixture)
const now = () => new Date('2025-06-01T12:00:00.000Z')
const firstVisit = {
  values: { email: 'ada@example.com', firstName: 'Ada', lastName: 'Lovelace', company: 'ACME' },
  consents: { newsletter: false, sales: true },
}

function setup(options: Partial<TrickleOptions> = {}) {
  const events: TrickleEvent[] = []
  const storage = options.storage ?? memoryStorage()
  const trickle = createTrickle({
    config,
    storage,
    now,
    onEvent: (event) => events.push(event),
    ...options,
  })
  return { trickle, events, storage }
}

/** A transport whose answer the test decides. */
function controlledTransport() {
  const requests: TransportRequest[] = []
  const pending: {
    resolve: (value: { downloadUrl?: string }) => void
    reject: (e: Error) => void
  }[] = []
  const transport: Transport = (request) =>
    new Promise((resolve, reject) => {
      requests.push(request)
      pending.push({ resolve, reject })
    })
  return { transport, requests, pending }
}

const askedIds = (plan: { fields: { id: string }[] }) => plan.fields.map((field) => field.id)

describe('createTrickle: state and plan', () => {
  it('starts hydrated with an empty profile and exposes the zustand store API', () => {
    const { trickle } = setup()
    const state = trickle.getState()
    expect(state).toMatchObject({ hydrated: true, forms: {}, unlocked: {} })
    expect(state.profile.fields).toEqual({})
    expect(trickle.getInitialState()).toBe(state)
    expect(trickle.config).toBe(config)
  })

  it('returns the same plan object while the profile and the plan are unchanged', () => {
    const { trickle } = setup()
    const plan = trickle.plan('whitepaper')
    expect(trickle.plan('whitepaper')).toBe(plan)
    expect(trickle.plan('whitepaper', { values: { firstName: 'A' } })).toBe(plan)
    expect(trickle.plan('whitepaper', { values: { firstName: 'A' } })).toBe(plan)
    expect(askedIds(plan)).toEqual(['email', 'firstName', 'lastName', 'company'])
  })

  it('returns a new plan when a draft changes it, and the old one again when it changes back', () => {
    const { trickle } = setup()
    const plain = trickle.plan('whitepaper')
    const consenting = trickle.plan('whitepaper', { consents: { sales: true } })
    expect(consenting).not.toBe(plain)
    expect(consenting.decisions.find((d) => d.fieldId === 'budget')?.reason).not.toBe(
      'consent-missing',
    )
    expect(trickle.plan('whitepaper', { consents: { sales: true } })).toBe(consenting)
    // Two components planning one form with different drafts never make each other loop.
    expect(trickle.plan('whitepaper')).toBe(plain)
    expect(trickle.plan('whitepaper', { consents: { sales: true } })).toBe(consenting)
  })

  it('plans again after a submit changed the profile', async () => {
    const { trickle } = setup()
    const before = trickle.plan('whitepaper')
    await trickle.submit('whitepaper', firstVisit)
    const after = trickle.plan('whitepaper')
    expect(after).not.toBe(before)
    expect(askedIds(after)).toEqual(['email', 'jobRole', 'industry', 'companySize'])
  })

  it('throws a clear error for an unknown form', () => {
    const { trickle } = setup()
    expect(() => trickle.plan('ebook')).toThrow(/unknown form "ebook"/)
    expect(() => trickle.unlock('ebook')).toThrow(/Known forms: "whitepaper", "checklist"/)
  })

  it('rejects a timeout that is not a positive number', () => {
    expect(() => createTrickle({ config, timeoutMs: 0 })).toThrow(/timeoutMs must be a positive/)
  })
})

describe('createTrickle: submit', () => {
  it('changes the profile only after the transport resolved, and sends one idempotency key', async () => {
    const { transport, requests, pending } = controlledTransport()
    const { trickle, events } = setup({ transport })
    const profile = trickle.getState().profile
    const sending = trickle.submit('whitepaper', firstVisit, { locale: 'en' })
    expect(trickle.getState().forms['whitepaper']?.status).toBe('submitting')
    await vi.waitFor(() => expect(requests).toHaveLength(1))
    expect(trickle.getState().profile).toBe(profile)
    expect(requests[0]).toMatchObject({
      formId: 'whitepaper',
      visitorId: profile.visitorId,
      locale: 'en',
      values: firstVisit.values,
      consents: firstVisit.consents,
      submission: { fieldIds: ['email', 'firstName', 'lastName', 'company'] },
    })
    pending[0]!.resolve({ downloadUrl: 'https://example.com/paper.pdf?token=1' })
    const result = await sending
    expect(result).toMatchObject({ ok: true, downloadUrl: 'https://example.com/paper.pdf?token=1' })
    const state = trickle.getState()
    expect(state.profile.fields['company']?.value).toBe('ACME')
    expect(state.forms['whitepaper']).toMatchObject({
      status: 'success',
      error: null,
      input: null,
      idempotencyKey: requests[0]!.idempotencyKey,
      downloadUrl: 'https://example.com/paper.pdf?token=1',
    })
    expect(events).toEqual([
      {
        type: 'submitted',
        formId: 'whitepaper',
        fieldIds: ['email', 'firstName', 'lastName', 'company'],
        idempotencyKey: requests[0]!.idempotencyKey,
      },
      { type: 'consent-changed', purposeId: 'newsletter', decision: 'denied' },
      { type: 'consent-changed', purposeId: 'sales', decision: 'granted' },
    ])
  })

  it('refuses a second submit while one is in flight, without sending it', async () => {
    const { transport, requests, pending } = controlledTransport()
    const { trickle } = setup({ transport })
    const first = trickle.submit('whitepaper', firstVisit)
    const second = await trickle.submit('whitepaper', firstVisit)
    expect(second).toEqual({ ok: false, error: { code: 'busy', message: expect.any(String) } })
    await vi.waitFor(() => expect(requests).toHaveLength(1))
    pending[0]!.resolve({})
    expect((await first).ok).toBe(true)
    expect(requests).toHaveLength(1)
  })

  it('keeps the profile and the input when the transport fails, and tells why', async () => {
    const transport = vi.fn<Transport>().mockRejectedValue(new Error('HTTP 502'))
    const { trickle, events, storage } = setup({ transport })
    const profile = trickle.getState().profile
    const result = await trickle.submit('whitepaper', firstVisit)
    expect(result).toMatchObject({ ok: false, error: { code: 'transport' } })
    expect(!result.ok && result.error.message).toContain('HTTP 502')
    expect(trickle.getState().profile).toBe(profile)
    expect(trickle.getState().forms['whitepaper']).toMatchObject({
      status: 'error',
      input: firstVisit,
      error: { code: 'transport' },
    })
    expect(storage.getItem('trickle:v1')).toBeNull()
    expect(events).toEqual([
      {
        type: 'submit-failed',
        formId: 'whitepaper',
        error: expect.objectContaining({ code: 'transport' }),
      },
    ])
  })

  it('reports a server that asks other fields now as plan-changed, not as a network failure', async () => {
    const notAsked = { path: '/values/company', code: 'not-asked', message: 'Not asked.' }
    const refusal = new HttpTransportError(409, 'plan-changed', 'The form has changed.', [notAsked])
    const { trickle } = setup({ transport: () => Promise.reject(refusal) })
    const result = await trickle.submit('whitepaper', firstVisit)
    expect(!result.ok && result.error).toMatchObject({ code: 'plan-changed', errors: [notAsked] })
    expect(trickle.getState().forms['whitepaper']).toMatchObject({
      status: 'error',
      input: firstVisit,
    })
  })

  it('passes on per-answer errors a server sent with its refusal', async () => {
    const refusal = Object.assign(new Error('Refused'), {
      errors: [{ path: '/values/email', code: 'invalid-email', message: 'Not an e-mail address' }],
    })
    const { trickle } = setup({ transport: () => Promise.reject(refusal) })
    const result = await trickle.submit('whitepaper', firstVisit)
    expect(!result.ok && result.error.errors).toEqual(refusal.errors)
  })

  it('retries an equal input with the same idempotency key; a new submission gets a new one', async () => {
    const transport = vi
      .fn<Transport>()
      .mockRejectedValueOnce(new TypeError('Failed to fetch'))
      .mockResolvedValue({})
    const { trickle } = setup({ transport })
    await trickle.submit('whitepaper', firstVisit)
    const retry = await trickle.submit('whitepaper', structuredClone(firstVisit))
    expect(retry.ok).toBe(true)
    const keys = transport.mock.calls.map(([request]) => request.idempotencyKey)
    expect(keys[0]).toBe(keys[1])
    await trickle.submit('whitepaper', {
      values: {
        email: 'ada@example.com',
        jobRole: 'specialist',
        industry: 'it',
        companySize: '1-49',
      },
    })
    expect(transport.mock.calls[2]![0].idempotencyKey).not.toBe(keys[0])
  })

  it('uses a new key when the visitor changed an answer before retrying', async () => {
    const transport = vi.fn<Transport>().mockRejectedValue(new Error('offline'))
    const { trickle } = setup({ transport })
    await trickle.submit('whitepaper', firstVisit)
    await trickle.submit('whitepaper', {
      ...firstVisit,
      values: { ...firstVisit.values, company: 'ACME Inc.' },
    })
    const [first, second] = transport.mock.calls.map(([request]) => request.idempotencyKey)
    expect(second).not.toBe(first)
  })

  it('fails with timeout after timeoutMs, aborts the request and keeps the input', async () => {
    let signal: AbortSignal | undefined
    const transport: Transport = (_request, options) => {
      signal = options.signal
      return new Promise(() => {})
    }
    const { trickle } = setup({ transport, timeoutMs: 25 })
    const profile = trickle.getState().profile
    const result = await trickle.submit('whitepaper', firstVisit)
    expect(result).toMatchObject({ ok: false, error: { code: 'timeout' } })
    expect(signal?.aborted).toBe(true)
    expect(trickle.getState().profile).toBe(profile)
    expect(trickle.getState().forms['whitepaper']).toMatchObject({
      status: 'error',
      input: firstVisit,
    })
  })

  it('sends nothing when answers are invalid, and lists the errors', async () => {
    const transport = vi.fn<Transport>().mockResolvedValue({})
    const { trickle, events } = setup({ transport })
    const result = await trickle.submit('whitepaper', {
      values: {
        email: 'not-an-email',
        firstName: 'Ada',
        lastName: 'Lovelace',
        company: 'ACME',
        fax: '1',
      },
    })
    expect(transport).not.toHaveBeenCalled()
    expect(result.ok).toBe(false)
    const error = !result.ok ? result.error : null
    expect(error?.code).toBe('invalid')
    expect(error?.errors?.map((e) => e.path).sort()).toEqual(['/values/email', '/values/fax'])
    expect(trickle.getState().forms['whitepaper']).toMatchObject({
      status: 'error',
      input: expect.any(Object),
    })
    expect(events.map((e) => e.type)).toEqual(['submit-failed'])
  })

  it('does not apply a submission that resolves after "Not you?" to the next visitor', async () => {
    const { transport, pending, requests } = controlledTransport()
    const { trickle } = setup({ transport })
    const sending = trickle.submit('whitepaper', firstVisit)
    await vi.waitFor(() => expect(requests).toHaveLength(1))
    trickle.reset()
    const next = trickle.getState().profile
    pending[0]!.resolve({})
    expect((await sending).ok).toBe(true)
    expect(trickle.getState().profile).toBe(next)
    expect(trickle.getState().forms).toEqual({})
  })

  it('does not apply it either when "Not you?" was pressed in another tab meanwhile', async () => {
    const storage = memoryStorage()
    await createTrickle({ config, storage, now }).submit('whitepaper', firstVisit)
    const { transport, pending, requests } = controlledTransport()
    const here = createTrickle({ config, storage, now, transport })
    const there = createTrickle({ config, storage, now })
    const sending = here.submit('whitepaper', {
      values: { email: 'ada@example.com', jobRole: 'head', industry: 'it', companySize: '1-49' },
    })
    await vi.waitFor(() => expect(requests).toHaveLength(1))
    there.reset()
    const next = here.getState().profile
    expect(next.fields).toEqual({})
    pending[0]!.resolve({})
    await sending
    expect(here.getState().profile).toBe(next)
    expect(storage.getItem('trickle:v1')).toBeNull()
  })

  it('carries on when an onEvent handler throws', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {})
    const trickle = createTrickle({
      config,
      now,
      onEvent: () => {
        throw new Error('analytics down')
      },
    })
    expect((await trickle.submit('whitepaper', firstVisit)).ok).toBe(true)
    expect(error).toHaveBeenCalled()
    error.mockRestore()
  })
})

describe('createTrickle: other actions', () => {
  it('withdraw erases the fields of the purpose, stores it and emits consent-changed', async () => {
    const { trickle, events, storage } = setup()
    await trickle.submit('whitepaper', firstVisit)
    const second = await trickle.submit('whitepaper', {
      values: { email: 'ada@example.com', jobRole: 'head', industry: 'it', companySize: '1-49' },
    })
    expect(second.ok).toBe(true)
    expect(askedIds(trickle.plan('whitepaper'))).toEqual(['email', 'budget', 'phone'])
    const third = await trickle.submit('whitepaper', {
      values: { email: 'ada@example.com', budget: '<10k' },
    })
    expect(third.ok).toBe(true)
    expect(trickle.getState().profile.fields['budget']?.value).toBe('<10k')
    events.length = 0
    expect(trickle.withdraw('sales')).toEqual({ erased: ['budget', 'phone'] })
    expect(trickle.getState().profile.fields['budget']).toBeUndefined()
    expect(events).toEqual([{ type: 'consent-changed', purposeId: 'sales', decision: 'withdrawn' }])
    const stored = JSON.parse(storage.getItem('trickle:v1')!) as {
      fields: object
      consents: { decision: string }[]
    }
    expect(stored.fields).not.toHaveProperty('budget')
    expect(stored.consents.at(-1)?.decision).toBe('withdrawn')
  })

  it('reset ("Not you?") starts a new visitor and removes the stored data', async () => {
    const { trickle, storage } = setup()
    await trickle.submit('whitepaper', firstVisit)
    trickle.unlock('whitepaper')
    const before = trickle.getState().profile.visitorId
    expect(storage.getItem('trickle:v1')).not.toBeNull()
    trickle.reset()
    const state = trickle.getState()
    expect(state.profile.visitorId).not.toBe(before)
    expect(state.profile).toMatchObject({ fields: {}, consents: [] })
    expect(state).toMatchObject({ forms: {}, unlocked: {} })
    expect(storage.getItem('trickle:v1')).toBeNull()
    expect(askedIds(trickle.plan('whitepaper'))).toEqual([
      'email',
      'firstName',
      'lastName',
      'company',
    ])
  })

  it('leaves exports to exportProfile, which a "download my data" screen calls', async () => {
    const { trickle } = setup()
    await trickle.submit('whitepaper', firstVisit)
    expect(trickle).not.toHaveProperty('exportData')
    const data = exportProfile(trickle.config, trickle.getState().profile, {
      locale: 'en',
      now: now(),
    })
    expect(data.visitorId).toBe(trickle.getState().profile.visitorId)
    expect(data.fields.find((field) => field.id === 'company')).toMatchObject({
      value: 'ACME',
      label: 'Company',
    })
    expect(data.consentHistory.map((event) => event.purposeId)).toEqual(['newsletter', 'sales'])
  })

  it('reportUnknownForm emits unknown-form once per id, and nothing for a form of the config', () => {
    const { trickle, events } = setup()
    trickle.reportUnknownForm('ebok')
    trickle.reportUnknownForm('ebok')
    trickle.reportUnknownForm('whitepaper')
    trickle.reportUnknownForm('webinar')
    expect(events).toEqual([
      { type: 'unknown-form', formId: 'ebok' },
      { type: 'unknown-form', formId: 'webinar' },
    ])
  })

  it('markShown emits plan-shown and field-shown once for a form the visitor sees', async () => {
    const { trickle, events } = setup()
    const plan = trickle.plan('whitepaper')
    trickle.markShown(plan)
    trickle.markShown(trickle.plan('whitepaper'))
    expect(events).toEqual([
      {
        type: 'plan-shown',
        formId: 'whitepaper',
        fieldIds: ['email', 'firstName', 'lastName', 'company'],
        purposeIds: ['newsletter', 'sales'],
        complete: false,
      },
      { type: 'field-shown', formId: 'whitepaper', fieldId: 'email', reason: 'always' },
      { type: 'field-shown', formId: 'whitepaper', fieldId: 'firstName', reason: 'unknown' },
      { type: 'field-shown', formId: 'whitepaper', fieldId: 'lastName', reason: 'unknown' },
      { type: 'field-shown', formId: 'whitepaper', fieldId: 'company', reason: 'unknown' },
    ])
    await trickle.submit('whitepaper', firstVisit)
    events.length = 0
    trickle.markShown(trickle.plan('whitepaper'))
    expect(events[0]).toMatchObject({
      type: 'plan-shown',
      fieldIds: ['email', 'jobRole', 'industry', 'companySize'],
    })
  })

  it('markShown does not count a form again when typing re-plans it with the same content', () => {
    const { trickle, events } = setup()
    const plain = trickle.plan('whitepaper')
    // Ticking "sales" makes budget available: a new plan object, the same fields and consents.
    const ticked = trickle.plan('whitepaper', { consents: { sales: true } })
    expect(ticked).not.toBe(plain)
    trickle.markShown(plain)
    trickle.markShown(ticked)
    trickle.markShown(plain)
    expect(events.map((event) => event.type)).toEqual([
      'plan-shown',
      ...Array<string>(4).fill('field-shown'),
    ])
  })

  it('markShown counts each distinct content of a form once, and each form on its own', async () => {
    const { trickle, events } = setup()
    await trickle.submit('whitepaper', firstVisit)
    await trickle.submit('whitepaper', {
      values: { email: 'ada@example.com', jobRole: 'head', industry: 'it', companySize: '1-49' },
    })
    events.length = 0
    const third = trickle.plan('whitepaper')
    // Changing jobRole in the form hides budget (askIf): the form shows one field less.
    const changed = trickle.plan('whitepaper', { values: { jobRole: 'specialist' } })
    expect(askedIds(third)).toEqual(['email', 'budget', 'phone'])
    expect(askedIds(changed)).toEqual(['email', 'phone'])
    for (const plan of [third, changed, third, changed, trickle.plan('checklist')]) {
      trickle.markShown(plan)
    }
    const shown = events.filter((event) => event.type === 'plan-shown')
    expect(shown.map((event) => [event.formId, event.fieldIds])).toEqual([
      ['whitepaper', askedIds(third)],
      ['whitepaper', askedIds(changed)],
      ['checklist', askedIds(trickle.plan('checklist'))],
    ])
  })

  it('markShown counts a form again after a reset, a successful submit or dismiss, not after a failure', async () => {
    const { trickle, events } = setup({ persist: 'none' })
    const shownCount = () => events.filter((event) => event.type === 'plan-shown').length
    trickle.markShown(trickle.plan('whitepaper'))
    expect(shownCount()).toBe(1)
    // "Not you?": the next visitor sees the same form.
    trickle.reset()
    trickle.markShown(trickle.plan('whitepaper'))
    expect(shownCount()).toBe(2)
    // A failed submit leaves the same form on screen: not a new view.
    expect((await trickle.submit('whitepaper', { values: { email: 'no' } })).ok).toBe(false)
    trickle.markShown(trickle.plan('whitepaper'))
    expect(shownCount()).toBe(2)
    // Kiosk: after a successful submit the next person meets the same first-visit form.
    expect((await trickle.submit('whitepaper', firstVisit)).ok).toBe(true)
    trickle.markShown(trickle.plan('whitepaper'))
    expect(shownCount()).toBe(3)
    // Kiosk: a person walks away without sending; the screen is dismissed for the next one.
    trickle.dismiss('whitepaper')
    trickle.markShown(trickle.plan('whitepaper'))
    expect(shownCount()).toBe(4)
  })

  it('unlock records the time, keeps it in storage and emits download-unlocked', () => {
    const { trickle, events, storage } = setup()
    trickle.unlock('checklist', { href: '/files/checklist.pdf', oneClick: true })
    trickle.unlock('whitepaper')
    expect(trickle.getState().unlocked).toEqual({
      checklist: '2025-06-01T12:00:00.000Z',
      whitepaper: '2025-06-01T12:00:00.000Z',
    })
    expect(events).toEqual([
      {
        type: 'download-unlocked',
        formId: 'checklist',
        href: '/files/checklist.pdf',
        oneClick: true,
      },
      { type: 'download-unlocked', formId: 'whitepaper', oneClick: false },
    ])
    const stored = JSON.parse(storage.getItem('trickle:v1')!) as { unlocked: object }
    expect(stored.unlocked).toEqual(trickle.getState().unlocked)
  })

  it('writes nothing to storage before the visitor does anything', () => {
    const storage = memoryStorage()
    const setItem = vi.spyOn(storage, 'setItem')
    const trickle = createTrickle({ config, storage })
    trickle.markShown(trickle.plan('whitepaper'))
    expect(setItem).not.toHaveBeenCalled()
  })

  it('notifies subscribers with the new and the previous state', async () => {
    const { trickle } = setup()
    const listener = vi.fn()
    const stop = trickle.subscribe(listener)
    await trickle.submit('whitepaper', firstVisit)
    const [state, prev] = listener.mock.calls.at(-1)!
    expect(state.forms.whitepaper.status).toBe('success')
    expect(prev.forms.whitepaper.status).toBe('submitting')
    stop()
    trickle.reset()
    expect(listener).toHaveBeenCalledTimes(2)
  })
})

describe('createTrickle: kiosk mode (persist none)', () => {
  it('leaves storage empty after a submit and starts over for the next person', async () => {
    const storage = memoryStorage({ 'trickle:v1': '{"v":1,"visitorId":"left-over"}' })
    const setItem = vi.spyOn(storage, 'setItem')
    const { trickle } = setup({ storage, persist: 'none' })
    expect(storage.getItem('trickle:v1')).toBeNull()
    const first = trickle.getState().profile.visitorId
    const result = await trickle.submit('whitepaper', firstVisit)
    expect(result.ok).toBe(true)
    expect(setItem).not.toHaveBeenCalled()
    expect(storage.getItem('trickle:v1')).toBeNull()
    const state = trickle.getState()
    expect(state.profile.visitorId).not.toBe(first)
    expect(state.profile).toMatchObject({ fields: {}, consents: [] })
    expect(state.forms['whitepaper']).toMatchObject({
      status: 'success',
      input: null,
      submission: null,
    })
    expect(JSON.stringify(state)).not.toContain('ACME')
    expect(askedIds(trickle.plan('whitepaper'))).toEqual([
      'email',
      'firstName',
      'lastName',
      'company',
    ])
  })
})

describe('createTrickle: kiosk mode, the next person', () => {
  it('does not carry the download over: the unlock is not remembered and dismiss resets the form', async () => {
    const { trickle, events } = setup({ persist: 'none' })
    expect(trickle.persist).toBe('none')
    await trickle.submit('whitepaper', firstVisit)
    trickle.unlock('whitepaper', { href: '/whitepaper.pdf' })
    expect(events.at(-1)).toMatchObject({ type: 'download-unlocked', formId: 'whitepaper' })
    expect(trickle.getState().unlocked).toEqual({})
    expect(trickle.getState().forms['whitepaper']?.status).toBe('success')
    trickle.dismiss('whitepaper')
    expect(trickle.getState().forms['whitepaper']).toBeUndefined()
  })

  it('remembers unlocks outside kiosk mode', () => {
    const { trickle } = setup()
    trickle.unlock('whitepaper')
    expect(Object.keys(trickle.getState().unlocked)).toEqual(['whitepaper'])
  })
})

describe('createTrickle: hydration', () => {
  it('recognises a returning visitor from storage', async () => {
    const storage = memoryStorage()
    const first = createTrickle({ config, storage, now })
    await first.submit('whitepaper', firstVisit)
    const second = createTrickle({ config, storage, now })
    expect(second.getState().profile.visitorId).toBe(first.getState().profile.visitorId)
    expect(askedIds(second.plan('whitepaper'))).toEqual([
      'email',
      'jobRole',
      'industry',
      'companySize',
    ])
    // 'known' kept no personal values, but the profile is still a valid one.
    expect(second.getState().profile.fields['company']).toEqual({
      collectedAt: '2025-06-01T12:00:00.000Z',
      formId: 'whitepaper',
    })
    expect(parseProfile(config, second.getState().profile, { now: now() }).dropped).toEqual([])
  })

  it('skipHydration waits for hydrate() before reading storage', async () => {
    const storage = memoryStorage()
    await createTrickle({ config, storage, now }).submit('whitepaper', firstVisit)
    const trickle = createTrickle({ config, storage, now, skipHydration: true })
    expect(trickle.getState().hydrated).toBe(false)
    expect(trickle.getState().profile.fields).toEqual({})
    trickle.hydrate()
    expect(trickle.getState().hydrated).toBe(true)
    expect(Object.keys(trickle.getState().profile.fields)).toContain('company')
  })

  it('reports dropped stored parts as a storage-recovered event', () => {
    const storage = memoryStorage({ 'trickle:v1': '{"v":1,"visitorId":"v-1","fields":{"fax":{}}}' })
    const { events } = setup({ storage })
    expect(events).toEqual([
      { type: 'storage-recovered', dropped: ['field "fax" is not in the config'] },
    ])
    expect(storage.getItem('trickle:v1')).not.toContain('fax')
  })
})

describe('createTrickle: syncConsents', () => {
  const granted = '2025-06-01T12:00:00.000Z'
  /** The server's ledger after the visitor clicked the double opt-in link five minutes later. */
  const serverLedger = [
    { purposeId: 'newsletter', decision: 'granted', version: 2, at: granted, formId: 'whitepaper' },
    { purposeId: 'sales', decision: 'granted', version: 1, at: granted, formId: 'whitepaper' },
    {
      purposeId: 'newsletter',
      decision: 'confirmed',
      version: 2,
      at: '2025-06-01T12:05:00.000Z',
      source: 'double-opt-in',
    },
  ]
  const optIn = { ...firstVisit, consents: { newsletter: true, sales: true } }
  const later = () => new Date('2025-06-01T12:10:00.000Z')
  const stateOf = (trickle: Trickle, purposeId: string) =>
    consentState(trickle.config, trickle.getState().profile, purposeId, later())

  it('a pending double opt-in becomes granted after syncing the server confirmation', async () => {
    let clock = now
    const { trickle, events, storage } = setup({ now: () => clock() })
    await trickle.submit('whitepaper', optIn)
    expect(stateOf(trickle, 'newsletter')).toBe('pending')
    clock = later
    events.length = 0
    expect(trickle.syncConsents(serverLedger)).toEqual({ added: 1 })
    expect(stateOf(trickle, 'newsletter')).toBe('granted')
    expect(trickle.getState().profile.consents.map((event) => event.decision)).toEqual([
      'granted',
      'granted',
      'confirmed',
    ])
    expect(events).toEqual([
      { type: 'consent-changed', purposeId: 'newsletter', decision: 'confirmed' },
    ])
    const stored = JSON.parse(storage.getItem('trickle:v1')!) as { consents: unknown[] }
    expect(stored.consents).toHaveLength(3)
    // A new page load reads the confirmation from storage.
    expect(stateOf(createTrickle({ config, storage, now: later }), 'newsletter')).toBe('granted')
  })

  it('is idempotent: a second sync adds nothing, writes nothing and emits nothing', async () => {
    let clock = now
    const { trickle, events, storage } = setup({ now: () => clock() })
    await trickle.submit('whitepaper', optIn)
    clock = later
    trickle.syncConsents(serverLedger)
    const state = trickle.getState()
    const setItem = vi.spyOn(storage, 'setItem')
    events.length = 0
    expect(trickle.syncConsents(serverLedger)).toEqual({ added: 0 })
    expect(trickle.syncConsents([...serverLedger].reverse())).toEqual({ added: 0 })
    expect(trickle.getState()).toBe(state)
    expect(setItem).not.toHaveBeenCalled()
    expect(events).toEqual([])
  })

  it('never drops a local withdrawal the server has not recorded yet', async () => {
    let clock = now
    const { trickle, events } = setup({ now: () => clock() })
    await trickle.submit('whitepaper', optIn)
    clock = () => new Date('2025-06-01T12:03:00.000Z')
    trickle.withdraw('newsletter')
    clock = later
    events.length = 0
    expect(trickle.syncConsents(serverLedger)).toEqual({ added: 1 })
    expect(trickle.getState().profile.consents.map((event) => event.decision)).toEqual([
      'granted',
      'granted',
      'withdrawn',
      'confirmed',
    ])
    // The confirmation of an earlier grant does not undo the later withdrawal.
    expect(stateOf(trickle, 'newsletter')).toBe('withdrawn')
    expect(events).toEqual([])
  })

  it('follows a withdrawal made on another device and erases the fields it covered', async () => {
    const { trickle, events, storage } = setup()
    await trickle.submit('whitepaper', firstVisit)
    await trickle.submit('whitepaper', {
      values: { email: 'ada@example.com', jobRole: 'head', industry: 'it', companySize: '1-49' },
    })
    await trickle.submit('whitepaper', { values: { email: 'ada@example.com', budget: '<10k' } })
    events.length = 0
    const elsewhere = { purposeId: 'sales', decision: 'withdrawn', version: 1, at: granted }
    const serverCopy = [...trickle.getState().profile.consents, elsewhere]
    expect(trickle.syncConsents(serverCopy)).toEqual({ added: 1 })
    expect(stateOf(trickle, 'sales')).toBe('withdrawn')
    expect(trickle.getState().profile.fields['budget']).toBeUndefined()
    expect(trickle.getState().profile.fields['company']?.value).toBe('ACME')
    expect(events).toEqual([{ type: 'consent-changed', purposeId: 'sales', decision: 'withdrawn' }])
    expect(storage.getItem('trickle:v1')).not.toContain('budget')
    expect(askedIds(trickle.plan('whitepaper'))).not.toContain('budget')
  })

  it('drops malformed input without throwing and reports it as storage-recovered', async () => {
    let clock = now
    const { trickle, events } = setup({ now: () => clock() })
    await trickle.submit('whitepaper', optIn)
    const before = trickle.getState()
    clock = later
    events.length = 0
    expect(trickle.syncConsents({ consents: serverLedger })).toEqual({ added: 0 })
    expect(trickle.syncConsents(undefined)).toEqual({ added: 0 })
    expect(trickle.getState()).toBe(before)
    expect(events).toEqual([
      {
        type: 'storage-recovered',
        dropped: ['syncConsents: expected a list of consent events, got an object'],
      },
      {
        type: 'storage-recovered',
        dropped: ['syncConsents: expected a list of consent events, got undefined'],
      },
    ])

    events.length = 0
    const mixed: unknown = [
      { purposeId: '__proto__', decision: 'granted', version: 1, at: granted },
      { purposeId: 'fax', decision: 'granted', version: 1, at: granted },
      { ...serverLedger[2], decision: 'maybe' },
      { ...serverLedger[2], at: '2026-01-01T00:00:00.000Z' },
      'confirmed',
      serverLedger[2],
    ]
    expect(trickle.syncConsents(mixed)).toEqual({ added: 1 })
    expect(stateOf(trickle, 'newsletter')).toBe('granted')
    expect(events).toEqual([
      {
        type: 'storage-recovered',
        dropped: [
          'syncConsents: consent event 0: purposeId is missing or not a valid id',
          'syncConsents: consent event 1: purpose "fax" is not in the config',
          'syncConsents: consent event 2: decision must be one of granted, denied, withdrawn, confirmed',
          'syncConsents: consent event 3: at lies in the future',
          'syncConsents: consent event 4: a text, not an object',
        ],
      },
      { type: 'consent-changed', purposeId: 'newsletter', decision: 'confirmed' },
    ])
  })

  it('in kiosk mode merges for this page only and writes nothing', () => {
    const storage = memoryStorage()
    const setItem = vi.spyOn(storage, 'setItem')
    const { trickle } = setup({ storage, persist: 'none', now: later })
    expect(trickle.syncConsents(serverLedger)).toEqual({ added: 3 })
    expect(stateOf(trickle, 'newsletter')).toBe('granted')
    expect(setItem).not.toHaveBeenCalled()
  })
})

describe('createTrickle: syncProfile', () => {
  /** The server's profile after the first visit: values included, as `GET /v1/me/export` sends. */
  async function serverProfile() {
    const { trickle } = setup()
    await trickle.submit('whitepaper', firstVisit)
    return JSON.parse(JSON.stringify(exportProfile(config, trickle.getState().profile))) as {
      profile: unknown
    }
  }

  it('a browser whose storage was cleared asks the next fields, and no value arrives', async () => {
    const { profile } = await serverProfile()
    const { trickle, events, storage } = setup()
    expect(askedIds(trickle.plan('whitepaper'))).toEqual([
      'email',
      'firstName',
      'lastName',
      'company',
    ])
    const visitorId = trickle.getState().profile.visitorId
    expect(trickle.syncProfile(profile)).toEqual({
      added: 2,
      fields: ['email', 'firstName', 'lastName', 'company'],
    })
    expect(askedIds(trickle.plan('whitepaper'))).toEqual([
      'email',
      'jobRole',
      'industry',
      'companySize',
    ])
    // The consents decided on the first visit are not offered again.
    expect(trickle.plan('whitepaper').consents).toEqual([])
    const state = trickle.getState().profile
    expect(state.visitorId).toBe(visitorId)
    expect(state.fields['company']).toEqual({
      collectedAt: now().toISOString(),
      formId: 'whitepaper',
    })
    for (const record of Object.values(state.fields)) expect(record).not.toHaveProperty('value')
    const stored = storage.getItem('trickle:v1') ?? ''
    expect(stored).toContain('company')
    expect(stored).not.toMatch(/ACME|Ada|Lovelace/)
    expect(events).toEqual([
      { type: 'consent-changed', purposeId: 'newsletter', decision: 'denied' },
      { type: 'consent-changed', purposeId: 'sales', decision: 'granted' },
    ])
    // A new page load knows it from storage.
    expect(askedIds(createTrickle({ config, storage, now }).plan('whitepaper'))).toContain(
      'jobRole',
    )

    events.length = 0
    const again = trickle.getState()
    expect(trickle.syncProfile(profile)).toEqual({ added: 0, fields: [] })
    expect(trickle.getState()).toBe(again)
    expect(events).toEqual([])
  })

  it('keeps newer local records with their values and every record the server lacks', async () => {
    const { profile } = await serverProfile()
    let clock = () => new Date('2025-06-02T09:00:00.000Z')
    const { trickle } = setup({ now: () => clock() })
    await trickle.submit('whitepaper', {
      values: { email: 'ada@new.example', firstName: 'Ada', lastName: 'Byron', company: 'Newco' },
    })
    await trickle.submit('whitepaper', {
      values: { email: 'ada@new.example', jobRole: 'it', industry: 'it', companySize: '1-49' },
    })
    const before = trickle.getState().profile.fields
    clock = () => new Date('2025-06-03T09:00:00.000Z')
    expect(trickle.syncProfile(profile).fields).toEqual([])
    expect(trickle.getState().profile.fields).toEqual(before)
    expect(trickle.getState().profile.fields['company']?.value).toBe('Newco')
  })

  it('takes over a newer server record without its value, and none a withdrawal here covers', async () => {
    let clock = () => new Date('2025-05-01T12:00:00.000Z')
    const { trickle } = setup({ now: () => clock() })
    await trickle.submit('whitepaper', {
      values: { email: 'ada@example.com', firstName: 'Ada', lastName: 'L', company: 'Oldco' },
      consents: { sales: true },
    })
    clock = now
    const server = {
      visitorId: 'server-1',
      fields: {
        company: { value: 'ACME', collectedAt: '2025-06-01T11:00:00.000Z', formId: 'checklist' },
        budget: { value: '<10k', collectedAt: '2025-05-02T11:00:00.000Z', formId: 'whitepaper' },
      },
      consents: trickle.getState().profile.consents,
    }
    const withdrawing = setup({ now })
    withdrawing.trickle.syncProfile({ ...server, fields: {} })
    withdrawing.trickle.withdraw('sales')
    // Only sales covers the budget: withdrawn here, the server's record of it is not taken.
    expect(withdrawing.trickle.syncProfile(server).fields).toEqual(['company'])
    expect(withdrawing.trickle.getState().profile.fields['budget']).toBeUndefined()

    expect(trickle.syncProfile(server).fields).toEqual(['company', 'budget'])
    expect(trickle.getState().profile.fields['company']).toEqual({
      collectedAt: '2025-06-01T11:00:00.000Z',
      formId: 'checklist',
    })
    expect(trickle.getState().profile.fields['firstName']?.value).toBe('Ada')
  })

  it('drops garbage without throwing and reports it as storage-recovered', async () => {
    const { trickle, events } = setup()
    await trickle.submit('whitepaper', firstVisit)
    const before = trickle.getState()
    events.length = 0
    expect(trickle.syncProfile(null)).toEqual({ added: 0, fields: [] })
    expect(trickle.syncProfile([])).toEqual({ added: 0, fields: [] })
    const mixed = {
      fields: {
        fax: { collectedAt: '2025-05-01T10:00:00.000Z', formId: 'whitepaper' },
        jobRole: { collectedAt: 'yesterday', formId: 'whitepaper' },
        companySize: { collectedAt: '2025-05-01T10:00:00.000Z', formId: 'whitepaper', value: 5 },
        industry: { collectedAt: '2025-05-01T10:00:00.000Z', formId: 'whitepaper', value: 'it' },
      },
      consents: 'granted',
      extra: true,
    }
    expect(trickle.syncProfile(mixed)).toEqual({ added: 0, fields: ['industry'] })
    expect(trickle.getState().profile.fields['industry']).not.toHaveProperty('value')
    expect(trickle.getState().profile.fields['company']).toEqual(before.profile.fields['company'])
    expect(events).toEqual([
      { type: 'storage-recovered', dropped: ['syncProfile: the profile is null, not an object'] },
      { type: 'storage-recovered', dropped: ['syncProfile: the profile is a list, not an object'] },
      {
        type: 'storage-recovered',
        dropped: [
          'syncProfile: unknown profile property "extra"',
          'syncProfile: field "fax" is not in the config',
          'syncProfile: field "jobRole": collectedAt is not an ISO 8601 time',
          'syncProfile: field "companySize": value is a number, not a text (field type "select")',
          'syncProfile: consents is a text, not a list',
        ],
      },
    ])
  })
})

describe('createTrickle: without window', () => {
  it('imports the package index and creates a store with browserStorage in Node', async () => {
    expect(typeof window).toBe('undefined')
    const core = await import('../../src/index')
    const trickle = core.createTrickle({ config, storage: core.browserStorage(), now })
    expect(trickle.getState().hydrated).toBe(true)
    expect((await trickle.submit('whitepaper', firstVisit)).ok).toBe(true)
    expect(trickle.getState().profile.fields['company']?.value).toBe('ACME')
    trickle.destroy()
  })
})

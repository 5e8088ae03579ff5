// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { browserStorage } from '../../src/runtime/browserStorage'
import { configSchema } from '../../src/config/configSchema'
import { createTrickle } from '../../src/runtime/createTrickle'
import fixture from '../fixtures/b2b-whitepaper.json'

const config = configSchema.parse(fixture)
const now = () => new Date('2025-06-01T12:00:00.000Z')
const key = 'trickle:v1'
const firstVisit = {
  values: { email: 'ada@example.com', firstName: 'Ada', lastName: 'Lovelace', company: 'ACME' },
  consents: { newsletter: false, sales: true },
}
const secondVisit = {
  values: { email: 'ada@example.com', jobRole: 'head', industry: 'it', companySize: '50-249' },
}
const asked = (plan: { fields: { id: string }[] }) => plan.fields.map((field) => field.id)
const stored = () => localStorage.getItem(key)

beforeEach(() => localStorage.clear())

describe('browserStorage', () => {
  it('touches no storage until a method is called', () => {
    const getStorage = vi.fn(() => localStorage)
    const storage = browserStorage({ storage: getStorage })
    expect(getStorage).not.toHaveBeenCalled()
    storage.setItem('a', '1')
    expect(getStorage).toHaveBeenCalledTimes(1)
    expect(localStorage.getItem('a')).toBe('1')
  })

  it('names its key, trickle:v1 by default, and the store writes under it', async () => {
    expect(browserStorage().key).toBe('trickle:v1')
    const trickle = createTrickle({ config, storage: browserStorage({ key: 'acme:profile' }), now })
    await trickle.submit('whitepaper', firstVisit)
    expect(localStorage.getItem('acme:profile')).not.toBeNull()
    expect(stored()).toBeNull()
  })
})

describe('persistence round trips per policy', () => {
  it("'known' stores which fields are known and the values askIf needs, no personal values", async () => {
    const trickle = createTrickle({ config, storage: browserStorage(), now })
    await trickle.submit('whitepaper', firstVisit)
    await trickle.submit('whitepaper', secondVisit)
    const text = stored()!
    for (const value of ['ada@example.com', 'Ada', 'Lovelace', 'ACME', '50-249', '"it"']) {
      expect(text).not.toContain(value)
    }
    const envelope = JSON.parse(text) as {
      v: number
      fields: Record<string, object>
      consents: object[]
    }
    expect(envelope.v).toBe(1)
    expect(Object.keys(envelope.fields)).toEqual([
      'email',
      'firstName',
      'lastName',
      'company',
      'jobRole',
      'industry',
      'companySize',
    ])
    expect(envelope.fields['jobRole']).toEqual({
      value: 'head',
      collectedAt: '2025-06-01T12:00:00.000Z',
      formId: 'whitepaper',
    })
    expect(envelope.consents).toHaveLength(2)

    const returning = createTrickle({ config, storage: browserStorage(), now })
    expect(returning.getState().profile.visitorId).toBe(trickle.getState().profile.visitorId)
    expect(asked(returning.plan('whitepaper'))).toEqual(['email', 'budget', 'phone'])
  })

  it("'values' stores every value except sensitive ones", async () => {
    const phoneAlways = configSchema.parse({
      ...fixture,
      forms: [{ ...fixture.forms[0], always: ['email', 'phone'] }],
    })
    const trickle = createTrickle({
      config: phoneAlways,
      storage: browserStorage(),
      persist: 'values',
      now,
    })
    const result = await trickle.submit('whitepaper', {
      values: { ...firstVisit.values, phone: '+49 30 1234567' },
      consents: { newsletter: false, sales: true },
    })
    expect(result.ok).toBe(true)
    expect(trickle.getState().profile.fields['phone']?.value).toBe('+49 30 1234567')
    const text = stored()!
    const fields = (JSON.parse(text) as { fields: Record<string, { value?: unknown }> }).fields
    expect(fields['company']?.value).toBe('ACME')
    expect(fields['email']?.value).toBe('ada@example.com')
    expect(fields['phone']).toEqual({
      collectedAt: '2025-06-01T12:00:00.000Z',
      formId: 'whitepaper',
    })
    expect(text).not.toContain('1234567')

    const returning = createTrickle({
      config: phoneAlways,
      storage: browserStorage(),
      persist: 'values',
      now,
    })
    expect(returning.getState().profile.fields['firstName']?.value).toBe('Ada')
    expect(returning.getState().profile.fields['phone']).toEqual({
      collectedAt: '2025-06-01T12:00:00.000Z',
      formId: 'whitepaper',
    })
  })

  it("'none' (kiosk) leaves localStorage empty after a submit", async () => {
    const trickle = createTrickle({ config, storage: browserStorage(), persist: 'none', now })
    await trickle.submit('whitepaper', firstVisit)
    trickle.unlock('whitepaper')
    expect(localStorage.length).toBe(0)
    expect(asked(trickle.plan('whitepaper'))).toEqual(['email', 'firstName', 'lastName', 'company'])
  })

  it('removes values a stricter policy no longer allows from storage when it loads', async () => {
    await createTrickle({ config, storage: browserStorage(), persist: 'values', now }).submit(
      'whitepaper',
      firstVisit,
    )
    expect(stored()).toContain('ACME')
    createTrickle({ config, storage: browserStorage(), persist: 'known', now })
    expect(stored()).not.toContain('ACME')
    expect(stored()).toContain('"company":{"collectedAt"')
  })
})

describe('two tabs on one storage', () => {
  let frame: HTMLIFrameElement
  beforeEach(() => {
    frame = document.createElement('iframe')
    document.body.append(frame)
  })
  afterEach(() => frame.remove())

  /** A store in the main window and one in a same-origin frame: they share localStorage. */
  function twoTabs() {
    const other = frame.contentWindow!
    const one = createTrickle({ config, storage: browserStorage(), now })
    const two = createTrickle({
      config,
      storage: browserStorage({ storage: () => other.localStorage, window: other }),
      now,
    })
    return { one, two }
  }

  it('a submit in one tab updates the plan in the other', async () => {
    const { one, two } = twoTabs()
    await one.submit('whitepaper', firstVisit)
    await vi.waitFor(() => expect(asked(two.plan('whitepaper'))).toContain('jobRole'))
    expect(two.getState().profile.visitorId).toBe(one.getState().profile.visitorId)
    await two.submit('whitepaper', secondVisit)
    await vi.waitFor(() =>
      expect(asked(one.plan('whitepaper'))).toEqual(['email', 'budget', 'phone']),
    )
    // The first tab keeps the values it collected itself for this page.
    expect(one.getState().profile.fields['company']?.value).toBe('ACME')
    expect(one.getState().profile.fields['industry']).toEqual({
      collectedAt: '2025-06-01T12:00:00.000Z',
      formId: 'whitepaper',
    })
  })

  it('"Not you?" in one tab forgets the visitor in the other', async () => {
    const { one, two } = twoTabs()
    await one.submit('whitepaper', firstVisit)
    await vi.waitFor(() => expect(two.getState().profile.fields['company']).toBeDefined())
    two.reset()
    await vi.waitFor(() => expect(one.getState().profile.fields).toEqual({}))
    expect(asked(one.plan('whitepaper'))).toEqual(['email', 'firstName', 'lastName', 'company'])
    expect(stored()).toBeNull()
  })

  it('stops following the other tab after destroy()', async () => {
    const { one, two } = twoTabs()
    two.destroy()
    await one.submit('whitepaper', firstVisit)
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(two.getState().profile.fields).toEqual({})
  })

  it('ignores changes to other keys', async () => {
    const { two } = twoTabs()
    const listener = vi.fn()
    two.subscribe(listener)
    localStorage.setItem('something-else', '1')
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(listener).not.toHaveBeenCalled()
  })
})

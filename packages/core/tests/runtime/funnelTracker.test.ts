import { afterEach, describe, expect, it, vi } from 'vitest'
import { parseConfig } from '../../src/config/parseConfig'
import { funnelBodies } from '../../src/runtime/beaconTransport'
import { createFormSession } from '../../src/runtime/createFormSession'
import { createTrickle, type TrickleOptions } from '../../src/runtime/createTrickle'
import type { FunnelEvent } from '../../src/runtime/funnelTracker'
import { httpTransport } from '../../src/runtime/httpTransport'
import { memoryStorage } from '../../src/runtime/memoryStorage'
import type { Config } from '../../src/types'
import fixture from '../fixtures/b2b-whitepaper.json'

function parse(input: unknown): Config {
  const result = parseConfig(input)
  if (!result.ok) throw new Error(JSON.stringify(result.issues))
  return result.config
}
const config = parse(fixture)
const email = 'ada@example.com'

/** A page: a fake document and window whose visibility the test changes. */
function fakePage() {
  const handlers: Record<string, (() => void)[]> = {}
  const on = (type: string, handler: () => void) => (handlers[type] ??= []).push(handler)
  const document = { visibilityState: 'visible', addEventListener: on }
  vi.stubGlobal('document', document)
  vi.stubGlobal('window', { addEventListener: on })
  return {
    hide() {
      document.visibilityState = 'hidden'
      for (const handler of handlers['visibilitychange'] ?? []) handler()
    },
    unload() {
      for (const handler of handlers['pagehide'] ?? []) handler()
    },
  }
}

function setup(options: Partial<TrickleOptions> = {}) {
  const sent: { url: string; body: string }[] = []
  const trickle = createTrickle({
    config,
    storage: memoryStorage(),
    funnel: {
      baseUrl: 'https://forms.example.com/',
      send: (url, body) => sent.push({ url, body }),
    },
    ...options,
  })
  const session = createFormSession(trickle, 'whitepaper', { locale: 'de' })
  const unsubscribe = session.subscribe(() => undefined)
  /** The events sent so far, in order. */
  const events = (): FunnelEvent[] =>
    sent.flatMap(({ body }) => (JSON.parse(body) as { events: FunnelEvent[] }).events)
  return { trickle, session, unsubscribe, sent, events }
}

const ev = (type: FunnelEvent['type'], fieldId?: string): FunnelEvent => ({
  type,
  formId: 'whitepaper',
  visit: 1,
  locale: 'de',
  ...(fieldId === undefined ? {} : { fieldId }),
})

afterEach(() => {
  vi.unstubAllGlobals()
})

describe('the funnel of a form session', () => {
  it('sends shown, field-shown, started, field-answered and submitted right after the submit', async () => {
    const page = fakePage()
    const { session, sent, events } = setup()
    session.setAnswer('email', email)
    session.setAnswer('firstName', 'Ada')
    session.setAnswer('lastName', 'Lovelace')
    session.setAnswer('company', '   ')
    expect(sent).toEqual([]) // batched until the submit or the page is hidden
    session.setAnswer('company', 'ACME')
    expect((await session.submit()).ok).toBe(true)
    expect(sent.map(({ url }) => url)).toEqual(['https://forms.example.com/v1/funnel'])
    expect(events()).toEqual([
      ev('shown'),
      ev('field-shown', 'email'),
      ev('field-shown', 'firstName'),
      ev('field-shown', 'lastName'),
      ev('field-shown', 'company'),
      ev('started'),
      ev('field-answered', 'email'),
      ev('field-answered', 'firstName'),
      ev('field-answered', 'lastName'),
      ev('field-answered', 'company'),
      ev('submitted'),
    ])
    // Nothing after the submit: hiding or leaving the page sends no `left`.
    page.hide()
    page.unload()
    expect(events().filter((event) => event.type === 'left')).toEqual([])
    expect(sent).toHaveLength(1)
  })

  it('counts a visitor who hides the page after two fields as left at the second', () => {
    const page = fakePage()
    const { session, events } = setup()
    session.setDraft({ values: { email } })
    session.setDraft({ values: { email, firstName: 'Ada' } })
    page.hide()
    expect(events().slice(-4)).toEqual([
      ev('started'),
      ev('field-answered', 'email'),
      ev('field-answered', 'firstName'),
      ev('left', 'firstName'),
    ])
    page.unload() // pagehide after the hidden state: counted once
    expect(events().filter((event) => event.type === 'left')).toHaveLength(1)
  })

  it('follows a form library that mutates one values object, and ignores empty-to-empty changes', () => {
    const page = fakePage()
    const { session, events } = setup()
    // A form library may register its inputs ('' after undefined), then hand over the same object.
    const values: Record<string, string> = { email: '', firstName: '', lastName: '', company: '' }
    session.setDraft({ values })
    values['email'] = email
    session.setDraft({ values })
    values['firstName'] = 'Ada'
    session.setDraft({ values })
    page.hide()
    expect(events().slice(-4)).toEqual([
      ev('started'),
      ev('field-answered', 'email'),
      ev('field-answered', 'firstName'),
      ev('left', 'firstName'),
    ])
  })

  it('counts no left for a visitor who never typed, and a left when the form is closed', () => {
    const page = fakePage()
    const quiet = setup()
    page.hide()
    expect(quiet.events().map((event) => event.type)).not.toContain('left')
    const closing = setup()
    closing.session.setAnswer('email', email)
    closing.session.setAnswer('email', '') // emptied again: still the last field touched
    closing.session.destroy()
    page.unload()
    expect(closing.events().at(-1)).toEqual(ev('left', 'email'))
  })

  it('puts no visitor id, no value and no time in any payload', async () => {
    const page = fakePage()
    const { trickle, session, sent } = setup()
    session.setAnswer('email', email)
    session.setAnswer('firstName', 'Ada')
    page.hide()
    session.setAnswer('lastName', 'Lovelace')
    session.setAnswer('company', 'ACME')
    await session.submit()
    const payload = sent.map(({ body }) => body).join('\n')
    for (const secret of [email, 'Ada', 'Lovelace', 'ACME', trickle.getState().profile.visitorId]) {
      expect(payload).not.toContain(secret)
    }
    expect(payload).not.toMatch(/\d{4}-\d\d-\d\d|"at"|"time"/)
    for (const { body } of sent) {
      for (const event of (JSON.parse(body) as { events: object[] }).events) {
        expect(
          Object.keys(event).every((key) =>
            ['type', 'formId', 'visit', 'locale', 'fieldId'].includes(key),
          ),
        ).toBe(true)
      }
    }
  })

  it('numbers the visit after the submissions the profile holds answers from', async () => {
    const page = fakePage()
    const { trickle, session, events } = setup()
    const answers = { email, firstName: 'Ada', lastName: 'Lovelace', company: 'ACME' }
    for (const [field, value] of Object.entries(answers)) session.setAnswer(field, value)
    await session.submit()
    const next = createFormSession(trickle, 'checklist', { locale: 'en' })
    next.subscribe(() => undefined)
    next.setAnswer('email', email)
    page.hide()
    expect(events().filter((event) => event.formId === 'checklist')).toEqual([
      { type: 'shown', formId: 'checklist', visit: 2, locale: 'en' },
      ...['email', 'industry', 'jobRole'].map((fieldId) => ({
        type: 'field-shown',
        formId: 'checklist',
        visit: 2,
        locale: 'en',
        fieldId,
      })),
      { type: 'started', formId: 'checklist', visit: 2, locale: 'en' },
      { type: 'field-answered', formId: 'checklist', visit: 2, locale: 'en', fieldId: 'email' },
      { type: 'left', formId: 'checklist', visit: 2, locale: 'en', fieldId: 'email' },
    ])
  })
})

describe('when nothing is sent', () => {
  it('sends nothing without an endpoint, with funnel: false, and for a one-click gate', async () => {
    fakePage()
    const calls: unknown[] = []
    vi.stubGlobal('navigator', { sendBeacon: (...args: unknown[]) => calls.push(args) })
    vi.stubGlobal('fetch', (...args: unknown[]) => {
      calls.push(args)
      return Promise.resolve(new Response(JSON.stringify({}), { status: 201 }))
    })
    const local = createTrickle({ config })
    const off = createTrickle({ config, transport: httpTransport({ baseUrl: '' }), funnel: false })
    for (const trickle of [local, off]) {
      const session = createFormSession(trickle, 'whitepaper')
      session.subscribe(() => undefined)
      session.setAnswer('email', email)
      session.destroy()
    }
    ;(globalThis as unknown as { document: { visibilityState: string } }).document.visibilityState =
      'hidden'
    expect(calls).toEqual([])
  })

  it('defaults to the server of an httpTransport, sent with sendBeacon', () => {
    const page = fakePage()
    const beacons: [string, string][] = []
    vi.stubGlobal('navigator', {
      sendBeacon: (url: string, body: string) => beacons.push([url, body]) > 0,
    })
    const trickle = createTrickle({ config, transport: httpTransport({ baseUrl: '/api' }) })
    const session = createFormSession(trickle, 'whitepaper')
    session.subscribe(() => undefined)
    session.setAnswer('email', email)
    page.hide()
    expect(beacons.map(([url]) => url)).toEqual(['/api/v1/funnel'])
    expect(beacons[0]?.[1]).toContain(
      '"type":"left","formId":"whitepaper","visit":1,"locale":"de","fieldId":"email"',
    )
  })
})

describe('funnelBodies', () => {
  it('splits a long queue into bodies of at most 100 events and 16 KiB', () => {
    const events = Array.from({ length: 250 }, (_, i) => ({
      ...ev('field-shown', `field${String(i).padStart(60, '0')}`),
    }))
    const bodies = funnelBodies(events)
    const parsed = bodies.map((body) => (JSON.parse(body) as { events: FunnelEvent[] }).events)
    expect(parsed.flat()).toEqual(events)
    for (const [index, body] of bodies.entries()) {
      expect(new TextEncoder().encode(body).byteLength).toBeLessThanOrEqual(16 * 1024)
      expect(parsed[index]?.length).toBeLessThanOrEqual(100)
    }
  })
})

import { consentState, createTrickle, memoryStorage, type Profile } from '@trickle/core'
import { describe, expect, test, vi } from 'vitest'
import { ServerError } from '../src/serverApi'
import { createServerSync } from '../src/serverSync'
import { config } from '../src/siteTrickle'

const withdrawn = (purposeId: string) =>
  ({ type: 'consent-changed', purposeId, decision: 'withdrawn' }) as const

describe('createServerSync', () => {
  test('sends each withdrawal to the server', async () => {
    const sent: string[] = []
    const sync = createServerSync(async (purposeId) => {
      sent.push(purposeId)
    })
    sync.onEvent(withdrawn('sales'))
    sync.onEvent({ type: 'consent-changed', purposeId: 'newsletter', decision: 'granted' })
    await sync.settled()
    expect(sent).toEqual(['sales'])
    expect(sync.getFailed()).toEqual([])
  })

  test('lists a withdrawal the server did not take until a retry succeeds', async () => {
    let online = false
    const sync = createServerSync(async () => {
      if (!online) throw new ServerError(0, 'offline')
    })
    let changes = 0
    sync.subscribe(() => changes++)
    sync.onEvent(withdrawn('sales'))
    await sync.settled()
    expect(sync.getFailed()).toEqual(['sales'])
    online = true
    await sync.retry()
    expect(sync.getFailed()).toEqual([])
    expect(changes).toBe(2)
  })

  test('a server that never stored this visitor (404) is not a failure', async () => {
    const sync = createServerSync(async () => {
      throw new ServerError(404, 'Nothing is stored for this browser')
    })
    sync.onEvent(withdrawn('sales'))
    await sync.settled()
    expect(sync.getFailed()).toEqual([])
  })
})

describe('createServerSync().follow', () => {
  type Listener = (state: { profile: Profile }, previous: { profile: Profile }) => void
  const store = () => {
    let listener: Listener = () => undefined
    return {
      subscribe: (next: Listener) => {
        listener = next
        return () => undefined
      },
      emit: (state: Profile, previous: Profile) =>
        listener({ profile: state }, { profile: previous }),
    }
  }
  const known: Profile = {
    visitorId: 'a',
    fields: {
      email: {
        value: 'ada@example.com',
        collectedAt: '2025-05-01T10:00:00Z',
        formId: 'whitepaper',
      },
    },
    consents: [],
  }

  test('asks the server to forget the browser when the visitor starts over', async () => {
    let forgotten = 0
    const sync = createServerSync(
      async () => undefined,
      async () => {
        forgotten++
      },
    )
    const trickle = store()
    sync.follow(trickle as unknown as Parameters<typeof sync.follow>[0])
    trickle.emit({ visitorId: 'b', fields: {}, consents: [] }, known)
    await sync.settled()
    expect(forgotten).toBe(1)
    // Answers of the same visitor, or another tab's known visitor, are no reason to forget.
    trickle.emit({ ...known, consents: [] }, { visitorId: 'a', fields: {}, consents: [] })
    trickle.emit({ ...known, visitorId: 'c' }, known)
    await sync.settled()
    expect(forgotten).toBe(1)
  })
})

describe('createServerSync: consents recorded on the server', () => {
  const at = (minute: number) => new Date(Date.UTC(2025, 5, 1, 12, minute)).toISOString()
  const exportWith = (consents: unknown[]) => ({
    format: 'trickle-profile-export',
    visitorId: 'server-side-id',
    fields: [],
    profile: {
      visitorId: 'server-side-id',
      // Field values on the server are never taken over into the browser.
      fields: { company: { value: 'Server Only GmbH', collectedAt: at(0), formId: 'whitepaper' } },
      consents,
    },
  })
  const confirmed = {
    purposeId: 'newsletter',
    decision: 'confirmed',
    version: 2,
    at: at(5),
    source: 'double-opt-in',
  }

  async function pendingVisitor(sync: ReturnType<typeof createServerSync>) {
    let clock = at(0)
    const trickle = createTrickle({
      config,
      storage: memoryStorage(),
      now: () => new Date(clock),
      onEvent: sync.onEvent,
    })
    const result = await trickle.submit('whitepaper', {
      values: {
        email: 'ole@fernhollow-customer.example',
        firstName: 'Ole',
        lastName: 'Brandt',
        company: 'Brandt Armaturen',
      },
      consents: { newsletter: true, sales: true },
    })
    expect(result.ok).toBe(true)
    clock = at(10)
    // On the visitor's clock: an unconfirmed double opt-in lapses after 30 days of real time.
    const state = (purposeId: string) =>
      consentState(config, trickle.getState().profile, purposeId, new Date(clock))
    expect(state('newsletter')).toBe('pending')
    return { trickle, state }
  }

  test('pull takes over the confirmation of the double opt-in, and no field values', async () => {
    const ledger = [confirmed]
    const sync = createServerSync(
      async () => undefined,
      async () => undefined,
      async () => exportWith(ledger),
    )
    const { trickle, state } = await pendingVisitor(sync)
    expect(await sync.pull(trickle)).toBe(1)
    expect(state('newsletter')).toBe('granted')
    expect(trickle.getState().profile.fields['company']?.value).toBe('Brandt Armaturen')
    expect(await sync.pull(trickle)).toBe(0)
  })

  test('a withdrawal recorded on the server is taken over and not sent back to it', async () => {
    const sent: string[] = []
    const sync = createServerSync(
      async (purposeId) => {
        sent.push(purposeId)
      },
      async () => undefined,
      async () =>
        exportWith([{ purposeId: 'sales', decision: 'withdrawn', version: 1, at: at(7) }]),
    )
    const { trickle, state } = await pendingVisitor(sync)
    expect(await sync.pull(trickle)).toBe(1)
    expect(state('sales')).toBe('withdrawn')
    await sync.settled()
    expect(sent).toEqual([])
    // A withdrawal the visitor makes here still goes to the server.
    trickle.withdraw('newsletter')
    await sync.settled()
    expect(sent).toEqual(['newsletter'])
  })

  test('an unknown visitor (404) or no network leaves the local state as it is', async () => {
    for (const error of [
      new ServerError(404, 'Nothing is stored for this browser'),
      new ServerError(0, 'The Trickle server could not be reached.'),
    ]) {
      const sync = createServerSync(
        async () => undefined,
        async () => undefined,
        async () => {
          throw error
        },
      )
      const { trickle, state } = await pendingVisitor(sync)
      const before = trickle.getState()
      expect(await sync.pull(trickle)).toBe(0)
      expect(trickle.getState()).toBe(before)
      expect(state('newsletter')).toBe('pending')
    }
  })

  test('an answer that arrives after "Not you?" is not given to the next visitor', async () => {
    let answer: ((value: unknown) => void) | undefined
    const sync = createServerSync(
      async () => undefined,
      async () => undefined,
      () =>
        new Promise((resolve) => {
          answer = resolve
        }),
    )
    const { trickle } = await pendingVisitor(sync)
    const pulled = sync.pull(trickle)
    await vi.waitFor(() => expect(answer).toBeDefined())
    trickle.reset()
    answer?.(exportWith([confirmed]))
    expect(await pulled).toBe(0)
    expect(trickle.getState().profile.consents).toEqual([])
  })

  test('a browser whose storage was cleared takes over which fields are known, no values', async () => {
    const sync = createServerSync(
      async () => undefined,
      async () => undefined,
      async () => exportWith([]),
    )
    const trickle = createTrickle({ config, storage: memoryStorage(), now: () => new Date(at(9)) })
    expect(trickle.plan('whitepaper').fields.map(({ id }) => id)).toContain('company')
    expect(await sync.pull(trickle)).toBe(1)
    expect(trickle.plan('whitepaper').fields.map(({ id }) => id)).not.toContain('company')
    expect(trickle.getState().profile.fields['company']).toEqual({
      collectedAt: at(0),
      formId: 'whitepaper',
    })
  })

  test('adopt ignores an answer that is not an export', async () => {
    const sync = createServerSync()
    const { trickle } = await pendingVisitor(sync)
    const before = trickle.getState()
    expect(sync.adopt(trickle, '<html>Bad gateway</html>')).toBe(0)
    expect(sync.adopt(trickle, { profile: { consents: 'none' } })).toBe(0)
    expect(trickle.getState()).toBe(before)
  })
})

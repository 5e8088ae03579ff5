import type { Profile } from '@trickle/core'
import { describe, expect, test } from 'vitest'
import { ServerError } from '../src/serverApi'
import { createServerSync } from '../src/serverSync'

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

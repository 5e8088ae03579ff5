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

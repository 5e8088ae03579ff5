import { HttpTransportError, type TransportRequest } from '@trickle/core'
import { describe, expect, test } from 'vitest'
import { replanningTransport } from '../src/siteTrickle'

const request = {} as TransportRequest
const options = { signal: new AbortController().signal }
const notAsked = { path: '/values/company', code: 'not-asked', message: 'Not asked any more.' }

describe('replanningTransport', () => {
  test('on 409 plan-changed it re-plans before the submission fails', async () => {
    const steps: string[] = []
    const refused = new HttpTransportError(409, 'plan-changed', 'The form has changed.', [notAsked])
    const transport = replanningTransport(
      async () => {
        steps.push('sent')
        throw refused
      },
      async () => {
        steps.push('pulled')
      },
    )
    await expect(transport(request, options)).rejects.toBe(refused)
    expect(steps).toEqual(['sent', 'pulled'])
  })

  test('other failures and successes pass through without a pull', async () => {
    let pulls = 0
    const replan = async () => {
      pulls++
    }
    const invalid = new HttpTransportError(422, 'invalid-submission', 'Invalid.')
    await expect(
      replanningTransport(async () => Promise.reject(invalid), replan)(request, options),
    ).rejects.toBe(invalid)
    await expect(
      replanningTransport(async () => ({ downloadUrl: '/x' }), replan)(request, options),
    ).resolves.toEqual({ downloadUrl: '/x' })
    expect(pulls).toBe(0)
  })
})

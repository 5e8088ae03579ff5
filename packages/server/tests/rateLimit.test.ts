import { describe, expect, it } from 'vitest'
import { createRateLimiter } from '../src/rateLimit'

describe('createRateLimiter', () => {
  it('limits each visitor and each IP per window', () => {
    const limiter = createRateLimiter({ windowMs: 1000, perVisitor: 2, perIp: 3 })
    const hit = (visitor: string | undefined, ip: string, at = 0) =>
      limiter.hit({ visitor, ip }, at).allowed
    expect([hit('a', '1'), hit('a', '1'), hit('a', '1')]).toEqual([true, true, false])
    expect(hit('b', '1')).toBe(false) // the IP has used its 3 (+1 refused) requests
    expect(hit('b', '2')).toBe(true)
    expect(hit('a', '1', 1000)).toBe(true) // a new window
  })

  it('says when to come back', () => {
    const limiter = createRateLimiter({ windowMs: 10_000, perVisitor: 1 })
    limiter.hit({ visitor: 'a', ip: 'x' }, 0)
    expect(limiter.hit({ visitor: 'a', ip: 'x' }, 2500)).toEqual({ allowed: false, retryAfter: 8 })
  })

  it('forgets expired windows when many keys are tracked', () => {
    const limiter = createRateLimiter({ windowMs: 1000 })
    for (let i = 0; i < 12_000; i++) limiter.hit({ ip: `ip-${i}` }, 0)
    expect(limiter.size()).toBe(12_000)
    limiter.hit({ ip: 'late' }, 5000)
    expect(limiter.size()).toBe(1)
  })
})

import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { defaultRetrySchedule, retryDelay } from '../../src/delivery/retryDelay'

describe('retryDelay', () => {
  it('starts within seconds and spreads the default schedule over about a day', () => {
    expect(defaultRetrySchedule[0]).toBeLessThanOrEqual(5_000)
    const total = defaultRetrySchedule.reduce((sum, ms) => sum + ms, 0)
    expect(total).toBeGreaterThan(20 * 60 * 60_000)
    expect(total).toBeLessThan(28 * 60 * 60_000)
  })

  it('keeps every delay within ±20 % of its step and ends after the last step', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 10_000_000 }), { minLength: 1, maxLength: 12 }),
        fc.double({ min: 0, max: 0.999999, noNaN: true }),
        (schedule, r) => {
          schedule.forEach((base, i) => {
            const delay = retryDelay(schedule, i + 1, () => r)
            expect(delay).not.toBeNull()
            expect(delay as number).toBeGreaterThanOrEqual(Math.floor(base * 0.8))
            expect(delay as number).toBeLessThanOrEqual(Math.ceil(base * 1.2))
          })
          expect(retryDelay(schedule, schedule.length + 1, () => r)).toBeNull()
        },
      ),
      { numRuns: 200 },
    )
  }, 60_000)
})

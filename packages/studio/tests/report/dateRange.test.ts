import { expect, test } from 'vitest'
import { daysOf, isValidRange, lastDays, presetOf } from '../../src/report/dateRange'

const today = new Date('2026-03-29T23:30:00Z')

test('the last n days end today and include it', () => {
  expect(lastDays(7, today)).toEqual({ from: '2026-03-23', to: '2026-03-29' })
  expect(lastDays(1, today)).toEqual({ from: '2026-03-29', to: '2026-03-29' })
  expect(lastDays(90, today)).toEqual({ from: '2025-12-30', to: '2026-03-29' })
})

test('a range is valid when both days exist and the first is not after the second', () => {
  expect(isValidRange({ from: '2026-03-01', to: '2026-03-01' })).toBe(true)
  expect(isValidRange({ from: '2026-03-02', to: '2026-03-01' })).toBe(false)
  expect(isValidRange({ from: '2026-02-30', to: '2026-03-01' })).toBe(false)
  expect(isValidRange({ from: '', to: '2026-03-01' })).toBe(false)
  expect(isValidRange({ from: '1.3.2026', to: '2026-03-01' })).toBe(false)
})

test('a range ending today is recognised as its preset', () => {
  expect(presetOf(lastDays(30, today), today)).toBe(30)
  expect(presetOf({ from: '2026-03-01', to: '2026-03-29' }, today)).toBeUndefined()
})

test('the days of a range are every day in it, across months, and none when it is invalid', () => {
  expect(daysOf({ from: '2026-02-27', to: '2026-03-02' })).toEqual([
    '2026-02-27',
    '2026-02-28',
    '2026-03-01',
    '2026-03-02',
  ])
  expect(daysOf({ from: '2026-03-02', to: '2026-03-01' })).toEqual([])
  expect(daysOf({ from: '2020-01-01', to: '2026-01-01' }, 10)).toHaveLength(10)
})

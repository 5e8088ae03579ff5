import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { mergeFieldRecords } from '../../src/profile/mergeFieldRecords'
import type { FieldRecord } from '../../src/types'

const at = (day: number) => `2025-05-${String(day).padStart(2, '0')}T10:00:00.000Z`
const record = (day: number, extra: Partial<FieldRecord> = {}): FieldRecord => ({
  collectedAt: at(day),
  formId: 'whitepaper',
  ...extra,
})

describe('mergeFieldRecords', () => {
  it('takes over records this copy lacks, without their values', () => {
    const { fields, taken } = mergeFieldRecords(
      { email: record(1, { value: 'ada@example.com' }) },
      { company: record(2, { value: 'ACME' }), phone: record(2, { declined: true }) },
    )
    expect(fields).toEqual({
      email: record(1, { value: 'ada@example.com' }),
      company: record(2),
      phone: record(2, { declined: true }),
    })
    expect(taken).toEqual(['company', 'phone'])
  })

  it('replaces an older local record, and keeps a newer or equally old one with its value', () => {
    const local = {
      company: record(1, { value: 'Old Co' }),
      jobRole: record(5, { value: 'head' }),
      industry: record(3, { value: 'it' }),
    }
    const incoming = {
      company: record(4, { value: 'ACME', formId: 'checklist' }),
      jobRole: record(2, { value: 'it' }),
      industry: record(3, { value: 'retail' }),
    }
    const { fields, taken } = mergeFieldRecords(local, incoming)
    expect(fields).toEqual({
      company: record(4, { formId: 'checklist' }),
      jobRole: local.jobRole,
      industry: local.industry,
    })
    expect(taken).toEqual(['company'])
  })

  it('keeps the local record with its value when the other copy recorded the same answer moments later', () => {
    // The browser records at its clock, the server a second (or a skewed clock minutes) later.
    const local = {
      jobRole: { collectedAt: '2025-05-01T10:00:00.000Z', formId: 'w', value: 'head' },
    }
    const incoming = {
      jobRole: { collectedAt: '2025-05-01T10:04:59.000Z', formId: 'w', value: 'head' },
    }
    const { fields, taken } = mergeFieldRecords(local, incoming)
    expect(fields).toEqual(local)
    expect(taken).toEqual([])
  })

  it(
    'never removes a local record, never carries a value and changes neither input',
    { timeout: 60_000 },
    () => {
      const records = fc.dictionary(
        fc.constantFrom('email', 'company', 'jobRole', 'phone'),
        fc.record({ day: fc.integer({ min: 1, max: 28 }), value: fc.string() }),
      )
      fc.assert(
        fc.property(records, records, (localSpec, incomingSpec) => {
          const build = (spec: typeof localSpec) =>
            Object.fromEntries(
              Object.entries(spec).map(([id, { day, value }]) => [id, record(day, { value })]),
            )
          const local = build(localSpec)
          const incoming = build(incomingSpec)
          const copies = structuredClone([local, incoming])
          const { fields, taken } = mergeFieldRecords(local, incoming)
          expect([local, incoming]).toEqual(copies)
          for (const id of Object.keys(local)) expect(fields[id]).toBeDefined()
          for (const id of taken) expect(fields[id]).not.toHaveProperty('value')
          for (const [id, mine] of Object.entries(local)) {
            if (!taken.includes(id)) expect(fields[id]).toBe(mine)
          }
        }),
        { numRuns: 100 },
      )
    },
  )
})

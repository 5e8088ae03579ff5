import { describe, expect, test } from 'vitest'
import { parseReport, reportTotals, type Report } from '../src/report'

const report: Report = {
  generatedAt: '2025-05-01T10:00:00.000Z',
  forms: [
    {
      formId: 'whitepaper',
      submissions: 3,
      downloads: { form: 3, openGate: 1 },
      visits: [
        {
          visit: 1,
          submissions: 2,
          fields: [
            { fieldId: 'email', shown: 2, answered: 2 },
            { fieldId: 'firstName', shown: 2, answered: 1 },
          ],
          consents: [{ purposeId: 'sales', offered: 2, granted: 1 }],
        },
        {
          visit: 2,
          submissions: 1,
          fields: [{ fieldId: 'jobRole', shown: 1, answered: 1 }],
          consents: [],
        },
      ],
    },
    {
      formId: 'checklist',
      submissions: 1,
      downloads: { form: 1, openGate: 2 },
      visits: [
        {
          visit: 2,
          submissions: 1,
          fields: [{ fieldId: 'industry', shown: 1, answered: 0 }],
          consents: [{ purposeId: 'sales', offered: 1, granted: 1 }],
        },
      ],
    },
  ],
}

describe('parseReport', () => {
  test('accepts the report of the server', () => {
    expect(parseReport(JSON.parse(JSON.stringify(report)))).toEqual(report)
  })

  test.each([
    ['not an object', 'oops'],
    ['no forms', { generatedAt: 'x' }],
    ['a negative count', { forms: [{ ...report.forms[0], submissions: -1 }] }],
    [
      'a count as a string',
      { forms: [{ ...report.forms[1], downloads: { form: '1', openGate: 0 } }] },
    ],
    [
      'a visit without fields',
      { forms: [{ ...report.forms[1], visits: [{ visit: 1, submissions: 1 }] }] },
    ],
  ])('rejects %s', (_name, value) => {
    expect(parseReport(value)).toBeNull()
  })
})

describe('reportTotals', () => {
  test('adds up fields shown and answered per visit over all forms', () => {
    const totals = reportTotals(report)
    expect(totals.submissions).toBe(4)
    expect(totals.openGateDownloads).toBe(3)
    expect(totals.formDownloads).toBe(4)
    expect(totals.visits).toEqual([
      { visit: 1, submissions: 2, shown: 4, answered: 3 },
      { visit: 2, submissions: 2, shown: 2, answered: 1 },
    ])
    expect(totals.consents).toEqual([{ purposeId: 'sales', offered: 3, granted: 2 }])
  })

  test('can be limited to one form', () => {
    const totals = reportTotals(report, 'checklist')
    expect(totals.submissions).toBe(1)
    expect(totals.visits).toEqual([{ visit: 2, submissions: 1, shown: 1, answered: 0 }])
  })

  test('keeps purpose ids such as __proto__ apart from object internals', () => {
    const hostile = parseReport({
      forms: [
        {
          ...report.forms[1],
          visits: [
            {
              visit: 1,
              submissions: 1,
              fields: [],
              consents: [{ purposeId: '__proto__', offered: 1, granted: 0 }],
            },
          ],
        },
      ],
    })
    expect(hostile).not.toBeNull()
    expect(reportTotals(hostile!).consents).toEqual([
      { purposeId: '__proto__', offered: 1, granted: 0 },
    ])
  })
})

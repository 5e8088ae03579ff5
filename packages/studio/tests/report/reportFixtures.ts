/// <reference types="node" />
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { parseConfig, type Config } from '@trickle/core'
import { vi } from 'vitest'
import type { FunnelReport, Insights, StudioApi, StudioRange } from '../../src/studioApi'

/** The shared B2B whitepaper fixture, parsed. */
export function fixtureConfig(): Config {
  const file = resolve(import.meta.dirname, '../../../core/tests/fixtures/b2b-whitepaper.json')
  const result = parseConfig(JSON.parse(readFileSync(file, 'utf8')))
  if (!result.ok) throw new Error(`fixture: ${JSON.stringify(result.issues)}`)
  return result.config
}

const counts = (shown: number, started: number, submitted: number, left: number) => ({
  shown,
  started,
  submitted,
  left,
})

/**
 * 100 visitors shown the whitepaper form, 60 started, 40 submitted, 20 left: 12 of them after
 * "firstName" (the second field), 5 after "email", 3 after "lastName".
 */
export function fixtureReport(): FunnelReport {
  const fields = [
    { fieldId: 'email', shown: 60, answered: 55, lastTouched: 5, dropOff: 5 / 60 },
    { fieldId: 'firstName', shown: 58, answered: 50, lastTouched: 12, dropOff: 0.2 },
    { fieldId: 'lastName', shown: 46, answered: 44, lastTouched: 3, dropOff: 0.05 },
  ]
  return {
    from: '2026-11-07',
    to: '2026-12-06',
    generatedAt: '2026-12-06T12:00:00.000Z',
    forms: [
      {
        formId: 'whitepaper',
        totals: counts(100, 60, 40, 20),
        fields,
        days: [
          { day: '2026-12-05', ...counts(70, 40, 25, 15) },
          { day: '2026-12-06', ...counts(30, 20, 15, 5) },
        ],
        visits: [
          { visit: 1, fields, ...counts(80, 50, 32, 18) },
          { visit: 2, fields: [], ...counts(20, 10, 8, 2) },
        ],
        locales: [
          { locale: 'de', ...counts(64, 40, 28, 12) },
          { locale: 'en', ...counts(36, 20, 12, 8) },
        ],
      },
      {
        // The server lists every form of the config, counted or not.
        formId: 'checklist',
        totals: counts(0, 0, 0, 0),
        fields: ['email', 'company', 'industry'].map((fieldId) => ({
          fieldId,
          shown: 0,
          answered: 0,
          lastTouched: 0,
          dropOff: 0,
        })),
        days: [],
        visits: [],
        locales: [],
      },
    ],
    doubleOptIn: {
      requested: 20,
      confirmed: 15,
      rate: 0.75,
      days: [
        { day: '2026-12-05', requested: 12, confirmed: 9 },
        { day: '2026-12-06', requested: 8, confirmed: 6 },
      ],
    },
  }
}

/** A report of a range in which nothing was counted. */
export function emptyReport(): FunnelReport {
  return {
    from: '2026-11-07',
    to: '2026-12-06',
    generatedAt: '2026-12-06T12:00:00.000Z',
    forms: [],
    doubleOptIn: { requested: 0, confirmed: 0, rate: 0, days: [] },
  }
}

/** "phone" costs much and is used little: the suggestion moves it from second to last. */
export function fixtureInsights(): Insights {
  return {
    from: '2026-11-07',
    to: '2026-12-06',
    fields: [
      {
        fieldId: 'company',
        purposes: ['personalisation'],
        shown: 50,
        lastTouched: 2,
        dropOffCost: 0.04,
        usage: { deliveries: 30, askIfReads: 10 },
        value: 40,
      },
      {
        fieldId: 'phone',
        purposes: ['sales'],
        shown: 48,
        lastTouched: 15,
        dropOffCost: 0.3,
        usage: { deliveries: 1, askIfReads: 0 },
        value: 3.33,
      },
      {
        fieldId: 'industry',
        purposes: ['personalisation'],
        shown: 40,
        lastTouched: 1,
        dropOffCost: 0.025,
        usage: { deliveries: 12, askIfReads: 4 },
        value: 16,
      },
    ],
    suggestions: [
      {
        formId: 'whitepaper',
        current: ['company', 'phone', 'industry'],
        suggested: ['company', 'industry', 'phone'],
        reasons: {
          phone: 'phone makes 30% of starters leave and its purposes were used once: ask it later',
          industry: 'industry costs little and is read often: ask it earlier',
        },
        changed: true,
      },
      {
        formId: 'checklist',
        current: ['company', 'industry'],
        suggested: ['company', 'industry'],
        reasons: {},
        changed: false,
      },
    ],
  }
}

/** A report API answering with the fixtures, recording what it was asked. */
export function fakeApi(report: FunnelReport = fixtureReport(), insights = fixtureInsights()) {
  const query = (range: StudioRange) => new URLSearchParams({ ...range }).toString()
  return {
    funnel: vi.fn((_range: StudioRange) => Promise.resolve(report)),
    funnelCsvUrl: vi.fn(
      (range: StudioRange) => `http://127.0.0.1:8787/v1/admin/funnel.csv?${query(range)}`,
    ),
    insights: vi.fn((_range: StudioRange) => Promise.resolve(insights)),
  } satisfies StudioApi
}

// @vitest-environment node
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { parseConfig, simulateJourney, type Config } from '@trickle/core'
import { describe, expect, test } from 'vitest'
import {
  answerFromText,
  journeyOf,
  personaStep,
  visitsOf,
  withSequence,
} from '../../../src/app/preview/persona'

const parsed = parseConfig(
  JSON.parse(
    readFileSync(
      resolve(import.meta.dirname, '../../../../core/tests/fixtures/b2b-whitepaper.json'),
      'utf8',
    ),
  ),
)
if (!parsed.ok) throw new Error('fixture is invalid')
const config: Config = parsed.config
const field = (id: string) => config.fields.find((f) => f.id === id)!
const start = new Date('2026-03-02T09:00:00Z')

describe('the persona', () => {
  test('typed answers become the field’s kind of value; empty means a sample answer', () => {
    expect(answerFromText(field('firstName'), '  Ada ')).toBe('Ada')
    expect(answerFromText(field('firstName'), '   ')).toBeUndefined()
  })

  test('visits 1-3 of one form ask new fields each visit', () => {
    const result = simulateJourney(
      config,
      journeyOf(config, { locale: 'en', daysBetween: 7, steps: visitsOf('whitepaper', 3) }, start),
    )
    expect(result.ok).toBe(true)
    if (!result.ok) return
    const asked = result.visits.map((visit) => visit.plan.fields.map((f) => f.id))
    expect(asked[0]).toEqual(['email', 'firstName', 'lastName', 'company'])
    expect(asked[1]).toEqual(['email', 'jobRole', 'industry', 'companySize'])
    expect(result.visits.map((visit) => visit.day)).toEqual([0, 7, 14])
  })

  test('a journey across forms: the checklist skips what the whitepaper learnt', () => {
    const steps = [personaStep('whitepaper'), { ...personaStep('checklist'), daysAfter: 3 }]
    const result = simulateJourney(
      config,
      journeyOf(config, { locale: 'de', daysBetween: 7, steps }, start),
    )
    expect(result.ok).toBe(true)
    if (!result.ok) return
    const checklist = result.visits[1]!
    expect(checklist.day).toBe(3)
    expect(checklist.plan.decisions.find((d) => d.fieldId === 'company')).toMatchObject({
      ask: false,
      reason: 'known',
    })
  })

  test('consent choices and declined fields reach the journey', () => {
    const step = {
      ...personaStep('whitepaper'),
      consents: { newsletter: true },
      confirmDoubleOptIn: false,
    }
    const result = simulateJourney(
      config,
      journeyOf(config, { locale: 'en', daysBetween: 7, steps: [step] }, start),
    )
    expect(result.ok && result.visits[0]?.pending).toEqual(['newsletter'])
  })

  test('a previewed order changes only that form, in a copy', () => {
    const reordered = withSequence(config, 'checklist', ['jobRole', 'company'])
    expect(reordered.forms[1]?.sequence).toEqual(['jobRole', 'company'])
    expect(config.forms[1]?.sequence).toEqual(['company', 'industry', 'jobRole', 'companySize'])
  })
})

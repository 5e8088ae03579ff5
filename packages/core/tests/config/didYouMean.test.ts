import { describe, expect, it } from 'vitest'
import { didYouMean } from '../../src/config/didYouMean'

const formKeys = ['id', 'always', 'sequence', 'perVisit', 'offerConsents', 'openGate']

describe('didYouMean', () => {
  it('finds the intended word behind a typo', () => {
    expect(didYouMean('perVist', formKeys)).toBe('perVisit')
    expect(didYouMean('offerConsent', formKeys)).toBe('offerConsents')
    expect(didYouMean('sequnece', formKeys)).toBe('sequence')
    expect(didYouMean('emial', ['email', 'company'])).toBe('email')
    expect(didYouMean('Email', ['email', 'company'])).toBe('email')
    expect(didYouMean('jobRol', ['jobRole', 'budget'])).toBe('jobRole')
  })

  it('prefers the closest candidate', () => {
    expect(didYouMean('sales2', ['sales', 'sales23'])).toBe('sales')
    expect(didYouMean('newsleter', ['newsletter', 'news'])).toBe('newsletter')
  })

  it('stays quiet when nothing is close', () => {
    expect(didYouMean('budget', formKeys)).toBeUndefined()
    expect(didYouMean('x', ['yz'])).toBeUndefined()
    expect(didYouMean('', formKeys)).toBeUndefined()
    expect(didYouMean('a'.repeat(5_000_000), ['a'.repeat(99)])).toBeUndefined()
    expect(didYouMean('perVisit', [])).toBeUndefined()
  })
})

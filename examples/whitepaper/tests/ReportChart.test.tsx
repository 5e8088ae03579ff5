import { render, screen, within } from '@testing-library/react'
import { describe, expect, test } from 'vitest'
import { niceScale, ReportChart } from '../src/components/ReportChart'

const labels = { shown: 'Shown', answered: 'Answered', visit: (visit: number) => `Visit ${visit}` }

describe('niceScale', () => {
  test.each([
    [0, 4, 1],
    [3, 3, 1],
    [7, 8, 2],
    [37, 40, 10],
    [130, 150, 50],
  ])('a maximum of %i gives an axis up to %i in steps of %i', (max, top, step) => {
    expect(niceScale(max)).toEqual({ top, step })
  })
})

describe('ReportChart', () => {
  test('draws two bars per visit, as tall as their numbers, with the numbers in a table', () => {
    const { container } = render(
      <ReportChart
        title="Fields per visit"
        labels={labels}
        visits={[
          { visit: 1, submissions: 10, shown: 40, answered: 30 },
          { visit: 2, submissions: 4, shown: 12, answered: 12 },
        ]}
      />,
    )
    expect(screen.getByRole('img', { name: 'Fields per visit' })).toBeDefined()
    const heightOf = (visit: number, kind: 'shown' | 'answered') =>
      Number(
        container
          .querySelector(`[data-visit="${visit}"] .report-bar-${kind}`)
          ?.getAttribute('height'),
      )
    expect(heightOf(1, 'shown')).toBeGreaterThan(heightOf(1, 'answered'))
    expect(heightOf(1, 'answered') / heightOf(1, 'shown')).toBeCloseTo(30 / 40)
    expect(heightOf(2, 'shown')).toBeCloseTo(heightOf(2, 'answered'))
    expect(heightOf(2, 'shown') / heightOf(1, 'shown')).toBeCloseTo(12 / 40)

    const rows = within(screen.getByRole('table')).getAllByRole('row')
    expect(rows.map((row) => row.textContent)).toEqual([
      'Fields per visitShownAnswered',
      'Visit 14030',
      'Visit 21212',
    ])
  })
})

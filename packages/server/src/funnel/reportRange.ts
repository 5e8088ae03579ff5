import { ApiError } from '../apiError'

/** The longest date range a report covers. */
export const maxRangeDays = 366
const dayMs = 86_400_000

export interface ReportRange {
  /** First day, `YYYY-MM-DD` (UTC). */
  from: string
  /** Last day, inclusive. */
  to: string
}

/** `YYYY-MM-DD` of a time (UTC), the day the funnel counts under. */
export const dayOf = (time: Date): string => time.toISOString().slice(0, 10)

function parseDay(name: string, value: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value)
  const time = match ? Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) : NaN
  if (!match || Number.isNaN(time) || dayOf(new Date(time)) !== value) {
    throw new ApiError(
      400,
      'invalid-range',
      `${name} must be a date written YYYY-MM-DD, e.g. 2026-03-31 (got ${JSON.stringify(value.slice(0, 40))}).`,
    )
  }
  return time
}

/**
 * The `from` and `to` query parameters (both optional: `to` defaults to today, `from` to 29
 * days before `to`). A malformed date, `from` after `to`, or more than 366 days is a 400.
 */
export function reportRange(
  query: { from?: string | undefined; to?: string | undefined },
  now: Date,
): ReportRange {
  const to = query.to === undefined ? parseDay('to', dayOf(now)) : parseDay('to', query.to)
  const from = query.from === undefined ? to - 29 * dayMs : parseDay('from', query.from)
  if (from > to) {
    throw new ApiError(400, 'invalid-range', 'from must be on or before to.')
  }
  if ((to - from) / dayMs + 1 > maxRangeDays) {
    throw new ApiError(
      400,
      'invalid-range',
      `A report covers at most ${maxRangeDays} days; choose a shorter range.`,
    )
  }
  return { from: dayOf(new Date(from)), to: dayOf(new Date(to)) }
}

/** Every day of a range, in order. */
export function daysOf(range: ReportRange): string[] {
  const days: string[] = []
  for (let time = Date.parse(`${range.from}T00:00:00Z`); ; time += dayMs) {
    const day = dayOf(new Date(time))
    days.push(day)
    if (day >= range.to || days.length >= maxRangeDays) return days
  }
}

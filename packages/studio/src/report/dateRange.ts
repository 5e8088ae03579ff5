import type { StudioRange } from '../studioApi'

/** The ranges offered with one click: the last 7, 30 and 90 days, today included. */
export const rangePresets = [7, 30, 90] as const

const dayPattern = /^\d{4}-\d{2}-\d{2}$/

/** A date as the report's day (YYYY-MM-DD, UTC: the server counts days in UTC). */
export function dayOf(date: Date): string {
  return date.toISOString().slice(0, 10)
}

/** The last `days` days up to `today`, both ends included. */
export function lastDays(days: number, today: Date): StudioRange {
  const from = new Date(today.getTime() - (days - 1) * 86_400_000)
  return { from: dayOf(from), to: dayOf(today) }
}

/** Whether a range can be asked for: two real days, the first not after the second. */
export function isValidRange(range: StudioRange): boolean {
  const valid = (day: string) =>
    dayPattern.test(day) &&
    !Number.isNaN(Date.parse(`${day}T00:00:00Z`)) &&
    dayOf(new Date(`${day}T00:00:00Z`)) === day
  return valid(range.from) && valid(range.to) && range.from <= range.to
}

/** The preset a range matches (ending today), if any, so its button shows as pressed. */
export function presetOf(range: StudioRange, today: Date): number | undefined {
  return rangePresets.find((days) => {
    const preset = lastDays(days, today)
    return preset.from === range.from && preset.to === range.to
  })
}

/** Every day from `from` to `to`, both included (at most `limit` days, from the start). */
export function daysOf(range: StudioRange, limit = 366): string[] {
  const days: string[] = []
  if (!isValidRange(range)) return days
  for (
    let time = Date.parse(`${range.from}T00:00:00Z`);
    days.length < limit && dayOf(new Date(time)) <= range.to;
    time += 86_400_000
  )
    days.push(dayOf(new Date(time)))
  return days
}

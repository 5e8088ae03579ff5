/**
 * When to try a failed delivery again: the first retries within seconds (a receiver that was
 * restarting), then further and further apart, about 24 hours in all; after the last, the
 * delivery is dead (listed for an admin, who may retry it).
 */
export const defaultRetrySchedule: readonly number[] = [
  2_000,
  10_000,
  60_000,
  5 * 60_000,
  30 * 60_000,
  60 * 60_000,
  3 * 60 * 60_000,
  6 * 60 * 60_000,
  12 * 60 * 60_000,
]

/** ± this share of each delay, so that many failed deliveries do not all return at once. */
export const retryJitter = 0.2

/**
 * The wait after the `attempts`-th failed attempt (1-based), or `null` when the schedule is
 * used up. `random` is in [0, 1).
 */
export function retryDelay(
  schedule: readonly number[],
  attempts: number,
  random: () => number = Math.random,
): number | null {
  const base = schedule[attempts - 1]
  if (base === undefined) return null
  return Math.max(0, Math.round(base * (1 + retryJitter * (2 * random() - 1))))
}

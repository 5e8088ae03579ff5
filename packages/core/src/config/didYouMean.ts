/** Inputs longer than this get no suggestion: nobody mistypes a 100-character id by one letter. */
const maxLength = 100

/**
 * The candidate a typo most likely meant, or `undefined` when none is close. Case is ignored
 * (`Email` suggests `email`); a swap of two neighbouring letters counts as one edit
 * (`emial` suggests `email`). A candidate qualifies within about one edit per three letters.
 */
export function didYouMean(input: string, candidates: Iterable<string>): string | undefined {
  if (input.length === 0 || input.length > maxLength) return undefined
  const needle = input.toLowerCase()
  let best: string | undefined
  let bestDistance = Infinity
  for (const candidate of candidates) {
    if (candidate === input || candidate.length > maxLength) continue
    const hay = candidate.toLowerCase()
    const limit = Math.max(1, Math.floor(Math.max(needle.length, hay.length) / 3))
    if (Math.abs(needle.length - hay.length) > limit) continue
    const distance = editDistance(needle, hay, Math.min(limit, bestDistance - 1))
    if (distance < bestDistance) {
      best = candidate
      bestDistance = distance
      if (distance === 0) break
    }
  }
  return best
}

/**
 * Optimal string alignment distance (Levenshtein plus transpositions). Returns `Infinity` as
 * soon as the distance must exceed `limit`.
 */
function editDistance(a: string, b: string, limit: number): number {
  if (limit < 0) return Infinity
  const width = b.length + 1
  let before = new Array<number>(width).fill(0)
  let previous = Array.from({ length: width }, (_, j) => j)
  let current = new Array<number>(width).fill(0)
  let previousRowMin = 0
  for (let i = 1; i <= a.length; i++) {
    current[0] = i
    let rowMin = i
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      let value = Math.min(
        (previous[j] ?? 0) + 1,
        (current[j - 1] ?? 0) + 1,
        (previous[j - 1] ?? 0) + cost,
      )
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        value = Math.min(value, (before[j - 2] ?? 0) + 1)
      }
      current[j] = value
      if (value < rowMin) rowMin = value
    }
    // A transposition can reach back two rows, so stop only when both rows are past the limit.
    if (rowMin > limit && previousRowMin > limit) return Infinity
    previousRowMin = rowMin
    ;[before, previous, current] = [previous, current, before]
  }
  const distance = previous[b.length] ?? Infinity
  return distance > limit ? Infinity : distance
}

/** The median of a list of numbers (the mean of the two middle values for an even count). */
export function median(values) {
  if (values.length === 0) throw new Error('median of an empty list')
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
}

/** The nearest-rank percentile (`p` from 0 to 100) of a list of numbers. */
export function percentile(values, p) {
  if (values.length === 0) throw new Error('percentile of an empty list')
  const sorted = [...values].sort((a, b) => a - b)
  const rank = Math.ceil((p / 100) * sorted.length)
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]
}

/** Bytes as kB (1 kB = 1000 bytes, as size-limit prints them), two decimals. */
export function kB(bytes) {
  return `${(bytes / 1000).toFixed(2)} kB`
}

/** Milliseconds with a precision that fits their size. */
export function ms(value) {
  if (value >= 100) return `${value.toFixed(0)} ms`
  if (value >= 10) return `${value.toFixed(1)} ms`
  if (value >= 0.1) return `${value.toFixed(2)} ms`
  return `${(value * 1000).toFixed(1)} µs`
}

/** A ratio such as `3.42×`. */
export function times(value) {
  return `${value >= 10 ? value.toFixed(1) : value.toFixed(2)}×`
}

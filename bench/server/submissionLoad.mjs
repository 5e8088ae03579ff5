let sequence = 0

/** The answers of a first whitepaper visit of a new visitor (no cookie is kept). */
export function firstVisit() {
  sequence += 1
  return JSON.stringify({
    formId: 'whitepaper',
    idempotencyKey: crypto.randomUUID(),
    locale: 'en',
    values: {
      email: `visitor${sequence}@example.com`,
      firstName: 'Ada',
      lastName: 'Lovelace',
      company: 'Analytical Engines Ltd',
    },
    consents: { newsletter: false, sales: false },
  })
}

/**
 * `concurrency` clients (keep-alive fetch in this process) send first-visit submissions to
 * `url` until `durationMs` has passed or `maxRequests` have been started. Returns the latencies
 * of the accepted (201) ones, the count and first text of the others, and the time it took.
 */
export async function load(url, { concurrency, durationMs, maxRequests }) {
  const latencies = []
  let started = 0
  let errors = 0
  let firstError
  const begin = performance.now()
  const stopAt = begin + durationMs
  const client = async () => {
    while (performance.now() < stopAt && started < maxRequests) {
      started += 1
      const body = firstVisit()
      const t0 = performance.now()
      const response = await fetch(`${url}/v1/submissions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      })
      const text = await response.text()
      const elapsed = performance.now() - t0
      if (response.status === 201) latencies.push(elapsed)
      else {
        errors += 1
        firstError ??= `${response.status} ${text.slice(0, 300)}`
      }
    }
  }
  await Promise.all(Array.from({ length: concurrency }, client))
  return { latencies, errors, firstError, elapsedMs: performance.now() - begin }
}

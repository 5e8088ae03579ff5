import { randomUUID } from 'node:crypto'
import { shownConsentText } from '@trickle/core'

/**
 * The baseline of the server benchmark: `POST /v1/submissions` that writes the same rows as
 * Trickle writes for a first visit (a visitor, one row per answer, the consent texts, one
 * consent event per offered purpose, the visit counter, the submission) in one transaction,
 * through the same driver, and nothing else: no cookie, no plan, no validation, no reads.
 * The consent texts and their hashes are looked up once at start.
 */
export function baselineSubmit(config, client) {
  const purposes = new Map()
  for (const purpose of config.purposes) {
    if (purpose.basis !== 'consent') continue
    const locales = new Map(
      config.locales.map((locale) => [locale, shownConsentText(config, purpose.id, locale)]),
    )
    purposes.set(purpose.id, { version: purpose.version, locales })
  }

  return async (request) => {
    const url = new URL(request.url)
    if (request.method !== 'POST' || url.pathname !== '/v1/submissions') {
      return Response.json({ error: 'not-found' }, { status: 404 })
    }
    const body = await request.json()
    const now = new Date()
    const visitorId = randomUUID()
    const submissionId = randomUUID()
    const locale = body.locale
    const answers = Object.entries(body.values)
    const consents = Object.entries(body.consents).map(([purposeId, granted]) => {
      const purpose = purposes.get(purposeId)
      const shown = purpose.locales.get(locale)
      return {
        purposeId,
        decision: granted ? 'granted' : 'denied',
        version: purpose.version,
        shown,
      }
    })
    await client.transaction(async (query) => {
      await query(
        'insert into visitors (id, created_at) values ($1, $2) on conflict (id) do nothing',
        [visitorId, now],
      )
      await query(
        `insert into field_values (visitor_id, field_id, value, declined, collected_at, form_id) values ${rows(answers.length, 6)}`,
        answers.flatMap(([fieldId, value]) => [
          visitorId,
          fieldId,
          JSON.stringify(value),
          false,
          now,
          body.formId,
        ]),
      )
      const texts = [...consents].sort((a, b) => a.shown.hash.localeCompare(b.shown.hash))
      await query(
        `insert into consent_texts (hash, purpose_id, version, locale, text, first_seen) values ${rows(texts.length, 6)} on conflict (hash) do nothing`,
        texts.flatMap((c) => [
          c.shown.hash,
          c.purposeId,
          c.version,
          c.shown.locale,
          c.shown.text,
          now,
        ]),
      )
      await query(
        `insert into consent_events (visitor_id, purpose_id, decision, version, at, form_id, locale, text_hash, source) values ${rows(consents.length, 9)}`,
        consents.flatMap((c) => [
          visitorId,
          c.purposeId,
          c.decision,
          c.version,
          now,
          body.formId,
          c.shown.locale,
          c.shown.hash,
          'form',
        ]),
      )
      const { rows: visits } = await query(
        'update visitors set visits = visits + 1 where id = $1 returning visits',
        [visitorId],
      )
      await query(
        'insert into submissions (id, visitor_id, idempotency_key, form_id, visit, at, locale, field_ids, declined, consents) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)',
        [
          submissionId,
          visitorId,
          body.idempotencyKey,
          body.formId,
          visits[0].visits,
          now,
          locale,
          JSON.stringify(answers.map(([fieldId]) => fieldId)),
          '[]',
          JSON.stringify(consents.map((c) => ({ purposeId: c.purposeId, decision: c.decision }))),
        ],
      )
    })
    return Response.json({ submissionId, visit: 1 }, { status: 201 })
  }
}

/** `($1, $2, ...), ($n+1, ...)`: placeholders for `count` rows of `width` columns. */
function rows(count, width) {
  return Array.from(
    { length: count },
    (_, row) =>
      `(${Array.from({ length: width }, (_, col) => `$${row * width + col + 1}`).join(', ')})`,
  ).join(', ')
}

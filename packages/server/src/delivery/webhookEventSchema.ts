import { idPattern } from '@trickle/core'
import * as z from 'zod/mini'

/**
 * The body of every webhook request, `{ type, timestamp, data }`, as one zod schema: the
 * JSON Schema shipped as `@trickle/server/webhook-event.schema.json` is generated from it
 * (`webhookEventJsonSchema`), and a type test pins it to `DeliveryEvent`, so the documented
 * payload cannot drift from what the worker sends. The event id is not in the body: it is the
 * `webhook-id` header (Standard Webhooks), the same on every retry.
 */

const d = z.describe

const iso = (what: string) =>
  z.string().check(z.iso.datetime({ offset: true }), d(`${what} (ISO 8601, UTC).`))

const id = (what: string) => z.string().check(z.regex(idPattern), d(what))

const fieldValue = z
  .union([z.string(), z.number(), z.boolean(), z.array(z.string())])
  .check(d('An answer: text, a number, a checkbox, or the chosen options of a multiselect.'))

const deliveredConsent = z.object({
  purposeId: id('The consent purpose, as in the config.'),
  decision: z
    .enum(['granted', 'denied', 'withdrawn', 'confirmed'])
    .check(
      d(
        'What the person did: granted (ticked the box), denied, withdrawn, or confirmed (the double opt-in link).',
      ),
    ),
  version: z.int().check(z.minimum(1), d('The purpose version the decision was made on.')),
  textHash: z.optional(
    z
      .string()
      .check(z.regex(/^[0-9a-f]{64}$/), d('SHA-256 (hex) of the exact consent text shown.')),
  ),
  at: iso('When the person decided'),
  locale: z.optional(z.string().check(d('The language the text was shown in.'))),
  formId: z.optional(id('The form the decision was made on.')),
  text: z.optional(z.string().check(d('The exact consent text shown, when the server has it.'))),
})

const deliveryData = z.object({
  visitorId: z
    .string()
    .check(
      z.minLength(1),
      d(
        "The pseudonymous visitor id (the server cookie's): the same person on every event, also after an erasure. Key your records on it, not on the e-mail address.",
      ),
    ),
  formId: z.optional(id('The form of the submission or decision, where there is one.')),
  fields: z
    .record(id('A field id, as in the config.'), fieldValue)
    .check(
      d(
        "Field id → value: only the person's current answers to fields with a purpose that this destination serves and may use at the moment of delivery. A field that is missing was not answered, or may not go to this destination.",
      ),
    ),
  consents: z
    .array(deliveredConsent)
    .check(
      d(
        "The consent decisions this event is about (a submission's, a withdrawal, a confirmation), for purposes this destination serves, oldest first.",
      ),
    ),
  erasedFieldIds: z.optional(
    z
      .array(id('A field id.'))
      .check(
        d(
          'profile.erased only: the fields whose values the receiver must erase (every field for an erasure of the whole profile).',
        ),
      ),
  ),
})

export const webhookEventSchema = z
  .object({
    type: z
      .enum(['submission.created', 'consent.changed', 'profile.erased'])
      .check(
        d(
          'submission.created: a form was sent. consent.changed: a consent was given, confirmed, refused, withdrawn or renewed. profile.erased: values were erased (a withdrawal, or the whole profile).',
        ),
      ),
    timestamp: iso('When the change happened'),
    data: deliveryData,
  })
  .check(
    d(
      'A Trickle webhook body. The event id is the webhook-id header: the same on every retry, so drop an id you have already processed.',
    ),
  )

export type WebhookEvent = z.output<typeof webhookEventSchema>

/** The JSON Schema (draft 2020-12) of the webhook body, generated from `webhookEventSchema`. */
export const webhookEventJsonSchema: z.core.JSONSchema.BaseSchema = {
  ...z.toJSONSchema(webhookEventSchema),
  $id: 'https://trickle.dev/schema/webhook-event.v1.json',
  title: 'Trickle webhook event',
}

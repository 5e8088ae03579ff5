import * as z from 'zod/mini'

/**
 * The marketer's JSON config, as one zod schema: the single source of truth. The `Config`
 * type is inferred from it and the shipped JSON Schema (`@trickle/core/schema.json`) is
 * generated from it. Meaning checks that a schema cannot express (references, duplicates,
 * cycles) live in `parseConfig`.
 */

import {
  fieldTypes,
  idPattern,
  legalBases,
  linkPattern,
  localePattern,
  maxLinkLength,
  portalIdPattern,
} from './configConstants'

export {
  destinationTypes,
  fieldTypes,
  idPattern,
  legalBases,
  linkPattern,
  localePattern,
  optionFieldTypes,
  portalIdPattern,
  reservedIds,
} from './configConstants'

const d = z.describe

const id = (what: string) =>
  z
    .string()
    .check(
      z.regex(idPattern, `${what}: a letter, then letters, digits, _ or -, at most 64 characters`),
      d(`${what}: a letter, then up to 63 letters, digits, "_" or "-".`),
    )

const localeCode = z
  .string()
  .check(z.regex(localePattern), d('A language tag such as "en", "de" or "de-CH".'))

/** Text shown to visitors: one string, or one string per configured locale. */
export const textSchema = z.union([
  z.string().check(z.minLength(1), d('One text for every language.')),
  z
    .record(localeCode, z.string().check(z.minLength(1), d('The text in this language.')))
    .check(d('One text per language, keyed by language tag: {"en": "...", "de": "..."}.')),
])

const text = (description: string) => textSchema.check(d(description))

const positiveInt = (description: string) => z.number().check(z.int(), z.minimum(1), d(description))

const nonNegativeInt = (description: string) =>
  z.number().check(z.int(), z.minimum(0), d(description))

const scalar = z.union([z.string(), z.number(), z.boolean()])

/**
 * A condition is JSON data, never an expression string. It is evaluated over the values known
 * about the visitor plus the answers given so far in the current form.
 */
export type Condition =
  | { field: string; equals: string | number | boolean }
  | { field: string; in: (string | number)[] }
  | { field: string; known: boolean }
  | { consented: string }
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition }

/**
 * The kinds of condition, in the order of the branches of `conditionSchema`. Each kind is named
 * after the key that tells it apart from the others.
 */
export const conditionKinds = ['equals', 'in', 'known', 'consented', 'all', 'any', 'not'] as const
export type ConditionKind = (typeof conditionKinds)[number]

const conditionRef: z.ZodMiniType<Condition> = z.lazy(() => conditionSchema)

export const conditionSchema: z.ZodMiniType<Condition> = z.union([
  z
    .strictObject({
      field: id('The field whose answer is compared'),
      equals: scalar.check(d('True when the answer equals this value.')),
    })
    .check(
      d('True when the field\'s answer equals a value: {"field": "jobRole", "equals": "it"}.'),
    ),
  z
    .strictObject({
      field: id('The field whose answer is compared'),
      in: z
        .array(z.union([z.string(), z.number()]))
        .check(z.minLength(1), d('True when the answer is one of these values.')),
    })
    .check(
      d(
        'True when the field\'s answer is one of several values: {"field": "jobRole", "in": ["c-level", "head"]}.',
      ),
    ),
  z
    .strictObject({
      field: id('The field that must be known (or unknown)'),
      known: z.boolean().check(d('true: the field has a usable value; false: it has none.')),
    })
    .check(d('True when a field is (or is not) known: {"field": "company", "known": true}.')),
  z
    .strictObject({
      consented: id('A consent purpose').check(d('True while this purpose is consented to.')),
    })
    .check(d('True while the visitor has consented to a purpose: {"consented": "sales"}.')),
  z
    .strictObject({
      all: z.array(conditionRef).check(z.minLength(1), d('True when every condition is true.')),
    })
    .check(d('All conditions must hold.')),
  z
    .strictObject({
      any: z
        .array(conditionRef)
        .check(z.minLength(1), d('True when at least one condition is true.')),
    })
    .check(d('At least one condition must hold.')),
  z
    .strictObject({
      not: conditionRef.check(d('The condition that must be false.')),
    })
    .check(d('The condition must not hold.')),
])

export const purposeSchema = z
  .strictObject({
    id: id('Purpose id'),
    basis: z
      .enum(legalBases)
      .check(
        d(
          'Legal basis (GDPR Art. 6): "consent" needs an unticked checkbox and a text; "contract" and "legitimate-interest" need none.',
        ),
      ),
    label: text('Short name shown to visitors, e.g. "Newsletter".'),
    text: z.optional(
      text(
        'The exact consent text shown next to the checkbox. Required for "consent" purposes, in every configured locale.',
      ),
    ),
    version: z._default(
      positiveInt(
        'Version of the consent text and processing. Raise it when either changes. Default 1.',
      ),
      1,
    ),
    requireVersion: z.optional(
      positiveInt(
        'Oldest consent version that still counts. Default: the current version, so any bump asks again; set it lower after a non-material edit.',
      ),
    ),
    refreshAfterDays: z.optional(
      positiveInt('Days after which a consent is asked again (e.g. 730). Default: never.'),
    ),
    doubleOptIn: z._default(
      z
        .boolean()
        .check(
          d(
            'Consent counts only after the visitor clicks a confirmation link (German practice for e-mail marketing). Default false.',
          ),
        ),
      false,
    ),
    confirmWithinDays: z.optional(
      positiveInt(
        'With doubleOptIn: days the confirmation link works; an unconfirmed consent then lapses and is offered again. Default 30.',
      ),
    ),
    retainDays: z.optional(
      positiveInt(
        'Days a value collected for this purpose is kept; then the retention run erases it, unless another purpose of its field still holds it. Default: kept until withdrawn or erased.',
      ),
    ),
  })
  .check(d('Why data is processed, with its legal basis.'))

export const optionSchema = z
  .strictObject({
    value: z
      .string()
      .check(z.minLength(1), z.maxLength(200), d('The value stored when this option is picked.')),
    label: text('What the visitor sees.'),
  })
  .check(d('One choice of a select, radio or multiselect field.'))

export const fieldSchema = z
  .strictObject({
    id: id('Field id'),
    type: z.enum(fieldTypes).check(d('How the field is asked and validated.')),
    label: text('The question shown to visitors.'),
    help: z.optional(text('A hint below the field.')),
    placeholder: z.optional(text('Example input shown inside an empty field.')),
    purposes: z
      .array(id('Purpose id'))
      .check(
        z.minLength(1),
        d('Ids of the purposes this field serves (at least one: data minimisation).'),
      ),
    required: z._default(
      z
        .boolean()
        .check(
          d(
            'Whether an answer is required when the field is asked. Default true. A skipped optional field goes to the back of the queue.',
          ),
        ),
      true,
    ),
    options: z.optional(
      z.array(optionSchema).check(d('Choices, required for select, radio and multiselect.')),
    ),
    minLength: z.optional(nonNegativeInt('Minimum number of characters.')),
    maxLength: z.optional(positiveInt('Maximum number of characters.')),
    min: z.optional(z.number().check(d('Smallest number allowed (number fields).'))),
    max: z.optional(z.number().check(d('Largest number allowed (number fields).'))),
    pattern: z.optional(
      z
        .string()
        .check(
          z.minLength(1),
          z.maxLength(200),
          d('A regular expression the whole answer must match (at most 200 characters).'),
        ),
    ),
    autocomplete: z.optional(
      z
        .string()
        .check(
          z.minLength(1),
          z.maxLength(100),
          d('The HTML autocomplete token, e.g. "email", "organization", "tel".'),
        ),
    ),
    maxAgeDays: z.optional(
      positiveInt('Days after which a collected answer is stale and asked again. Default: never.'),
    ),
    askIf: z.optional(
      conditionSchema.check(
        d(
          'Ask this field only when the condition holds, e.g. {"field": "jobRole", "in": ["head"]}.',
        ),
      ),
    ),
    sensitive: z._default(
      z
        .boolean()
        .check(
          d("Never keep this value in the visitor's browser (only on the server). Default false."),
        ),
      false,
    ),
  })
  .check(d('One piece of profile data.'))

export const formSchema = z
  .strictObject({
    id: id('Form id'),
    always: z._default(
      z
        .array(id('Field id'))
        .check(
          d('Fields asked on every visit (e.g. the e-mail); they do not count towards perVisit.'),
        ),
      [],
    ),
    sequence: z._default(
      z
        .array(id('Field id'))
        .check(
          d('The queue: unknown or stale fields are asked in this order, perVisit at a time.'),
        ),
      [],
    ),
    perVisit: z._default(
      z
        .number()
        .check(
          z.int(),
          z.minimum(0),
          z.maximum(20),
          d('How many new fields to ask per visit (0 to 20). Default 3.'),
        ),
      3,
    ),
    offerConsents: z._default(
      z
        .array(id('Purpose id'))
        .check(d('Consent purposes offered as separate, unticked checkboxes.')),
      [],
    ),
    openGate: z._default(
      z
        .boolean()
        .check(
          d(
            'Let a visitor with nothing left to ask download with one click, without a form. Default true.',
          ),
        ),
      true,
    ),
  })
  .check(d('A form in front of a download (a gate).'))

const linkAddress = z
  .string()
  .check(z.minLength(1), z.maxLength(maxLinkLength), z.regex(linkPattern))

/** A link: one address, or one per configured locale; https://, http://, mailto: or "/path". */
const link = (description: string) =>
  z.union([linkAddress, z.record(localeCode, linkAddress)]).check(d(description))

export const linksSchema = z
  .strictObject({
    privacy: z.optional(link('Link to the privacy policy, shown with every consent.')),
    imprint: z.optional(link('Link to the legal notice (imprint).')),
  })
  .check(d('Links shown with the forms.'))

/** What a destination may be sent: new submissions, consent changes, erasures. */
export const destinationEventKinds = ['submission', 'consent', 'erasure'] as const

/** Keys of maps whose keys are ids (forms, fields, purposes): never `__proto__` and friends. */
const idKey = z.string().check(z.regex(idPattern))

const destinationType = <T extends 'webhook' | 'hubspot'>(type: T) =>
  z
    .literal(type)
    .check(
      d(
        'The kind of service: "webhook" (signed HTTPS POSTs, Standard Webhooks) or "hubspot" (HubSpot Forms Submission API v3).',
      ),
    )

const destinationShape = {
  purposes: z
    .array(id('Purpose id'))
    .check(
      z.minLength(1),
      d(
        "Purposes this service is used for. A value is sent only while one of its field's purposes is in this list and usable (not consent-based, or consented).",
      ),
    ),
  events: z._default(
    z
      .array(z.enum(destinationEventKinds))
      .check(
        z.minLength(1),
        d('What is sent: "submission", "consent" (changes), "erasure". Default all three.'),
      ),
    [...destinationEventKinds],
  ),
}

export const webhookDestinationSchema = z
  .strictObject({
    id: id('Destination id'),
    type: destinationType('webhook'),
    ...destinationShape,
  })
  .check(
    d('A webhook. Its URL and signing secret come from TRICKLE_DESTINATION_<ID>_URL and _SECRET.'),
  )

export const hubspotDestinationSchema = z
  .strictObject({
    id: id('Destination id'),
    type: destinationType('hubspot'),
    ...destinationShape,
    portalId: z.string().check(z.regex(portalIdPattern), d('The HubSpot account id (digits).')),
    forms: z
      .record(idKey, z.string().check(z.minLength(1), z.maxLength(100)))
      .check(d('Form id -> the GUID of the HubSpot form its submissions go to.')),
    fields: z
      .record(idKey, z.string().check(z.minLength(1), z.maxLength(100)))
      .check(d('Field id -> HubSpot property name. Map the email field.')),
    subscriptions: z.optional(
      z
        .record(idKey, positiveInt('A HubSpot subscription type id.'))
        .check(d('Consent purpose id -> HubSpot subscription type id.')),
    ),
    linkVisitorIdWith: z.optional(
      id('Consent purpose id').check(
        d('The hubspotutk cookie is sent only while this consent purpose is granted.'),
      ),
    ),
  })
  .check(d('HubSpot. Its private-app token comes from TRICKLE_DESTINATION_<ID>_SECRET.'))

/** A plain union (the branch is picked by `type` when issues are mapped): fewer bytes than zod's discriminated union. */
export const destinationSchema = z.union([webhookDestinationSchema, hubspotDestinationSchema])

export const configSchema = z
  .strictObject({
    $schema: z.optional(
      z
        .string()
        .check(
          d(
            'Where your editor finds the JSON Schema, for autocompletion and checks while you type: "./node_modules/@trickle/core/dist/schema.json". Trickle itself ignores it.',
          ),
        ),
    ),
    version: z.literal(1).check(d('Config format version. Always 1.')),
    locales: z._default(
      z
        .array(localeCode)
        .check(
          z.minLength(1),
          d('Languages of the texts; the first is the default. Default ["en"].'),
        ),
      ['en'],
    ),
    links: z.optional(linksSchema),
    purposes: z.array(purposeSchema).check(d('Why data is processed.')),
    fields: z.array(fieldSchema).check(d('The field catalogue.')),
    forms: z.array(formSchema).check(d('The forms (gates) and their progressive sequences.')),
    destinations: z.optional(
      z
        .array(destinationSchema)
        .check(d('Services (CRMs, webhooks) that receive leads and consent changes.')),
    ),
  })
  .check(d('A Trickle progressive profiling config.'))

/** A config as a marketer writes it (defaults may be left out). */
export type ConfigInput = z.input<typeof configSchema>
/** A parsed config, defaults filled in. */
export type Config = z.output<typeof configSchema>
export type Purpose = z.output<typeof purposeSchema>
export type Field = z.output<typeof fieldSchema>
export type FieldType = (typeof fieldTypes)[number]
export type FieldOption = z.output<typeof optionSchema>
export type Form = z.output<typeof formSchema>
export type LegalBasis = (typeof legalBases)[number]
export type Text = z.output<typeof textSchema>
export type Destination = z.output<typeof destinationSchema>
export type WebhookDestination = z.output<typeof webhookDestinationSchema>
export type HubspotDestination = z.output<typeof hubspotDestinationSchema>
export type DestinationEventKind = (typeof destinationEventKinds)[number]

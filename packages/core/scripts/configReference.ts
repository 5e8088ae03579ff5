import { configIssueCodes } from '../src/config/configIssueCodes'
import { configIssueDocs } from './configIssueDocs'
import { configJsonSchema } from '../src/config/configJsonSchema'
import type { ConfigInput } from '../src/config/configSchema'
import { conditionKinds, idPattern, linkPattern, localePattern } from '../src/config/configSchema'

/**
 * Renders docs/config-reference.md from the JSON Schema (itself generated from `configSchema`)
 * and the issue code docs. `npm run docs -w @trickle/core` writes the file; a test fails when
 * the file differs from what this returns, so the reference cannot drift from the schema.
 * Not part of the runtime bundle: nothing in `index.ts` imports it.
 */

/** A complete, valid config: the reference's examples are cut from it (and a test parses it). */
export const configReferenceExample = {
  $schema: './node_modules/@trickle/core/dist/schema.json',
  version: 1,
  locales: ['en', 'de'],
  links: { privacy: { en: 'https://example.com/privacy', de: 'https://example.com/datenschutz' } },
  purposes: [
    {
      id: 'delivery',
      basis: 'contract',
      label: { en: 'Sending you the download', de: 'Zusendung des Downloads' },
    },
    {
      id: 'newsletter',
      basis: 'consent',
      version: 2,
      requireVersion: 2,
      refreshAfterDays: 730,
      doubleOptIn: true,
      label: { en: 'Newsletter', de: 'Newsletter' },
      text: {
        en: 'Yes, send me the monthly newsletter by e-mail. I can withdraw this consent at any time.',
        de: 'Ja, schicken Sie mir den monatlichen Newsletter per E-Mail. Ich kann diese Einwilligung jederzeit widerrufen.',
      },
    },
    {
      id: 'sales',
      basis: 'consent',
      label: { en: 'Contact by our sales team', de: 'Kontakt durch den Vertrieb' },
      text: {
        en: 'Yes, sales may contact me about suitable solutions.',
        de: 'Ja, der Vertrieb darf mich zu passenden Lösungen kontaktieren.',
      },
    },
    {
      id: 'personalisation',
      basis: 'legitimate-interest',
      label: { en: 'Content that fits you', de: 'Passende Inhalte für Sie' },
    },
  ],
  fields: [
    {
      id: 'email',
      type: 'email',
      purposes: ['delivery'],
      autocomplete: 'email',
      label: { en: 'Business e-mail', de: 'Geschäftliche E-Mail' },
    },
    {
      id: 'company',
      type: 'text',
      purposes: ['personalisation'],
      autocomplete: 'organization',
      maxLength: 120,
      label: { en: 'Company', de: 'Unternehmen' },
    },
    {
      id: 'jobRole',
      type: 'select',
      purposes: ['personalisation'],
      maxAgeDays: 365,
      label: { en: 'Position', de: 'Position' },
      options: [
        { value: 'c-level', label: { en: 'C-level', de: 'Geschäftsführung' } },
        { value: 'head', label: { en: 'Head of department', de: 'Bereichsleitung' } },
        { value: 'specialist', label: { en: 'Specialist', de: 'Fachkraft' } },
      ],
    },
    {
      id: 'budget',
      type: 'radio',
      purposes: ['sales'],
      required: false,
      askIf: { all: [{ field: 'jobRole', in: ['c-level', 'head'] }, { consented: 'sales' }] },
      label: { en: 'Planned budget', de: 'Geplantes Budget' },
      options: [
        { value: 'small', label: '< 10,000 €' },
        { value: 'large', label: '>= 10,000 €' },
      ],
    },
  ],
  forms: [
    {
      id: 'whitepaper',
      always: ['email'],
      sequence: ['company', 'jobRole', 'budget'],
      perVisit: 2,
      offerConsents: ['newsletter', 'sales'],
      openGate: true,
    },
  ],
  destinations: [
    {
      id: 'crm',
      type: 'webhook',
      purposes: ['delivery', 'sales'],
      events: ['submission', 'consent', 'erasure'],
    },
    {
      id: 'hubspot',
      type: 'hubspot',
      purposes: ['delivery', 'personalisation', 'newsletter', 'sales'],
      portalId: '1234567',
      forms: { whitepaper: '0b5c7f9e-8a51-4a53-9c7f-3a1e2b9d4c11' },
      fields: { email: 'email', company: 'company', jobRole: 'jobtitle' },
      subscriptions: { newsletter: 9876 },
      linkVisitorIdWith: 'sales',
    },
  ],
} satisfies ConfigInput

interface SchemaNode {
  type?: string | string[]
  description?: string
  default?: unknown
  const?: unknown
  enum?: unknown[]
  pattern?: string
  minimum?: number
  maximum?: number
  minLength?: number
  maxLength?: number
  minItems?: number
  properties?: Record<string, unknown>
  required?: string[]
  items?: unknown
  additionalProperties?: unknown
  anyOf?: unknown[]
  $ref?: string
  $defs?: Record<string, unknown>
}

function asNode(value: unknown): SchemaNode {
  return typeof value === 'object' && value !== null ? (value as SchemaNode) : {}
}

function property(node: SchemaNode, ...keys: string[]): SchemaNode {
  let current = node
  for (const key of keys) {
    current = key === '[]' ? asNode(current.items) : asNode(current.properties?.[key])
  }
  return current
}

const root = asNode(configJsonSchema)
const objects = {
  config: root,
  purpose: property(root, 'purposes', '[]'),
  field: property(root, 'fields', '[]'),
  option: property(root, 'fields', '[]', 'options', '[]'),
  form: property(root, 'forms', '[]'),
  links: property(root, 'links'),
  webhook: asNode(property(root, 'destinations', '[]').anyOf?.[0]),
  hubspot: asNode(property(root, 'destinations', '[]').anyOf?.[1]),
}

/** Follows `$ref`s into `$defs` (the generator moves the recursive condition there). */
function deref(node: SchemaNode): SchemaNode {
  let current = node
  for (let hops = 0; current.$ref?.startsWith('#/$defs/') === true && hops < 10; hops++) {
    current = asNode(root.$defs?.[current.$ref.slice('#/$defs/'.length)])
  }
  return current
}

const conditionBranches = (deref(property(root, 'fields', '[]', 'askIf')).anyOf ?? []).map(
  (branch) => deref(asNode(branch)),
)

const names = new Map<SchemaNode, string>([
  [objects.purpose, 'Purpose'],
  [objects.field, 'Field'],
  [objects.option, 'Option'],
  [objects.form, 'Form'],
  [objects.links, 'Links'],
  [objects.webhook, 'WebhookDestination'],
  [objects.hubspot, 'HubspotDestination'],
])

function isText(node: SchemaNode): boolean {
  const [single, perLocale] = (node.anyOf ?? []).map(asNode)
  return (
    node.anyOf?.length === 2 &&
    single?.type === 'string' &&
    perLocale?.type === 'object' &&
    perLocale.additionalProperties !== undefined
  )
}

function typeOf(node: SchemaNode): string {
  const name = names.get(node)
  if (name !== undefined) return name
  if (node.$ref !== undefined || node.anyOf?.length === conditionKinds.length) return 'Condition'
  if (isText(node)) {
    return asNode(node.anyOf?.[0]).pattern === linkPattern.source ? 'Link' : 'Text'
  }
  if (node.anyOf !== undefined) return node.anyOf.map((each) => typeOf(asNode(each))).join(' | ')
  if (Array.isArray(node.type)) return node.type.join(' | ')
  if (node.const !== undefined) return JSON.stringify(node.const)
  if (node.enum !== undefined) return node.enum.map((value) => JSON.stringify(value)).join(' | ')
  if (node.type === 'array') {
    const item = typeOf(asNode(node.items))
    return item.includes(' ') ? `(${item})[]` : `${item}[]`
  }
  if (node.type === 'object' && typeof node.additionalProperties === 'object') {
    return `{ [id]: ${typeOf(asNode(node.additionalProperties))} }`
  }
  if (node.type === 'string' && node.pattern === idPattern.source) return 'id'
  if (node.type === 'string' && node.pattern === localePattern.source) return 'locale'
  if (node.type === 'integer') return `integer${range(node)}`
  if (node.type === 'string' && node.maxLength !== undefined) {
    return `string (at most ${node.maxLength} characters)`
  }
  return node.type ?? 'any'
}

function range(node: SchemaNode): string {
  const { minimum, maximum } = node
  const max = maximum !== undefined && maximum < Number.MAX_SAFE_INTEGER ? maximum : undefined
  if (minimum !== undefined && max !== undefined) return ` ${minimum} to ${max}`
  if (minimum !== undefined) return ` >= ${minimum}`
  return max === undefined ? '' : ` <= ${max}`
}

const cell = (text: string): string => text.replaceAll('|', '\\|')
const code = (text: string): string => `\`${text}\``

function propertyTable(node: SchemaNode): string {
  const rows = Object.entries(node.properties ?? {}).map(([key, value]) => {
    const child = asNode(value)
    const required = node.required?.includes(key) === true
    const fallback =
      child.default !== undefined ? code(JSON.stringify(child.default)) : required ? 'required' : ''
    return `| ${code(key)} | ${cell(code(typeOf(child)))} | ${cell(fallback)} | ${cell(child.description ?? '')} |`
  })
  return ['| Property | Type | Default | Description |', '| --- | --- | --- | --- |', ...rows].join(
    '\n',
  )
}

const json = (value: unknown): string =>
  ['```json', JSON.stringify(value, null, 2), '```'].join('\n')

function section(title: string, node: SchemaNode, example: unknown): string {
  return [
    `## ${title}`,
    node.description ?? '',
    propertyTable(node),
    'Example:',
    json(example),
  ].join('\n\n')
}

function conditionSection(): string {
  const example = configReferenceExample.fields[3]?.askIf
  const kinds = conditionBranches.map((branch, index) => {
    const kind = conditionKinds[index] ?? 'condition'
    return [`### ${code(kind)}`, branch.description ?? '', propertyTable(branch)].join('\n\n')
  })
  return [
    '## Conditions: `askIf`',
    'A condition is JSON data, never an expression string. It is evaluated over the values known about the visitor plus the answers given so far in the current form, so a dependent field appears as soon as the answer it depends on is given. Each condition object is exactly one of these kinds:',
    ...kinds,
    'Example: ask for the budget only from decision makers who agreed to be contacted by sales.',
    json(example),
  ].join('\n\n')
}

function issueSection(): string {
  const rows = configIssueCodes.map((issueCode) => {
    const doc = configIssueDocs[issueCode]
    return `| ${code(issueCode)} | ${doc.severity} | ${cell(doc.meaning)} |`
  })
  return [
    '## Issue codes',
    '`parseConfig` returns `{ ok: true, config, warnings }` or `{ ok: false, issues, warnings }`. Every issue is `{ path, code, message, suggestion? }`: `path` is a JSON Pointer into your file (`/forms/0/perVist`, or `""` for the whole file), `message` says what to change, `suggestion` holds the likely intended value for typos. Errors make the config invalid; warnings point at settings that are lawful but probably not what you meant. The codes are stable:',
    ['| Code | Severity | Meaning |', '| --- | --- | --- |', ...rows].join('\n'),
  ].join('\n\n')
}

/** The complete config reference, as Markdown. */
export function renderConfigReference(): string {
  const example = configReferenceExample
  const parts = [
    '# Config reference',
    '<!-- Generated from the config schema by `npm run docs -w @trickle/core` (packages/core/scripts/configReference.ts). Do not edit by hand: a test fails when this file no longer matches the schema. -->',
    'Marketers configure Trickle with one JSON file: the purposes data is processed for (with their legal basis and consent texts), the field catalogue, and the forms with their progressive sequences. `parseConfig` (and `npx @trickle/cli validate`) check the file and report every problem at once, each with the exact spot, a stable code and a message that says what to change.',
    '## Editor support',
    'Point `"$schema"` at the JSON Schema that ships with `@trickle/core`. Editors such as VS Code then autocomplete every property, show the descriptions below on hover and underline mistakes while you type:',
    json({ $schema: example.$schema, version: 1 }),
    'The path is relative to the config file (from a subfolder, start it with `../`). The schema follows JSON Schema draft 2020-12; the same schema is the file `@trickle/core/schema.json` and, in code, `configJsonSchema` from `@trickle/core`.',
    '## A complete example',
    json(example),
    section('Top level', objects.config, { version: 1, locales: example.locales }),
    section('Purposes: `purposes[]`', objects.purpose, example.purposes[1]),
    section('Fields: `fields[]`', objects.field, example.fields[2]),
    section('Options: `fields[].options[]`', objects.option, example.fields[2]?.options?.[0]),
    section('Forms: `forms[]`', objects.form, example.forms[0]),
    section('Links: `links`', objects.links, example.links),
    '## Destinations: `destinations[]`',
    "Services that receive leads, consent changes and erasures from the server (see the hand-off guide, [handoff-guide.md](handoff-guide.md)). A value goes to a destination only while one of its field's purposes is in the destination's `purposes` and usable for that person at the moment of delivery (a purpose that needs no consent, or a consent that is granted, confirmed where double opt-in applies, on a current version and not expired); consent events go along for the purposes it serves. Endpoints and secrets are never in the config, which is shipped to browsers: the server reads them from `TRICKLE_DESTINATION_<ID>_URL` and `TRICKLE_DESTINATION_<ID>_SECRET` (the id upper-cased, `-` written as `_`).",
    section('Webhook: `type: "webhook"`', objects.webhook, example.destinations[0]).replace(
      '## ',
      '### ',
    ),
    section('HubSpot: `type: "hubspot"`', objects.hubspot, example.destinations[1]).replace(
      '## ',
      '### ',
    ),
    conditionSection(),
    '## Texts',
    'Every `Text` (labels, help, placeholders, consent texts, links) is either one string for every language, or one string per configured locale: `{"en": "Company", "de": "Unternehmen"}`. A visitor sees their locale; without it, the base language (`de` for `de-CH`), then the default locale (the first in `locales`), then the first text there is. Consent texts are stricter: a purpose with basis `consent` needs its `text` in every configured locale, because a visitor consents to the exact words they read.',
    '## Links',
    "A `Link` (`links.privacy`, `links.imprint`) is one address, or one address per configured locale, and ends up in an `href`. Only addresses that start with `https://`, `http://` or `mailto:`, and paths on the same site (`/privacy?lang=de`; not `//host`), are allowed, without spaces or control characters. Anything else, such as `javascript:` or `data:`, is the error `invalid-link`: it could run code in the visitor's browser.",
    '## Patterns',
    "A field's `pattern` must match the whole answer: it is evaluated as `^(?:pattern)$`, after the answer is trimmed and its length checked. Two engines evaluate it. Browsers (`@trickle/react`, the core in a page) use JavaScript's engine with the `u` flag. The server (`@trickle/server`) and the CLI (`npx @trickle/cli validate`, `simulate`, `serve`) use RE2 ([re2js](https://github.com/le0pard/re2js)), a linear-time engine: checking an answer takes time proportional to its length however the pattern is written, so a pattern such as `([a-zA-Z]+)+` cannot stall the server (no ReDoS).",
    'So that both engines accept the same answers, `parseConfig` reports as `invalid-pattern` what RE2 cannot run: lookarounds (`(?=`, `(?!`, `(?<=`, `(?<!`), backreferences (`\\1`, `\\k<name>`), `\\u` and `\\c` escapes, `[\\b]`, `[]` and `[^]` (write `[\\s\\S]`), Unicode properties other than `Any` and the general categories (`\\p{L}`, `\\p{Lu}`, `\\p{Nd}`...), and repeat counts above 1000. The server and the CLI also compile every pattern with RE2 when they read the config, and report what it still refuses (e.g. nested repeats such as `(a{1000}){1000}`). Small differences remain in what some escapes match: in JavaScript `\\s` also matches non-ASCII spaces such as the no-break space, in RE2 only ASCII white space; `.` matches a carriage return and the Unicode line separators in RE2, not in JavaScript. Where answers may contain such characters, write the ones you mean in a class, such as `[ -]`.',
    '## Ids and locales',
    `Ids of purposes, fields, forms and destinations match ${code(idPattern.source)}: a letter, then up to 63 letters, digits, \`_\` or \`-\`. \`__proto__\`, \`constructor\` and \`prototype\` are never valid ids. Locales match ${code(localePattern.source)}: \`en\`, \`de\`, \`de-CH\`. Objects are strict: a property Trickle does not know is an error at its path, so a typo such as \`perVist\` is never silently ignored (only the top level also allows \`$schema\`).`,
    issueSection(),
  ]
  return `${parts.join('\n\n')}\n`
}

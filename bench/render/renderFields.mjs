/** Kinds of the 30 fields, in order: what a long B2B profile form holds. */
const kinds = [
  ...Array(10).fill('text'),
  'email',
  'email',
  'tel',
  'tel',
  'url',
  'url',
  'number',
  'number',
  'number',
  'textarea',
  'textarea',
  'select',
  'select',
  'select',
  'select',
  'radio',
  'radio',
  'checkbox',
  'checkbox',
  'checkbox',
]

/** The text field the typing test types into (a plain text input in both libraries). */
export const typingFieldId = 'field3'

/** How many fields the Trickle form asks on every visit; the rest come from the sequence. */
const alwaysCount = 10

const choices = (count) => Array.from({ length: count }, (_, i) => [`o${i}`, `Choice ${i + 1}`])

/**
 * The same 30 fields twice: as a Trickle config and as JSON Schema + uiSchema for RJSF, with
 * the same labels, help texts, required flags and limits. The config's `perVisit` is at most 20
 * (the schema's limit), so the Trickle form asks 10 fields on every visit (`always`) and the
 * other 20 from its sequence with `perVisit: 20`: all 30 on one form.
 */
export function renderFields() {
  const fields = kinds.map((kind, i) => {
    const id = `field${i + 1}`
    return {
      id,
      kind,
      label: `Question ${i + 1}`,
      help: `Why we ask question ${i + 1}.`,
      required: kind !== 'checkbox',
      options: kind === 'select' ? choices(5) : kind === 'radio' ? choices(3) : undefined,
    }
  })
  return { fields, trickleConfig: trickleConfig(fields), ...jsonSchema(fields) }
}

function trickleConfig(fields) {
  return {
    version: 1,
    locales: ['en'],
    purposes: [{ id: 'delivery', basis: 'contract', label: 'Sending you the download' }],
    fields: fields.map((field) => ({
      id: field.id,
      type: field.kind,
      label: field.label,
      help: field.help,
      purposes: ['delivery'],
      required: field.required,
      ...(field.kind === 'text' ? { maxLength: 80 } : {}),
      ...(field.kind === 'textarea' ? { maxLength: 2000 } : {}),
      ...(field.kind === 'number' ? { min: 0, max: 100_000 } : {}),
      ...(field.options
        ? { options: field.options.map(([value, label]) => ({ value, label })) }
        : {}),
    })),
    forms: [
      {
        id: 'bench',
        always: fields.slice(0, alwaysCount).map((field) => field.id),
        sequence: fields.slice(alwaysCount).map((field) => field.id),
        perVisit: fields.length - alwaysCount,
      },
    ],
  }
}

function jsonSchema(fields) {
  const properties = {}
  const uiSchema = { 'ui:order': fields.map((field) => field.id) }
  for (const field of fields) {
    const base = { title: field.label, description: field.help }
    switch (field.kind) {
      case 'text':
        properties[field.id] = { ...base, type: 'string', maxLength: 80 }
        break
      case 'email':
        properties[field.id] = { ...base, type: 'string', format: 'email' }
        break
      case 'tel':
        properties[field.id] = { ...base, type: 'string' }
        uiSchema[field.id] = { 'ui:options': { inputType: 'tel' } }
        break
      case 'url':
        properties[field.id] = { ...base, type: 'string', format: 'uri' }
        break
      case 'number':
        properties[field.id] = { ...base, type: 'number', minimum: 0, maximum: 100_000 }
        break
      case 'textarea':
        properties[field.id] = { ...base, type: 'string', maxLength: 2000 }
        uiSchema[field.id] = { 'ui:widget': 'textarea' }
        break
      case 'select':
      case 'radio':
        properties[field.id] = {
          ...base,
          type: 'string',
          oneOf: field.options.map(([value, label]) => ({ const: value, title: label })),
        }
        if (field.kind === 'radio') uiSchema[field.id] = { 'ui:widget': 'radio' }
        break
      case 'checkbox':
        properties[field.id] = { ...base, type: 'boolean' }
        break
      default:
        throw new Error(`renderFields: no JSON Schema for the kind "${field.kind}"`)
    }
  }
  const required = fields.filter((field) => field.required).map((field) => field.id)
  return { schema: { type: 'object', required, properties }, uiSchema }
}

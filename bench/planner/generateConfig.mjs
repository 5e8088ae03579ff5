const dayMs = 86_400_000

const options = (count) =>
  Array.from({ length: count }, (_, i) => ({
    value: `o${i}`,
    label: { en: `Option ${i + 1}`, de: `Auswahl ${i + 1}` },
  }))

/** Field shapes in turn, like a real catalogue: texts, choices, numbers, contact details. */
const shapes = [
  { type: 'text', maxLength: 80 },
  { type: 'select', options: options(6) },
  { type: 'number', min: 0, max: 100_000 },
  { type: 'radio', options: options(3) },
  { type: 'tel', autocomplete: 'tel' },
  { type: 'multiselect', options: options(5) },
  { type: 'url' },
  { type: 'checkbox' },
  { type: 'textarea', maxLength: 2000 },
  { type: 'country' },
]

/**
 * A valid config of `fieldCount` fields (at least 2) and one form whose sequence holds all of
 * them but the e-mail, which it asks every visit. Like a real catalogue, every 7th field needs
 * the `sales` consent, every 5th is asked only after an earlier select answer (`askIf`), and
 * every 4th goes stale after a year.
 */
export function generateConfig(fieldCount) {
  if (!Number.isInteger(fieldCount) || fieldCount < 2) {
    throw new Error(`generateConfig: fieldCount must be an integer >= 2 (got ${fieldCount}).`)
  }
  const fields = [
    {
      id: 'email',
      type: 'email',
      purposes: ['delivery'],
      autocomplete: 'email',
      label: { en: 'Business e-mail', de: 'Geschäftliche E-Mail' },
    },
  ]
  let lastSelect
  for (let i = 1; i < fieldCount; i++) {
    const shape = shapes[i % shapes.length]
    const field = {
      id: `field${i}`,
      ...shape,
      label: { en: `Question ${i}`, de: `Frage ${i}` },
      help: { en: `Why we ask question ${i}.`, de: `Warum wir Frage ${i} stellen.` },
      purposes: [i % 7 === 0 ? 'sales' : 'personalisation'],
      required: i % 3 !== 0,
    }
    if (i % 4 === 0) field.maxAgeDays = 365
    if (i % 5 === 0 && lastSelect !== undefined) {
      field.askIf = { field: lastSelect, in: ['o0', 'o1', 'o2'] }
    }
    if (shape.type === 'select') lastSelect = field.id
    fields.push(field)
  }
  return {
    version: 1,
    locales: ['en', 'de'],
    purposes: [
      { id: 'delivery', basis: 'contract', label: { en: 'Sending the download', de: 'Zusendung' } },
      {
        id: 'personalisation',
        basis: 'legitimate-interest',
        label: { en: 'Content that fits you', de: 'Passende Inhalte' },
      },
      {
        id: 'sales',
        basis: 'consent',
        label: { en: 'Contact by sales', de: 'Kontakt durch den Vertrieb' },
        text: {
          en: 'Yes, sales may contact me about suitable solutions.',
          de: 'Ja, der Vertrieb darf mich zu passenden Lösungen kontaktieren.',
        },
      },
    ],
    fields,
    forms: [
      {
        id: 'gate',
        always: ['email'],
        sequence: fields.slice(1).map((field) => field.id),
        perVisit: 3,
        offerConsents: ['sales'],
      },
    ],
  }
}

/** An answer that fits a generated field. */
function answerFor(field) {
  switch (field.type) {
    case 'select':
    case 'radio':
    case 'country':
      return field.type === 'country' ? 'DE' : 'o1'
    case 'multiselect':
      return ['o0', 'o3']
    case 'number':
      return 250
    case 'checkbox':
      return true
    case 'url':
      return 'https://example.com'
    default:
      return `answer ${field.id}`
  }
}

/**
 * A returning visitor of a generated config: every other field answered 30 days ago (every
 * 6th of those 400 days ago, so stale where the field has a maxAgeDays), and the sales consent
 * granted. The planner must walk the whole sequence to find the unknown fields.
 */
export function returningVisitor(config, now) {
  const fields = Object.create(null)
  config.fields.forEach((field, i) => {
    if (i % 2 === 1) return
    const days = i % 6 === 0 ? 400 : 30
    fields[field.id] = {
      value: answerFor(field),
      collectedAt: new Date(now.getTime() - days * dayMs).toISOString(),
      formId: 'gate',
    }
  })
  return {
    visitorId: 'bench-visitor',
    fields,
    consents: [
      {
        purposeId: 'sales',
        decision: 'granted',
        version: 1,
        at: new Date(now.getTime() - 10 * dayMs).toISOString(),
        formId: 'gate',
      },
    ],
  }
}

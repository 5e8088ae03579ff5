import { localize, type Config, type FieldValue } from '@trickle/core'

/** One line of "What we know about you" in the privacy center. */
export interface KnownRow {
  fieldId: string
  label: string
  /** The answer as the visitor would say it (option labels, not codes); undefined if not here. */
  answer: string | undefined
  purposes: { label: string; basis: string }[]
  collectedAt: string
  stale: boolean
  declined: boolean
}

/** One decision of the consent history. */
export interface HistoryRow {
  purposeLabel: string
  decision: string
  at: string
  formId: string | undefined
}

export interface ExportView {
  rows: KnownRow[]
  history: HistoryRow[]
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

function isFieldValue(value: unknown): value is FieldValue {
  return (
    typeof value === 'string' ||
    (typeof value === 'number' && Number.isFinite(value)) ||
    typeof value === 'boolean' ||
    (Array.isArray(value) && value.every((item) => typeof item === 'string'))
  )
}

/** An answer in words: option codes become their labels in `locale`. */
export function describeAnswer(
  config: Config,
  fieldId: string,
  value: FieldValue,
  locale: string,
  words: { yes: string; no: string },
): string {
  const field = config.fields.find((f) => f.id === fieldId)
  const optionLabel = (code: string) => {
    const option = field?.options?.find((o) => o.value === code)
    return option ? localize(option.label, locale, config) : code
  }
  if (typeof value === 'boolean') return value ? words.yes : words.no
  if (Array.isArray(value)) return value.map(optionLabel).join(', ')
  return typeof value === 'string' ? optionLabel(value) : String(value)
}

/**
 * The rows of a profile export, from `exportProfile` in the browser or `GET /v1/me/export`
 * from the server. The server's answer is outside data: anything that does not have the
 * expected shape is left out rather than shown wrongly.
 */
export function exportView(
  config: Config,
  data: unknown,
  locale: string,
  words: { yes: string; no: string },
): ExportView {
  if (!isRecord(data)) return { rows: [], history: [] }
  const fields = Array.isArray(data['fields']) ? data['fields'] : []
  const rows: KnownRow[] = []
  for (const field of fields) {
    if (!isRecord(field)) continue
    const { id, label, value, collectedAt } = field
    if (typeof id !== 'string' || typeof label !== 'string' || typeof collectedAt !== 'string') {
      continue
    }
    const purposes = (Array.isArray(field['purposes']) ? field['purposes'] : []).flatMap(
      (purpose: unknown) =>
        isRecord(purpose) &&
        typeof purpose['label'] === 'string' &&
        typeof purpose['basis'] === 'string'
          ? [{ label: purpose['label'], basis: purpose['basis'] }]
          : [],
    )
    rows.push({
      fieldId: id,
      label,
      answer: isFieldValue(value) ? describeAnswer(config, id, value, locale, words) : undefined,
      purposes,
      collectedAt,
      stale: field['stale'] === true,
      declined: field['declined'] === true,
    })
  }
  const events = Array.isArray(data['consentHistory']) ? data['consentHistory'] : []
  const history: HistoryRow[] = []
  for (const event of events) {
    if (!isRecord(event)) continue
    const { purposeLabel, decision, at, formId } = event
    if (
      typeof purposeLabel !== 'string' ||
      typeof decision !== 'string' ||
      typeof at !== 'string'
    ) {
      continue
    }
    history.push({
      purposeLabel,
      decision,
      at,
      formId: typeof formId === 'string' ? formId : undefined,
    })
  }
  return { rows, history }
}

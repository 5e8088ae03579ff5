import type { Config } from '@trickle/core'
import { ApiError, type ApiIssue } from '../apiError'

/** The largest body of `POST /v1/funnel` (a page's batch is far smaller). */
export const funnelBodyLimit = 16 * 1024
/** The most events one request may carry. */
export const funnelMaxEvents = 100
/** Visit numbers above this are counted under it. */
export const funnelMaxVisit = 20

export const funnelMetrics = [
  'shown',
  'started',
  'submitted',
  'left',
  'field-shown',
  'field-answered',
] as const
export type FunnelMetric = (typeof funnelMetrics)[number]

/** One checked event, ready to count. `fieldId` is `''` for the form-level metrics. */
export interface CountedEvent {
  formId: string
  visit: number
  locale: string
  metric: FunnelMetric
  fieldId: string
}

const eventKeys = new Set(['type', 'formId', 'visit', 'locale', 'fieldId'])
const fieldMetrics = new Set<string>(['field-shown', 'field-answered'])

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/**
 * Checks a funnel batch against the config: `{ "events": [...] }` with 1..100 events, each of a
 * known type, a form of the config, a configured locale, a visit number >= 1 (counted as at most
 * 20) and, for field events and `left`, a field the form asks. Any other property (a visitor id,
 * a value, a time) is refused, so nothing personal can be counted by mistake. All problems are
 * reported at once with their JSON Pointer (400 `invalid-funnel`).
 */
export function parseFunnelEvents(config: Config, body: unknown): CountedEvent[] {
  const issues: ApiIssue[] = []
  const issue = (path: string, code: string, message: string) => {
    if (issues.length < 20) issues.push({ path, code, message })
  }
  const events = isRecord(body) ? body['events'] : undefined
  if (!isRecord(body) || !Array.isArray(events)) {
    throw new ApiError(400, 'invalid-funnel', 'Send {"events": [...]}, a list of funnel events.')
  }
  if (Object.keys(body).some((key) => key !== 'events')) {
    issue('', 'unknown-property', 'The body has only "events".')
  }
  if (events.length === 0 || events.length > funnelMaxEvents) {
    throw new ApiError(
      400,
      'invalid-funnel',
      `Send 1 to ${funnelMaxEvents} events per request (got ${events.length}).`,
    )
  }
  const forms = new Map(
    config.forms.map((form) => [form.id, new Set([...form.always, ...form.sequence])]),
  )
  const locales = new Set(config.locales)
  const counted: CountedEvent[] = []
  events.forEach((event: unknown, index) => {
    const at = `/events/${index}`
    if (!isRecord(event)) return issue(at, 'invalid-type', 'An event is an object.')
    const extra = Object.keys(event).filter((key) => !eventKeys.has(key))
    if (extra.length > 0) {
      issue(
        `${at}/${extra[0]?.slice(0, 64)}`,
        'unknown-property',
        'An event has only type, formId, visit, locale and fieldId: no visitor id, value or time.',
      )
    }
    const { type, formId, visit, locale, fieldId } = event
    if (typeof type !== 'string' || !(funnelMetrics as readonly string[]).includes(type)) {
      return issue(`${at}/type`, 'unknown-type', `type is one of ${funnelMetrics.join(', ')}.`)
    }
    const fields = typeof formId === 'string' ? forms.get(formId) : undefined
    if (fields === undefined) {
      return issue(
        `${at}/formId`,
        'unknown-form',
        `No form ${JSON.stringify(String(formId).slice(0, 64))} in the config.`,
      )
    }
    if (typeof visit !== 'number' || !Number.isInteger(visit) || visit < 1) {
      return issue(`${at}/visit`, 'invalid-visit', 'visit is a whole number from 1.')
    }
    if (typeof locale !== 'string' || !locales.has(locale)) {
      return issue(
        `${at}/locale`,
        'unknown-locale',
        `locale is one of ${config.locales.join(', ')}.`,
      )
    }
    const needsField = fieldMetrics.has(type)
    const mayHaveField = needsField || type === 'left'
    if (fieldId === undefined) {
      if (needsField)
        return issue(`${at}/fieldId`, 'missing-field', `A ${type} event names its field.`)
    } else if (!mayHaveField) {
      return issue(`${at}/fieldId`, 'unexpected-field', `A ${type} event has no fieldId.`)
    } else if (typeof fieldId !== 'string' || !fields.has(fieldId)) {
      return issue(
        `${at}/fieldId`,
        'unknown-field',
        `Form "${formId as string}" asks no field ${JSON.stringify(String(fieldId).slice(0, 64))}.`,
      )
    }
    counted.push({
      formId: formId as string,
      visit: Math.min(visit, funnelMaxVisit),
      locale,
      metric: type as FunnelMetric,
      fieldId: typeof fieldId === 'string' ? fieldId : '',
    })
  })
  if (issues.length > 0) {
    throw new ApiError(400, 'invalid-funnel', issues[0]?.message ?? 'Invalid funnel events.', {
      issues,
    })
  }
  return counted
}

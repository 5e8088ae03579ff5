import { consentState } from '../plan/consentState'
import type { TrickleEventContext } from './createTrickle'
import type { Config, TrickleEvent } from '../types'

/** Anything with `push`, like the `window.dataLayer` array of Google Tag Manager. */
export interface DataLayerLike {
  push(...entries: DataLayerEntry[]): unknown
}

/** One pushed entry: `event` is `trickle.<type>`; ids, reasons and counts, never field values. */
export type DataLayerEntry = { event: string } & Record<string, unknown>

export interface DataLayerEventsOptions {
  /** The analytics purpose: nothing is pushed unless it is granted (or needs no consent). */
  purpose: string
  /**
   * The purpose that allows joining analytics ids with the profile (profiling, GDPR Art. 4(4)).
   * Only while it is granted does each entry carry `visitorId`. Must be a consent purpose.
   */
  linkPurpose?: string
  /** Where to push. Default: `window.dataLayer` (created when missing; nothing without window). */
  dataLayer?: DataLayerLike
}

/**
 * An `onEvent` handler for `createTrickle` that forwards the runtime's events to a tag
 * manager, only while the visitor has consented:
 *
 * ```ts
 * const trickle = createTrickle({
 *   config,
 *   onEvent: dataLayerEvents({ purpose: 'analytics', linkPurpose: 'profiling' }),
 * })
 * ```
 *
 * The handler reads the consent states from the state passed with each event (the state right
 * after the change), so a withdrawal stops the very next push. It never pushes field values,
 * download links or idempotency keys. To combine it with another handler, call both from one
 * `onEvent`. Throws (reported by the store, not thrown into your code) when a purpose is not in
 * the config or `linkPurpose` is not a consent purpose.
 */
export function dataLayerEvents(
  options: DataLayerEventsOptions,
): (event: TrickleEvent, context: TrickleEventContext) => void {
  const { purpose, linkPurpose } = options
  let checked: Config | null = null
  return (event, { config, state, now }) => {
    if (checked !== config) {
      check(config, options)
      checked = config
    }
    const analytics = consentState(config, state.profile, purpose, now)
    if (analytics !== 'granted' && analytics !== 'not-required') return
    const target = options.dataLayer ?? windowDataLayer()
    if (!target) return
    const entry = entryOf(event)
    if (
      linkPurpose !== undefined &&
      consentState(config, state.profile, linkPurpose, now) === 'granted'
    ) {
      entry['visitorId'] = state.profile.visitorId
    }
    target.push(entry)
  }
}

function check(config: Config, { purpose, linkPurpose }: DataLayerEventsOptions): void {
  const ids = config.purposes.map((p) => JSON.stringify(p.id)).join(', ')
  for (const id of linkPurpose === undefined ? [purpose] : [purpose, linkPurpose]) {
    if (!config.purposes.some((p) => p.id === id)) {
      throw new TypeError(
        `dataLayerEvents: purpose ${JSON.stringify(id)} is not in the config. Add it to "purposes" or use one of: ${ids}.`,
      )
    }
  }
  const link = config.purposes.find((p) => p.id === linkPurpose)
  if (link && link.basis !== 'consent') {
    throw new TypeError(
      `dataLayerEvents: linkPurpose ${JSON.stringify(link.id)} has basis "${link.basis}". Joining analytics ids with a profile needs its own consent: set its basis to "consent".`,
    )
  }
}

function windowDataLayer(): DataLayerLike | null {
  if (typeof window === 'undefined') return null
  const host = window as unknown as { dataLayer?: DataLayerLike }
  host.dataLayer ??= []
  return host.dataLayer
}

/** The pushed entry: an explicit list per event type, so no value can slip through. */
function entryOf(event: TrickleEvent): DataLayerEntry {
  const name = `trickle.${event.type}`
  switch (event.type) {
    case 'plan-shown':
      return {
        event: name,
        formId: event.formId,
        fieldIds: [...event.fieldIds],
        purposeIds: [...event.purposeIds],
        complete: event.complete,
      }
    case 'field-shown':
      return { event: name, formId: event.formId, fieldId: event.fieldId, reason: event.reason }
    case 'submitted':
      return { event: name, formId: event.formId, fieldIds: [...event.fieldIds] }
    case 'submit-failed':
      return { event: name, formId: event.formId, errorCode: event.error.code }
    case 'consent-changed':
      return { event: name, purposeId: event.purposeId, decision: event.decision }
    case 'download-unlocked':
      return { event: name, formId: event.formId, oneClick: event.oneClick }
    case 'storage-recovered':
      return { event: name, droppedCount: event.dropped.length }
    case 'unknown-form':
      return { event: name, formId: event.formId }
  }
}

import { beaconSend, funnelBodies, type FunnelSend } from './beaconTransport'
import type { FieldValue, Profile, VisitPlan } from '../types'

export type FunnelEventType =
  'shown' | 'started' | 'field-shown' | 'field-answered' | 'submitted' | 'left'

/**
 * One anonymous count: which form, which visit number, which locale and (for field events and
 * `left`) which field. No visitor id, no value, no time: the server counts it under its day.
 */
export interface FunnelEvent {
  type: FunnelEventType
  formId: string
  visit: number
  locale: string
  fieldId?: string
}

/** `createTrickle({ funnel })`: where the anonymous funnel counts go. */
export interface FunnelOptions {
  /** The Trickle server, as for `httpTransport` (`''`: this page's origin). Sent to `<baseUrl>/v1/funnel`. */
  baseUrl: string
  /** How a batch is sent (tests). Default: `navigator.sendBeacon`, else `fetch` with `keepalive`. */
  send?: FunnelSend
}

/** One showing of one form, from `shown` to `submitted` (or the page hidden after `started`). */
export interface FunnelRound {
  /** The form is on screen with `plan` (counts `shown` once, `field-shown` once per field). */
  show(plan: VisitPlan, visit: number, locale: string): void
  /** The visitor changed an answer (counts `started`, `field-answered`, the last field touched). */
  input(fieldId: string, value: FieldValue | undefined): void
  /** The submission was accepted: counts `submitted`, sends at once; then nothing until shown again. */
  submitted(): void
  /** The form goes away (unmounted, dialog closed): `left` when started and not submitted. */
  destroy(): void
}

export interface FunnelTracker {
  round(formId: string): FunnelRound
  /** Sends what is queued. */
  flush(): void
}

interface RoundState {
  formId: string
  visit: number
  locale: string
  fields: Set<string>
  answered: Set<string>
  started: boolean
  last: string | null
  left: boolean
  ended: boolean
}

/** No answer: missing, blank, an empty list, an unticked box. */
export function isEmptyAnswer(value: FieldValue | undefined): boolean {
  if (value === undefined || value === false) return true
  if (typeof value === 'string') return value.trim() === ''
  if (Array.isArray(value)) return value.length === 0
  return false
}

/**
 * The visit number the funnel reports: the submissions this browser's profile holds answers
 * from (distinct collection times), plus one. Kiosk mode keeps no profile: always 1.
 */
export function funnelVisit(profile: Profile): number {
  const times = new Set(Object.values(profile.fields).map((record) => record.collectedAt))
  return times.size + 1
}

/**
 * Counts a form session's funnel and sends it as anonymous events in batches, with
 * `navigator.sendBeacon`: when the page is hidden or unloaded (`visibilitychange` to hidden,
 * `pagehide`) and right after a submission. A page hidden after the visitor started and
 * before a submission counts `left` with the last field touched. Nothing touches the DOM
 * until the first event is recorded (server rendering never records one).
 */
export function createFunnelTracker(options: FunnelOptions): FunnelTracker {
  const url = `${options.baseUrl.replace(/\/+$/, '')}/v1/funnel`
  const send = options.send ?? beaconSend
  const queue: FunnelEvent[] = []
  const open = new Set<RoundState>()
  let listening = false

  const flush = (): void => {
    if (queue.length === 0) return
    for (const body of funnelBodies(queue.splice(0))) send(url, body)
  }

  const leave = (state: RoundState): void => {
    if (!state.started || state.ended || state.left) return
    state.left = true
    record(state, 'left', state.last ?? undefined)
  }

  const hidden = (): void => {
    for (const state of open) leave(state)
    flush()
  }

  const listen = (): void => {
    if (listening || typeof window === 'undefined' || typeof document === 'undefined') return
    listening = true
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'hidden') hidden()
    })
    window.addEventListener('pagehide', hidden)
  }

  function record(state: RoundState, type: FunnelEventType, fieldId?: string): void {
    listen()
    const { formId, visit, locale } = state
    queue.push(
      fieldId === undefined
        ? { type, formId, visit, locale }
        : { type, formId, visit, locale, fieldId },
    )
  }

  return {
    flush,
    round(formId) {
      let state: RoundState | null = null
      return {
        show(plan, visit, locale) {
          if (plan.fields.length === 0) return
          if (state === null || state.ended) {
            state = {
              formId,
              visit,
              locale,
              fields: new Set(),
              answered: new Set(),
              started: false,
              last: null,
              left: false,
              ended: false,
            }
            open.add(state)
            record(state, 'shown')
          }
          // Kept open again after a remount (React's StrictMode destroys and reuses a session).
          open.add(state)
          for (const { id } of plan.fields) {
            if (state.fields.has(id)) continue
            state.fields.add(id)
            record(state, 'field-shown', id)
          }
        },
        input(fieldId, value) {
          if (state === null || state.ended || !state.fields.has(fieldId)) return
          state.last = fieldId
          if (isEmptyAnswer(value)) return
          if (!state.started) {
            state.started = true
            record(state, 'started')
          }
          if (!state.answered.has(fieldId)) {
            state.answered.add(fieldId)
            record(state, 'field-answered', fieldId)
          }
        },
        submitted() {
          if (state === null || state.ended) return
          if (!state.started) {
            state.started = true
            record(state, 'started')
          }
          record(state, 'submitted')
          state.ended = true
          open.delete(state)
          flush()
        },
        destroy() {
          if (state === null) return
          leave(state)
          open.delete(state)
        },
      }
    },
  }
}

/** The tracker of each store (kept beside it, so the store's public shape does not change). */
const trackers = new WeakMap<object, FunnelTracker>()

export function attachFunnelTracker(owner: object, tracker: FunnelTracker): void {
  trackers.set(owner, tracker)
}

/** The funnel tracker of a store, or null when it counts nothing (no endpoint, `funnel: false`). */
export function funnelTrackerOf(owner: object): FunnelTracker | null {
  return trackers.get(owner) ?? null
}

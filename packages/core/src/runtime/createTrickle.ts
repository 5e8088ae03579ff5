import { createStore, type StoreApi } from 'zustand/vanilla'
import { configIndex, throwUnknownId } from '../config/configIndex'
import { consentStateOf } from '../plan/consentState'
import { emptyProfile } from '../profile/emptyProfile'
import { eraseUnusableFields } from '../profile/eraseUnusableFields'
import { recordOf } from '../plan/isKnown'
import { isRecord } from '../jsonValue'
import { memoryStorage } from './memoryStorage'
import { mergeConsentEvents } from '../profile/mergeConsentEvents'
import { mergeFieldRecords } from '../profile/mergeFieldRecords'
import { describe, parseProfile } from '../profile/parseProfile'
import { attachFunnelTracker, createFunnelTracker, type FunnelOptions } from './funnelTracker'
import { createPlanCache } from './planCache'
import type { ReadEnvelopeResult } from './readEnvelope'
import { createStorageSync } from './storageSync'
import {
  submitAction,
  type SubmitContext,
  type SubmitOptions,
  type SubmitResult,
} from './submitAction'
import type {
  Config,
  Draft,
  PersistPolicy,
  Profile,
  Purpose,
  SubmissionInput,
  Transport,
  TrickleEvent,
  TrickleState,
  TrickleStorage,
  VisitPlan,
} from '../types'
import { withdrawConsent } from '../profile/withdrawConsent'

/** What an `onEvent` handler can read besides the event: the state right after the change. */
export interface TrickleEventContext {
  config: Config
  state: TrickleState
  now: Date
}

export interface TrickleOptions {
  config: Config
  /** Where the visitor's envelope is kept. Default: `memoryStorage()` (this page only). */
  storage?: TrickleStorage
  /** What is written to storage: 'known' (default), 'values' or 'none' (kiosk mode). */
  persist?: PersistPolicy
  /** Sends submissions to a backend. Default: keeps data local (resolves at once). */
  transport?: Transport
  /** How long a transport may take before the submission fails with 'timeout'. Default 15000. */
  timeoutMs?: number
  now?: () => Date
  /** Typed events (plan-shown, submitted...). Never carries field values. */
  onEvent?: (event: TrickleEvent, context: TrickleEventContext) => void
  /**
   * Do not read storage on creation (`hydrated` stays false) until `hydrate()` is called, so a
   * server-rendered page and the first client render agree. Default false.
   */
  skipHydration?: boolean
  /**
   * Anonymous funnel counts (form shown, started, per field shown / answered / last touched,
   * submitted) sent to `<baseUrl>/v1/funnel` of a Trickle server. Default: on with the server
   * of an `httpTransport`, off without one; `false` switches it off.
   */
  funnel?: FunnelOptions | false
}

export interface Trickle {
  getState(): TrickleState
  getInitialState(): TrickleState
  subscribe(listener: (state: TrickleState, prev: TrickleState) => void): () => void
  readonly config: Config
  /** The persist policy; `'none'` is kiosk mode. */
  readonly persist: PersistPolicy
  /** `planVisit` for the current profile; the same object while the plan is unchanged. */
  plan(formId: string, draft?: Draft): VisitPlan
  submit(formId: string, input: SubmissionInput, options?: SubmitOptions): Promise<SubmitResult>
  withdraw(purposeId: string): { erased: string[] }
  /**
   * Takes over consent events recorded elsewhere (the server's ledger, e.g. a double opt-in
   * confirmation, or a decision made on another device): `events` is untrusted JSON, checked
   * like stored data; invalid events are dropped and reported through a `storage-recovered`
   * event. New events are merged into the local ledger (never twice, ordered by `at`, no local
   * event dropped), saved per the persist policy, and `consent-changed` is emitted for every
   * purpose whose consent state changed. A purpose withdrawn elsewhere erases the local records
   * of fields that no usable purpose covers any more, as `withdraw` does. Field values are
   * never taken over. Returns how many events were added.
   */
  syncConsents(events: unknown): { added: number }
  /**
   * Takes over what the server knows of the visitor (the `profile` of `GET /v1/me/export`), so
   * a browser whose storage was cleared does not ask known fields again. `profile` is untrusted
   * JSON, checked like stored data (invalid parts dropped and reported as `storage-recovered`).
   * Its consent events are merged as by `syncConsents`. Its field records arrive without their
   * values: a record is taken over when this browser has none for the field or an older one;
   * no local record is removed. Returns how many consent events were added and the ids of the
   * fields taken over.
   */
  syncProfile(profile: unknown): { added: number; fields: string[] }
  /** "Not you?": a new visitor id, an empty profile, stored data removed. */
  reset(): void
  /**
   * Emits plan-shown and field-shown for a form the visitor sees: once per form and content
   * (asked fields and offered purposes), so re-planning while the visitor types does not count
   * the same form again; again after a successful submit of the form, `dismiss` or a reset.
   */
  markShown(plan: VisitPlan): void
  /**
   * For frontends given a form id the config does not define (a typo, a removed form): emits
   * `unknown-form` once per id, so a production page that renders nothing in its place still
   * reports the mistake. Does nothing for a form the config defines.
   */
  reportUnknownForm(formId: string): void
  /** Records `unlocked[formId]` (not in kiosk mode) and emits download-unlocked. */
  unlock(formId: string, options?: { href?: string; oneClick?: boolean }): void
  /**
   * Forgets a form's submit state (status, error, kept input, download link). Kiosk screens call
   * it when a person is done, so the next one meets the form again.
   */
  dismiss(formId: string): void
  /** Reads stored data now (after `skipHydration`, or to re-read); sets `hydrated`. */
  hydrate(): void
  /** Stops following storage changes of other tabs. */
  destroy(): void
}

/**
 * The runtime of Trickle: a `zustand/vanilla` store of `TrickleState` with the actions that
 * frontends call. It remembers the visitor through `storage` (per the `persist` policy, never
 * throwing on corrupt or unavailable storage), sends submissions through `transport` and only
 * then changes the profile, and follows other tabs through `storage.subscribe`.
 */
export function createTrickle(options: TrickleOptions): Trickle {
  const {
    config,
    storage = memoryStorage(),
    persist = 'known',
    transport = async () => undefined,
    timeoutMs = 15_000,
    now = () => new Date(),
    onEvent,
  } = options
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) {
    throw new TypeError(`createTrickle: timeoutMs must be a positive number, got ${timeoutMs}.`)
  }

  // Events of the first hydration wait until the store exists (they need its state).
  const created: { store?: StoreApi<TrickleState> } = {}
  const queued: TrickleEvent[] = []
  const emit = (event: TrickleEvent): void => {
    if (!created.store) queued.push(event)
    else {
      try {
        onEvent?.(event, { config, state: created.store.getState(), now: now() })
      } catch (error) {
        console.error('Trickle: onEvent threw (ignored):', error)
      }
    }
  }

  const sync = createStorageSync({
    config,
    storage,
    persist,
    now,
    onDropped: (dropped) => emit({ type: 'storage-recovered', dropped }),
  })
  const hydrated = options.skipHydration ? null : sync.hydrate()
  const store = createStore<TrickleState>()(() => ({
    profile: hydrated?.profile ?? emptyProfile(),
    hydrated: hydrated !== null,
    forms: {},
    unlocked: hydrated?.unlocked ?? {},
  }))
  created.store = store
  const { getState, setState } = store
  queued.forEach(emit)

  const save = (): void => sync.save(getState().profile, getState().unlocked)
  const plan = createPlanCache(config, now, () => getState().profile)
  /** Per form, the contents (asked fields, offered purposes) already reported as shown. */
  const shown = new Map<string, Set<string>>()
  /** Form ids not in the config that a frontend reported (each once). */
  const reportedUnknown = new Set<string>()

  // Another tab wrote the storage: the same visitor's data is taken over; another visitor (or
  // none, after "Not you?") replaces this one, and the forms of the previous one are dropped.
  const adopt = ({ profile: stored, unlocked }: ReadEnvelopeResult): void =>
    setState((state) => {
      const profile = stored ?? emptyProfile()
      if (profile.visitorId !== state.profile.visitorId) {
        return { profile, forms: {}, unlocked, hydrated: true }
      }
      return { profile: keepLocalValues(state.profile, profile), unlocked, hydrated: true }
    })

  const startOver = (): void => {
    shown.clear()
    setState({ profile: emptyProfile(), forms: {}, unlocked: {} })
  }

  /**
   * `syncConsents` and `syncProfile`: parses `input` like stored data (reporting what was
   * dropped, or `problem` instead), merges its consent events and its field records without
   * values, and saves and emits what changed.
   */
  const takeOver = (
    action: string,
    input: unknown,
    problem: string | null = null,
  ): { added: number; fields: string[] } => {
    const at = now()
    const parsed = parseProfile(config, input, { now: at })
    const dropped = problem === null ? parsed.dropped : [problem]
    if (dropped.length > 0) {
      emit({ type: 'storage-recovered', dropped: dropped.map((reason) => `${action}: ${reason}`) })
    }
    const before = getState().profile
    const { events: consents, added } = mergeConsentEvents(before.consents, parsed.profile.consents)
    const stateChanged = (purpose: Purpose): boolean =>
      consentStateOf(purpose, before.consents, at) !== consentStateOf(purpose, consents, at)
    const changed = config.purposes.filter(stateChanged)
    const withdrawnIds = (purposes: readonly Purpose[]): Set<string> =>
      new Set(
        purposes
          .filter((purpose) => consentStateOf(purpose, consents, at) === 'withdrawn')
          .map((purpose) => purpose.id),
      )
    // A purpose withdrawn elsewhere erases what only it covered, as `withdraw` does here; and
    // no record arrives for a field that only withdrawn purposes cover.
    const kept = eraseUnusableFields(config, before, consents, at, withdrawnIds(changed)).fields
    const usable = eraseUnusableFields(
      config,
      parsed.profile,
      consents,
      at,
      withdrawnIds(config.purposes),
    )
    const { fields, taken } = mergeFieldRecords(kept, usable.fields)
    if (added.length === 0 && taken.length === 0) return { added: 0, fields: [] }
    setState({ profile: { ...before, fields, consents } })
    save()
    for (const { id } of changed) {
      const last = consents.filter((event) => event.purposeId === id).at(-1)
      if (last) emit({ type: 'consent-changed', purposeId: id, decision: last.decision })
    }
    return { added: added.length, fields: taken }
  }

  const submitContext: SubmitContext = {
    config,
    store,
    transport,
    timeoutMs,
    now,
    save,
    emit,
    afterSuccess(formId) {
      shown.delete(formId)
      if (persist !== 'none') return
      // Kiosk: the next person starts fresh. The form keeps only its success status and
      // download link, no answers of the previous person.
      const form = getState().forms[formId]
      startOver()
      if (form) setState({ forms: { [formId]: { ...form, input: null, submission: null } } })
    },
  }

  const trickle: Trickle = {
    getState,
    getInitialState: store.getInitialState,
    subscribe: store.subscribe,
    config,
    persist,
    plan,
    submit: (formId, input, submitOptions) =>
      submitAction(submitContext, formId, input, submitOptions),
    withdraw(purposeId) {
      const { profile, erased } = withdrawConsent(config, getState().profile, purposeId, {
        now: now(),
      })
      setState({ profile })
      save()
      emit({ type: 'consent-changed', purposeId, decision: 'withdrawn' })
      return { erased }
    },
    syncConsents: (events) => ({
      added: takeOver(
        'syncConsents',
        { visitorId: 'sync', consents: events },
        Array.isArray(events) ? null : `expected a list of consent events, got ${describe(events)}`,
      ).added,
    }),
    syncProfile: (profile) =>
      // The local visitor id stays: the server recognises this browser by its cookie.
      takeOver('syncProfile', isRecord(profile) ? { ...profile, visitorId: 'sync' } : profile),
    reset() {
      startOver()
      sync.clear()
    },
    markShown({ formId, fields, consents, complete }) {
      const fieldIds = fields.map((field) => field.id)
      const purposeIds = consents.map((consent) => consent.purposeId)
      const content = JSON.stringify([fieldIds, purposeIds])
      const contents = shown.get(formId) ?? new Set<string>()
      if (contents.has(content)) return
      shown.set(formId, contents.add(content))
      emit({ type: 'plan-shown', formId, fieldIds, purposeIds, complete })
      for (const { id, reason } of fields) {
        emit({ type: 'field-shown', formId, fieldId: id, reason })
      }
    },
    reportUnknownForm(formId) {
      if (configIndex(config).forms.has(formId) || reportedUnknown.has(formId)) return
      reportedUnknown.add(formId)
      emit({ type: 'unknown-form', formId })
    },
    unlock(formId, { href, oneClick = false } = {}) {
      if (!configIndex(config).forms.has(formId)) {
        throwUnknownId('unlock', 'form', formId, config.forms)
      }
      // Kiosk: nothing is remembered between visitors, so an unlock is not either.
      if (persist !== 'none') {
        setState((state) => ({
          unlocked: { ...state.unlocked, [formId]: now().toISOString() },
        }))
        save()
      }
      emit({ type: 'download-unlocked', formId, ...(href === undefined ? {} : { href }), oneClick })
    },
    dismiss(formId) {
      shown.delete(formId) // the next person's view of the form counts again
      const { [formId]: dismissed, ...forms } = getState().forms
      if (dismissed) setState({ forms })
    },
    hydrate() {
      const result = sync.hydrate()
      if (result.profile === null) setState({ hydrated: true })
      else adopt(result)
    },
    // Follows the storage writes of other tabs until destroyed.
    destroy: sync.follow(adopt),
  }
  const funnel = options.funnel ?? funnelOfTransport(options.transport)
  if (funnel) attachFunnelTracker(trickle, createFunnelTracker(funnel))
  return trickle
}

/** The server of an `httpTransport` (it carries its `baseUrl`); none for other transports. */
function funnelOfTransport(transport: Transport | undefined): FunnelOptions | null {
  const baseUrl = (transport as { baseUrl?: unknown } | undefined)?.baseUrl
  return typeof baseUrl === 'string' ? { baseUrl } : null
}

/**
 * Another tab stored the same visitor: take its profile, and keep the values this page holds
 * for records that are unchanged (the persist policy may have left them out of storage).
 */
function keepLocalValues(local: Profile, stored: Profile): Profile {
  const fields = { ...stored.fields }
  for (const [id, record] of Object.entries(stored.fields)) {
    const mine = recordOf(local, id)
    // The same answer (same time, same form), which storage kept without its value.
    if (
      record.value === undefined &&
      mine?.collectedAt === record.collectedAt &&
      mine.formId === record.formId
    ) {
      fields[id] = mine
    }
  }
  return { ...stored, fields }
}

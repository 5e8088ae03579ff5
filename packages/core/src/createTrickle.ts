import { createStore, type StoreApi } from 'zustand/vanilla'
import { consentStateOf } from './consentState'
import { emptyProfile } from './emptyProfile'
import { eraseUnusableFields } from './eraseUnusableFields'
import { exportProfile, type ProfileExport } from './exportProfile'
import { memoryStorage } from './memoryStorage'
import { mergeConsentEvents } from './mergeConsentEvents'
import { describe, parseProfile } from './parseProfile'
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
  SubmissionInput,
  Transport,
  TrickleEvent,
  TrickleState,
  TrickleStorage,
  VisitPlan,
} from './types'
import { withdrawConsent } from './withdrawConsent'

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
  /** "Not you?": a new visitor id, an empty profile, stored data removed. */
  reset(): void
  /** `exportProfile` of the current profile (GDPR Art. 15/20); `locale` picks the labels' language. */
  exportData(options?: { locale?: string }): ProfileExport
  /** Emits plan-shown and field-shown once per plan object. */
  markShown(plan: VisitPlan): void
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
  const { config, transport = async () => undefined, timeoutMs = 15_000, onEvent } = options
  const storage = options.storage ?? memoryStorage()
  const persist = options.persist ?? 'known'
  const now = options.now ?? (() => new Date())
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) {
    throw new TypeError(
      `createTrickle: timeoutMs must be a positive number of ms, got ${timeoutMs}.`,
    )
  }

  // Events of the first hydration wait until the store exists (they need its state).
  const created: { store?: StoreApi<TrickleState> } = {}
  const pending: TrickleEvent[] = []
  const emit = (event: TrickleEvent): void => {
    if (!onEvent) return
    if (!created.store) {
      pending.push(event)
      return
    }
    try {
      onEvent(event, { config, state: created.store.getState(), now: now() })
    } catch (error) {
      console.error('Trickle: an onEvent handler threw; the store carries on.', error)
    }
  }

  const sync = createStorageSync({
    config,
    storage,
    persist,
    now,
    onDropped: (dropped) => emit({ type: 'storage-recovered', dropped }),
  })
  const hydrated = options.skipHydration === true ? null : sync.hydrate()
  const api = createStore<TrickleState>()(() => ({
    profile: hydrated?.profile ?? emptyProfile(),
    hydrated: hydrated !== null,
    forms: {},
    unlocked: hydrated?.unlocked ?? {},
  }))
  created.store = api
  for (const event of pending.splice(0)) emit(event)

  const save = (): void => sync.save(api.getState().profile, api.getState().unlocked)
  const plans = createPlanCache(config, now)
  const shown = new WeakSet<VisitPlan>()
  let generation = 0

  const adopt = (stored: ReadEnvelopeResult): void => {
    const visitorId = api.getState().profile.visitorId
    // Another visitor (or none): a submission in flight belongs to the previous one.
    if (stored.profile?.visitorId !== visitorId) generation++
    api.setState((state) => {
      if (stored.profile === null) {
        return { profile: emptyProfile(), forms: {}, unlocked: {}, hydrated: true }
      }
      if (stored.profile.visitorId !== state.profile.visitorId) {
        return { profile: stored.profile, forms: {}, unlocked: stored.unlocked, hydrated: true }
      }
      return {
        profile: keepLocalValues(state.profile, stored.profile),
        unlocked: stored.unlocked,
        hydrated: true,
      }
    })
  }
  const unfollow = sync.follow(adopt)

  const startOver = (): void => {
    generation++
    api.setState({ profile: emptyProfile(), forms: {}, unlocked: {} })
  }

  const submitContext: SubmitContext = {
    config,
    store: api,
    transport,
    timeoutMs,
    now,
    plan: (formId, draft) => plans.plan(api.getState().profile, formId, draft),
    save,
    emit,
    generation: () => generation,
    afterSuccess(formId) {
      if (persist !== 'none') return
      // Kiosk: the next person starts fresh. The form keeps only its success status and
      // download link, no answers of the previous person.
      const form = api.getState().forms[formId]
      startOver()
      if (form) api.setState({ forms: { [formId]: { ...form, input: null, submission: null } } })
    },
  }

  return {
    getState: api.getState,
    getInitialState: api.getInitialState,
    subscribe: api.subscribe,
    config,
    persist,
    plan: (formId, draft) => plans.plan(api.getState().profile, formId, draft),
    submit: (formId, input, submitOptions) =>
      submitAction(submitContext, formId, input, submitOptions),
    withdraw(purposeId) {
      const { profile, erased } = withdrawConsent(config, api.getState().profile, purposeId, {
        now: now(),
      })
      api.setState({ profile })
      save()
      emit({ type: 'consent-changed', purposeId, decision: 'withdrawn' })
      return { erased }
    },
    syncConsents(events) {
      if (!Array.isArray(events)) {
        emit({
          type: 'storage-recovered',
          dropped: [`syncConsents: expected a list of consent events, got ${describe(events)}`],
        })
        return { added: 0 }
      }
      const at = now()
      // parseProfile checks each event (shape, known purpose, time not in the future).
      const parsed = parseProfile(
        config,
        { visitorId: 'sync', fields: {}, consents: events },
        { now: at },
      )
      if (parsed.dropped.length > 0) {
        emit({
          type: 'storage-recovered',
          dropped: parsed.dropped.map((reason) => `syncConsents: ${reason}`),
        })
      }
      const before = api.getState().profile
      const merged = mergeConsentEvents(before.consents, parsed.profile.consents)
      if (merged.added.length === 0) return { added: 0 }
      const changed = config.purposes.filter(
        (purpose) =>
          consentStateOf(purpose, before.consents, at) !==
          consentStateOf(purpose, merged.events, at),
      )
      // A purpose withdrawn elsewhere erases what only it covered, as `withdraw` does here.
      const withdrawn = new Set(
        changed
          .filter((purpose) => consentStateOf(purpose, merged.events, at) === 'withdrawn')
          .map((purpose) => purpose.id),
      )
      const { fields } = eraseUnusableFields(config, before, merged.events, at, withdrawn)
      const profile = { ...before, fields, consents: merged.events }
      api.setState({ profile })
      save()
      for (const purpose of changed) {
        const last = merged.events.filter((event) => event.purposeId === purpose.id).at(-1)
        if (last) emit({ type: 'consent-changed', purposeId: purpose.id, decision: last.decision })
      }
      return { added: merged.added.length }
    },
    reset() {
      startOver()
      sync.clear()
    },
    exportData: (exportOptions = {}) =>
      exportProfile(config, api.getState().profile, { ...exportOptions, now: now() }),
    markShown(plan) {
      if (shown.has(plan)) return
      shown.add(plan)
      emit({
        type: 'plan-shown',
        formId: plan.formId,
        fieldIds: plan.fields.map((field) => field.id),
        purposeIds: plan.consents.map((consent) => consent.purposeId),
        complete: plan.complete,
      })
      for (const field of plan.fields) {
        emit({ type: 'field-shown', formId: plan.formId, fieldId: field.id, reason: field.reason })
      }
    },
    unlock(formId, unlockOptions = {}) {
      if (!config.forms.some((form) => form.id === formId)) {
        const known = config.forms.map((form) => JSON.stringify(form.id)).join(', ')
        throw new TypeError(
          `unlock: unknown form ${JSON.stringify(formId)}. Known forms: ${known}.`,
        )
      }
      // Kiosk: nothing is remembered between visitors, so an unlock is not either.
      if (persist !== 'none') {
        api.setState((state) => ({
          unlocked: { ...state.unlocked, [formId]: now().toISOString() },
        }))
        save()
      }
      const { href, oneClick = false } = unlockOptions
      emit(
        href === undefined
          ? { type: 'download-unlocked', formId, oneClick }
          : { type: 'download-unlocked', formId, href, oneClick },
      )
    },
    dismiss(formId) {
      const { [formId]: _dismissed, ...forms } = api.getState().forms
      if (_dismissed) api.setState({ forms })
    },
    hydrate() {
      const result = sync.hydrate()
      if (result.profile === null) api.setState({ hydrated: true })
      else adopt(result)
    },
    destroy() {
      unfollow()
    },
  }
}

/**
 * Another tab stored the same visitor: take its profile, and keep the values this page holds
 * for records that are unchanged (the persist policy may have left them out of storage).
 */
function keepLocalValues(local: Profile, stored: Profile): Profile {
  const fields = { ...stored.fields }
  for (const [id, record] of Object.entries(stored.fields)) {
    const mine = Object.hasOwn(local.fields, id) ? local.fields[id] : undefined
    if (
      record.value === undefined &&
      mine?.value !== undefined &&
      mine.collectedAt === record.collectedAt &&
      mine.formId === record.formId
    ) {
      fields[id] = { ...record, value: mine.value }
    }
  }
  return { ...stored, fields }
}

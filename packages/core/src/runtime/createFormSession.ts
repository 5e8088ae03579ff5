import { defaultLocale } from '../defaultLocale'
import { configIndex, throwUnknownId } from '../config/configIndex'
import type { Trickle } from './createTrickle'
import { draftDependencies, type DraftPath } from '../plan/draftDependencies'
import { deepEqual } from '../deepEqual'
import { formSessionErrors, type FormSessionErrors } from './formSessionErrors'
import { funnelTrackerOf, funnelVisit, isEmptyAnswer } from './funnelTracker'
import type { SubmitResult } from './submitAction'
import type {
  Config,
  Draft,
  FieldValue,
  SubmissionError,
  SubmissionInput,
  SubmitStatus,
  TrickleError,
  TrickleState,
  VisitPlan,
} from '../types'

export type SubmitSuccess = Extract<SubmitResult, { ok: true }>

/** `form`: ask first; `one-click`: nothing left to ask (open gate); `ready`: unlocked. */
export type GateState = 'form' | 'one-click' | 'ready'

export interface FormSessionOptions {
  /** The locale the form is shown in (messages, the consent text recorded). Default: the config's first. */
  locale?: string
  /**
   * A download behind the form: a successful submission unlocks it (recorded with `href`), and
   * the session stops announcing the form once the gate is `ready`.
   */
  gate?: { href: string }
  /** Called after a successful submission (and the unlock of a gate). */
  onSubmitted?: (result: SubmitSuccess) => void
  /** Throw for a form id the config does not define (while developing). Default: plan nothing. */
  strict?: boolean
}

/** What a UI shows of one form; the same object until something in it changes. */
export interface FormSessionSnapshot {
  formId: string
  /** False for a form id the config does not define: the plan is empty and nothing is sent. */
  defined: boolean
  /** The plan with the answers in progress as draft. */
  plan: VisitPlan
  gate: GateState
  status: SubmitStatus
  /** The last failure (transport, timeout, invalid, plan-changed), or null. */
  error: TrickleError | null
  /** The errors of the last failure that name a planned field, by field id (first per field). */
  fieldErrors: Readonly<Record<string, SubmissionError>>
  /** The errors of the last failure that name no planned field (a consent, a field not shown). */
  formErrors: readonly SubmissionError[]
  /** The link the transport gave for the last successful submission, if any. */
  downloadUrl: string | null
  /** The profile has fields: offer "Not you? Start over". */
  known: boolean
  /** The persist policy is 'none': the next person meets the form again. */
  kiosk: boolean
  /** The answers of a failed submission, kept to fill the form again; otherwise null. */
  keptInput: SubmissionInput | null
}

export interface FormSession {
  readonly config: Config
  readonly formId: string
  /** The draft paths the plan depends on (`values.<id>`, `consents.<id>`); others never re-plan. */
  readonly dependencies: readonly DraftPath[]
  /** Calls `listener` after each change of the snapshot; returns the unsubscribe. */
  subscribe(listener: () => void): () => void
  getSnapshot(): FormSessionSnapshot
  /** One answer in progress. Re-plans only when the plan depends on it. */
  setAnswer(fieldId: string, value: FieldValue | undefined): void
  /** All answers and consent choices in progress (replaces the previous draft). */
  setDraft(draft: Draft): void
  /** Sends exactly the planned answers and offered consents of the draft. */
  submit(): Promise<SubmitResult>
  /** Records the download of a gate (one click when nothing was left to ask). */
  unlock(): void
  /** "Not you?": forgets the visitor and the draft. */
  startOver(): void
  /** Forgets the form's submit state and the draft (kiosk: the next person). */
  dismiss(): void
  setOptions(options: FormSessionOptions): void
  /** Drops the listeners and stops following the store; kiosk gates are dismissed. */
  destroy(): void
}

/** Exactly the planned answers and offered consents (an unticked box is `false`). */
function inputOf(draft: Draft, plan: VisitPlan): SubmissionInput {
  return {
    values: Object.fromEntries(plan.fields.map(({ id }) => [id, draft.values?.[id]])),
    consents: Object.fromEntries(
      plan.consents.map(({ purposeId }) => [purposeId, draft.consents?.[purposeId] === true]),
    ),
  }
}

/** The values of the paths the plan depends on, as a comparable key. */
function dependencyKey(draft: Draft, paths: readonly DraftPath[]): string {
  return JSON.stringify(
    paths.map((path) => {
      const [kind, id] = path.split('.') as ['values' | 'consents', string]
      const bag: Readonly<Record<string, unknown>> | undefined = draft[kind]
      return bag && Object.hasOwn(bag, id) ? (bag[id] ?? null) : null
    }),
  )
}

/**
 * One form's state for any UI (React, the plain DOM, a web component), after TanStack Query's
 * `QueryObserver`: it holds the answers in progress, re-plans only when an answer the plan
 * depends on changes, derives the gate state, maps a failure's errors to fields, and gives a
 * stable snapshot for `useSyncExternalStore`. While a listener is subscribed it announces the
 * form it shows (`plan-shown`, once per content) or reports an unknown form id.
 */
export function createFormSession(
  trickle: Trickle,
  formId: string,
  options: FormSessionOptions = {},
): FormSession {
  const { config } = trickle
  const form = configIndex(config).forms.get(formId)
  const defined = form !== undefined
  if (!defined && options.strict) throwUnknownId('createFormSession', 'form', formId, config.forms)
  const dependencies = draftDependencies(config, formId)
  const kiosk = trickle.persist === 'none'
  const emptyPlan: VisitPlan = { formId, fields: [], consents: [], decisions: [], complete: true }
  let settings = options
  let draft: Draft = {}
  const listeners = new Set<() => void>()
  let detach: (() => void) | null = null
  let announced: VisitPlan | null = null
  // Anonymous funnel counts (when the store sends them): only a form with fields to fill counts
  // as shown; a one-click gate has no form, so it is not part of the funnel.
  const funnel = defined ? (funnelTrackerOf(trickle)?.round(formId) ?? null) : null

  // What the last snapshot was computed from.
  let seen: { state: TrickleState; key: string; snapshot: FormSessionSnapshot } | null = null
  let planned: { profile: unknown; key: string; plan: VisitPlan } | null = null
  let errors: { error: TrickleError | null; plan: VisitPlan; mapped: FormSessionErrors } | null =
    null

  const planFor = (state: TrickleState, key: string): VisitPlan => {
    if (!defined) return emptyPlan
    if (planned?.profile !== state.profile || planned.key !== key) {
      planned = { profile: state.profile, key, plan: trickle.plan(formId, draft) }
    }
    return planned.plan
  }

  const compute = (state: TrickleState, key: string): FormSessionSnapshot => {
    const formState = state.forms[formId]
    const plan = planFor(state, key)
    const status = formState?.status ?? 'idle'
    const error = formState?.error ?? null
    if (errors?.error !== error || errors.plan !== plan) {
      errors = { error, plan, mapped: formSessionErrors(error, plan) }
    }
    const gate: GateState =
      Object.hasOwn(state.unlocked, formId) || status === 'success'
        ? 'ready'
        : form?.openGate && plan.complete
          ? 'one-click'
          : 'form'
    return {
      formId,
      defined,
      plan,
      gate,
      status,
      error,
      fieldErrors: errors.mapped.fieldErrors,
      formErrors: errors.mapped.formErrors,
      downloadUrl: formState?.downloadUrl ?? null,
      known: Object.keys(state.profile.fields).length > 0,
      kiosk,
      keptInput: status === 'error' ? (formState?.input ?? null) : null,
    }
  }

  const getSnapshot = (): FormSessionSnapshot => {
    const state = trickle.getState()
    const key = dependencyKey(draft, dependencies)
    if (seen?.state === state && seen.key === key) return seen.snapshot
    const next = compute(state, key)
    const previous = seen?.snapshot
    const same =
      previous !== undefined &&
      (Object.keys(next) as (keyof FormSessionSnapshot)[]).every((name) =>
        Object.is(next[name], previous[name]),
      )
    seen = { state, key, snapshot: same ? previous : next }
    return seen.snapshot
  }

  /** Marks the shown form (once per plan) while a UI is subscribed. */
  const announce = (snapshot: FormSessionSnapshot): void => {
    if (listeners.size === 0 || !defined) return
    if (funnel && snapshot.gate === 'form' && snapshot.status !== 'success') {
      const locale = settings.locale ?? defaultLocale(config)
      funnel.show(snapshot.plan, funnelVisit(trickle.getState().profile), locale)
    }
    if (settings.gate && snapshot.gate === 'ready') return
    if (announced === snapshot.plan) return
    announced = snapshot.plan
    trickle.markShown(snapshot.plan)
  }

  /**
   * Tells the funnel about an answer that changed since the last one it saw. A copy is kept: a
   * form library may hand over the same, mutated values object every time. Going from one empty
   * value to another ('' after undefined, when a form registers its inputs) is no touch.
   */
  const funnelSeen = new Map<string, FieldValue | undefined>()
  const touched = (fieldId: string, value: FieldValue | undefined): void => {
    if (!funnel) return
    const before = funnelSeen.get(fieldId)
    if (deepEqual(before, value) || (isEmptyAnswer(before) && isEmptyAnswer(value))) return
    funnelSeen.set(fieldId, Array.isArray(value) ? [...value] : value)
    funnel.input(fieldId, value)
  }

  const changed = (): void => {
    const before = seen?.snapshot
    const snapshot = getSnapshot()
    if (snapshot === before) return
    announce(snapshot)
    for (const listener of [...listeners]) listener()
  }

  return {
    config,
    formId,
    dependencies,
    subscribe(listener) {
      listeners.add(listener)
      if (detach === null) detach = trickle.subscribe(changed)
      if (defined) announce(getSnapshot())
      else trickle.reportUnknownForm(formId)
      return () => {
        listeners.delete(listener)
        if (listeners.size === 0) {
          detach?.()
          detach = null
          announced = null
        }
      }
    },
    getSnapshot,
    setAnswer(fieldId, value) {
      draft = { ...draft, values: { ...draft.values, [fieldId]: value } }
      changed()
      touched(fieldId, value)
    },
    setDraft(next) {
      draft = next
      changed()
      if (!funnel) return
      // The answers that changed, in the order of the form (the last is the last touched).
      for (const { id } of getSnapshot().plan.fields) touched(id, next.values?.[id])
    },
    async submit() {
      if (!defined) {
        const message = `Form "${formId}" is not in the config; nothing was sent.`
        return { ok: false, error: { code: 'invalid', message } }
      }
      const { plan } = getSnapshot()
      const locale = settings.locale ?? defaultLocale(config)
      const result = await trickle.submit(formId, inputOf(draft, plan), { locale })
      if (result.ok) {
        funnel?.submitted()
        funnelSeen.clear()
        draft = {}
        if (settings.gate) trickle.unlock(formId, { href: settings.gate.href })
        changed()
        settings.onSubmitted?.(result)
      }
      return result
    },
    unlock() {
      const href = settings.gate?.href
      const oneClick = getSnapshot().gate === 'one-click'
      trickle.unlock(formId, { ...(href === undefined ? {} : { href }), oneClick })
    },
    startOver() {
      funnelSeen.clear()
      draft = {}
      trickle.reset()
      changed()
    },
    dismiss() {
      funnelSeen.clear()
      draft = {}
      trickle.dismiss(formId)
      changed()
    },
    setOptions(next) {
      settings = next
    },
    destroy() {
      funnel?.destroy()
      listeners.clear()
      detach?.()
      detach = null
      announced = null
      if (kiosk && settings.gate && defined) trickle.dismiss(formId)
    },
  }
}

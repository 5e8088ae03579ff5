import {
  localize,
  type Draft,
  type FieldValue,
  type SubmissionError,
  type Trickle,
  type VisitPlan,
} from '@trickle/core'
import { gateWords } from './gateWords'
import { h, readField, renderField } from './renderField'

export interface GateOptions {
  /** The store from `createTrickle`. */
  trickle: Trickle
  formId: string
  /** One of the config's locales. */
  locale: string
  /** The file behind the gate. */
  asset: { href: string; title: string }
}

type Mode = 'form' | 'one-click' | 'ready'

/** What the DOM holds: answers by field id, consent choices by purpose id. */
interface Answers {
  values: Record<string, FieldValue | undefined>
  consents: Record<string, boolean>
}

let gates = 0

/**
 * A gated download with the headless core and plain DOM: the core plans which fields and
 * consents to ask, validates and stores; this function only renders and reads the DOM. Returns
 * a function that unmounts the gate.
 */
export function mountGate(root: HTMLElement, options: GateOptions): () => void {
  const { trickle, formId, locale, asset } = options
  const { config } = trickle
  const form = config.forms.find((f) => f.id === formId)
  if (!form) {
    const known = config.forms.map((f) => `"${f.id}"`).join(', ')
    throw new Error(`mountGate: the config has no form "${formId}"; use one of ${known}.`)
  }
  const words = gateWords(locale)
  const idPrefix = `gate${++gates}`
  const body = h('div', { class: 'gate-body', 'data-gate': formId })
  const status = h('p', { class: 'status', role: 'status', tabindex: '-1' })
  root.append(body, status)

  let draft: Draft = {}
  let shown = ''
  let busy = false

  const modeOf = (plan: VisitPlan): Mode => {
    const state = trickle.getState()
    if (Object.hasOwn(state.unlocked, formId) || state.forms[formId]?.status === 'success') {
      return 'ready'
    }
    return form.openGate && plan.complete ? 'one-click' : 'form'
  }

  /** The answers and consent choices in the DOM, for the fields of `plan`. */
  const read = (plan: VisitPlan): Answers => {
    const input: Answers = { values: {}, consents: {} }
    for (const planned of plan.fields) {
      const wrapper = body.querySelector(`[data-field="${planned.id}"]`)
      input.values[planned.id] = wrapper ? readField(wrapper, planned) : undefined
    }
    for (const { purposeId } of plan.consents) {
      const box = body.querySelector<HTMLInputElement>(`[data-consent="${purposeId}"] input`)
      input.consents[purposeId] = box?.checked === true
    }
    return input
  }

  const renderForm = (plan: VisitPlan, before: Answers | null): HTMLElement => {
    const element = h('form', { class: 'gate-form', novalidate: true })
    if (Object.keys(trickle.getState().profile.fields).length > 0) {
      const startOver = h('button', { type: 'button', class: 'link' }, words.startOver)
      startOver.addEventListener('click', () => {
        draft = {}
        trickle.reset()
      })
      element.append(h('p', { class: 'not-you' }, `${words.notYou} `, startOver))
    }
    element.append(h('div', { class: 'error-summary', tabindex: '-1', hidden: true }))
    for (const planned of plan.fields) {
      const value = before?.values[planned.id]
      element.append(renderField(planned, { config, locale, idPrefix, words, value }))
    }
    if (plan.consents.length > 0) {
      const group = h('fieldset', { class: 'consents' }, h('legend', {}, words.consentsLegend))
      const privacy = config.links?.privacy
      for (const { purposeId, purpose } of plan.consents) {
        const id = `${idPrefix}-consent-${purposeId}`
        const text = purpose.text ? localize(purpose.text, locale, config) : ''
        group.append(
          h(
            'div',
            { class: 'consent', 'data-consent': purposeId },
            h(
              'div',
              { class: 'option' },
              // Unticked, always: no pre-ticked consent (CJEU Planet49).
              h('input', {
                type: 'checkbox',
                id,
                'aria-describedby': `${id}-text`,
                checked: before?.consents[purposeId] === true,
              }),
              h('label', { for: id }, localize(purpose.label, locale, config)),
            ),
            h(
              'p',
              { class: 'consent-text', id: `${id}-text` },
              text,
              privacy ? ' ' : null,
              privacy
                ? h('a', { href: localize(privacy, locale, config) }, words.privacyPolicy)
                : null,
            ),
          ),
        )
      }
      element.append(group)
    }
    element.append(h('button', { type: 'submit', class: 'submit' }, words.submit))
    element.addEventListener('change', () => {
      const current = trickle.plan(formId, draft)
      const input = read(current)
      draft = { values: input.values, consents: input.consents }
      render()
    })
    element.addEventListener('submit', (event) => {
      event.preventDefault()
      void submit()
    })
    return element
  }

  const renderDownload = (mode: Mode, plan: VisitPlan): HTMLElement => {
    const href = trickle.getState().forms[formId]?.downloadUrl ?? asset.href
    const link = h(
      'a',
      { class: 'download', href, download: '', 'data-download': mode },
      words.download.replace('{title}', asset.title),
    )
    if (mode === 'one-click') {
      trickle.markShown(plan)
      link.addEventListener('click', () =>
        trickle.unlock(formId, { href: asset.href, oneClick: true }),
      )
    }
    const startOver = h('button', { type: 'button', class: 'link' }, words.startOver)
    startOver.addEventListener('click', () => trickle.reset())
    return h(
      'div',
      { class: 'gate-download' },
      h('p', {}, mode === 'ready' ? words.ready : words.oneClick),
      link,
      h('p', { class: 'not-you' }, `${words.notYou} `, startOver),
    )
  }

  const showErrors = (errors: SubmissionError[]) => {
    const summary = body.querySelector<HTMLElement>('.error-summary')
    const list = h('ul')
    for (const error of errors) {
      const [, kind, id] = error.path.split('/')
      const wrapper = body.querySelector(
        kind === 'consents' ? `[data-consent="${id}"]` : `[data-field="${id}"]`,
      )
      const control = wrapper?.querySelector<HTMLElement>('input, select, textarea, fieldset')
      const slot = wrapper?.querySelector<HTMLElement>('.error')
      if (slot && control) {
        slot.textContent = error.message
        slot.hidden = false
        control.setAttribute('aria-invalid', 'true')
        const describedBy = new Set((control.getAttribute('aria-describedby') ?? '').split(' '))
        describedBy.add(slot.id)
        control.setAttribute('aria-describedby', [...describedBy].filter(Boolean).join(' '))
        const label = wrapper?.querySelector('label, legend')?.textContent ?? id ?? ''
        list.append(h('li', {}, h('a', { href: `#${control.id}` }, `${label}: ${error.message}`)))
      }
    }
    if (summary) {
      summary.replaceChildren(h('p', { class: 'error-summary-title' }, words.errorSummary), list)
      summary.hidden = false
      summary.focus()
    }
  }

  async function submit() {
    if (busy) return
    const plan = trickle.plan(formId, draft)
    const input = read(plan)
    const button = body.querySelector<HTMLButtonElement>('button[type="submit"]')
    busy = true
    button?.setAttribute('aria-disabled', 'true')
    if (button) button.textContent = words.submitting
    status.textContent = ''
    const result = await trickle.submit(formId, input, { locale })
    busy = false
    button?.removeAttribute('aria-disabled')
    if (button) button.textContent = words.submit
    if (result.ok) {
      draft = {}
      trickle.unlock(formId, { href: result.downloadUrl ?? asset.href })
      render()
      body.querySelector<HTMLElement>('a.download')?.focus()
    } else if (result.error.code === 'invalid' && result.error.errors) {
      showErrors(result.error.errors)
    } else {
      status.textContent = words.transportError
    }
  }

  function render() {
    const plan = trickle.plan(formId, draft)
    const mode = modeOf(plan)
    const key = `${mode}:${plan.fields.map((f) => f.id).join(',')}:${plan.consents.map((c) => c.purposeId).join(',')}`
    if (key === shown) return
    const previous = body.querySelector('form') ? read(trickle.plan(formId, draft)) : null
    const focused = document.activeElement?.id
    shown = key
    body.replaceChildren(mode === 'form' ? renderForm(plan, previous) : renderDownload(mode, plan))
    if (focused) document.getElementById(focused)?.focus()
  }

  render()
  const unsubscribe = trickle.subscribe(() => {
    // "Not you?" or another tab changed the visitor: drop the answers of the old one.
    if (Object.keys(trickle.getState().profile.fields).length === 0) draft = {}
    render()
  })
  return () => {
    unsubscribe()
    body.remove()
    status.remove()
  }
}

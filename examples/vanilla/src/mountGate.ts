import {
  createFormSession,
  type FormSessionSnapshot,
  type Trickle,
  type VisitPlan,
} from '@trickle/core'
import { gateWords } from './gateWords'
import { renderConsents } from './renderConsents'
import { readAnswers, type Answers } from './readAnswers'
import { h, renderField } from './renderField'
import { showFieldErrors } from './showFieldErrors'

export interface GateOptions {
  /** The store from `createTrickle`. */
  trickle: Trickle
  formId: string
  /** One of the config's locales. */
  locale: string
  /** The file behind the gate. */
  asset: { href: string; title: string }
}

let gates = 0

/**
 * A gated download with the core's form session and plain DOM: the session plans which fields
 * and consents to ask, keeps the gate state and maps errors; this function only renders its
 * snapshot and reads the DOM. Returns a function that unmounts the gate.
 */
export function mountGate(root: HTMLElement, options: GateOptions): () => void {
  const { trickle, formId, locale, asset } = options
  const { config } = trickle
  if (!config.forms.some((f) => f.id === formId)) {
    const known = config.forms.map((f) => `"${f.id}"`).join(', ')
    throw new Error(`mountGate: the config has no form "${formId}"; use one of ${known}.`)
  }
  const gate = { href: asset.href }
  const session = createFormSession(trickle, formId, { locale, gate })
  const words = gateWords(locale)
  const idPrefix = `gate${++gates}`
  const body = h('div', { class: 'gate-body', 'data-gate': formId })
  const status = h('p', { class: 'status', role: 'status', tabindex: '-1' })
  root.append(body, status)

  let shown = ''
  let busy = false

  const read = (plan: VisitPlan): Answers => readAnswers(body, plan)

  const renderForm = ({ plan, known }: FormSessionSnapshot, before: Answers | null) => {
    const element = h('form', { class: 'gate-form', novalidate: true })
    if (known) {
      const startOver = h('button', { type: 'button', class: 'link' }, words.startOver)
      startOver.addEventListener('click', session.startOver)
      element.append(h('p', { class: 'not-you' }, `${words.notYou} `, startOver))
    }
    element.append(h('div', { class: 'error-summary', tabindex: '-1', hidden: true }))
    for (const planned of plan.fields) {
      const value = before?.values[planned.id]
      element.append(renderField(planned, { config, locale, idPrefix, words, value }))
    }
    const consents = renderConsents(plan.consents, { config, locale, idPrefix, words, before })
    if (consents) element.append(consents)
    element.append(h('button', { type: 'submit', class: 'submit' }, words.submit))
    element.addEventListener('change', () => session.setDraft(read(session.getSnapshot().plan)))
    element.addEventListener('submit', (event) => {
      event.preventDefault()
      void submit()
    })
    return element
  }

  const renderDownload = ({ gate: mode, downloadUrl }: FormSessionSnapshot): HTMLElement => {
    const link = h(
      'a',
      { class: 'download', href: downloadUrl ?? asset.href, download: '', 'data-download': mode },
      words.download.replace('{title}', asset.title),
    )
    if (mode === 'one-click') link.addEventListener('click', session.unlock)
    const startOver = h('button', { type: 'button', class: 'link' }, words.startOver)
    startOver.addEventListener('click', session.startOver)
    return h(
      'div',
      { class: 'gate-download' },
      h('p', {}, mode === 'ready' ? words.ready : words.oneClick),
      link,
      h('p', { class: 'not-you' }, `${words.notYou} `, startOver),
    )
  }

  const showErrors = ({ fieldErrors, formErrors }: FormSessionSnapshot) =>
    showFieldErrors(body, [...Object.values(fieldErrors), ...formErrors], words)

  async function submit() {
    if (busy) return
    session.setDraft(read(session.getSnapshot().plan))
    const button = body.querySelector<HTMLButtonElement>('button[type="submit"]')
    busy = true
    button?.setAttribute('aria-disabled', 'true')
    if (button) button.textContent = words.submitting
    status.textContent = ''
    const result = await session.submit()
    busy = false
    button?.removeAttribute('aria-disabled')
    if (button) button.textContent = words.submit
    if (result.ok) {
      render()
      body.querySelector<HTMLElement>('a.download')?.focus()
    } else if (result.error.code === 'invalid') {
      showErrors(session.getSnapshot())
    } else {
      status.textContent = words.transportError
    }
  }

  function render() {
    const snapshot = session.getSnapshot()
    const { gate: mode, plan, known } = snapshot
    const key = `${mode}:${known}:${plan.fields.map((f) => f.id).join(',')}:${plan.consents.map((c) => c.purposeId).join(',')}`
    if (key === shown) return
    const previous = body.querySelector('form') ? read(plan) : null
    const focused = document.activeElement?.id
    shown = key
    body.replaceChildren(
      mode === 'form' ? renderForm(snapshot, previous) : renderDownload(snapshot),
    )
    if (focused) document.getElementById(focused)?.focus()
  }

  render()
  const unsubscribe = session.subscribe(render)
  return () => {
    unsubscribe()
    session.destroy()
    body.remove()
    status.remove()
  }
}

import {
  createFormSession,
  localize,
  type FieldValue,
  type FormSessionSnapshot,
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

/** What the DOM holds: answers by field id, consent choices by purpose id. */
interface Answers {
  values: Record<string, FieldValue | undefined>
  consents: Record<string, boolean>
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

  const showErrors = ({ fieldErrors, formErrors }: FormSessionSnapshot) => {
    const summary = body.querySelector<HTMLElement>('.error-summary')
    const list = h('ul')
    for (const error of [...Object.values(fieldErrors), ...formErrors]) {
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

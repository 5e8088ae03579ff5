import type { SubmissionError } from '@trickle/core'
import type { GateWords } from './gateWords'
import { h } from './renderField'

/**
 * Shows errors at their field or consent (`aria-invalid`, the message described by) and lists
 * them in the form's summary, which takes the focus.
 */
export function showFieldErrors(
  body: HTMLElement,
  errors: readonly SubmissionError[],
  words: GateWords,
): void {
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

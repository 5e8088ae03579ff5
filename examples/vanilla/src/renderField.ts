import { localize, type Config, type FieldValue, type PlannedField } from '@trickle/core'
import type { GateWords } from './gateWords'

export interface FieldContext {
  config: Config
  locale: string
  /** Unique per gate, so two gates on one page never share element ids. */
  idPrefix: string
  words: GateWords
  /** The answer typed before a re-render, kept in place. */
  value: FieldValue | undefined
}

/** `document.createElement` with attributes and children in one call. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Record<string, string | boolean | undefined> = {},
  ...children: (Node | string | null)[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag)
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === false) continue
    element.setAttribute(name, value === true ? '' : value)
  }
  for (const child of children) if (child !== null) element.append(child)
  return element
}

const basisWord = (words: GateWords, basis: string): string =>
  basis === 'consent'
    ? words.basisConsent
    : basis === 'contract'
      ? words.basisContract
      : words.basisLegitimateInterest

/** "Why do we ask?": every purpose of the field with its legal basis (GDPR Art. 13). */
function whyWeAsk(planned: PlannedField, ctx: FieldContext): HTMLElement {
  const list = h('ul')
  for (const purposeId of planned.field.purposes) {
    const purpose = ctx.config.purposes.find((p) => p.id === purposeId)
    if (!purpose) continue
    list.append(
      h(
        'li',
        {},
        `${localize(purpose.label, ctx.locale, ctx.config)} (${basisWord(ctx.words, purpose.basis)})`,
      ),
    )
  }
  return h('details', { class: 'why' }, h('summary', {}, ctx.words.whyWeAsk), list)
}

const inputTypes: Record<string, string> = {
  text: 'text',
  email: 'email',
  tel: 'tel',
  url: 'url',
  number: 'number',
  country: 'text',
}

/**
 * One planned field as plain DOM: label, control, help, "Why do we ask?" and an error slot.
 * The element carries `data-field` so the gate can find its answer and show its error.
 */
export function renderField(planned: PlannedField, ctx: FieldContext): HTMLElement {
  const { field } = planned
  const id = `${ctx.idPrefix}-${field.id}`
  const label = localize(field.label, ctx.locale, ctx.config)
  const optional = field.required === false ? ` ${ctx.words.optional}` : ''
  const help = field.help
    ? h('p', { class: 'help', id: `${id}-help` }, localize(field.help, ctx.locale, ctx.config))
    : null
  const error = h('p', { class: 'error', id: `${id}-error`, hidden: true })
  const describedBy = help ? `${id}-help` : undefined
  const options = (field.options ?? []).map((option) => ({
    value: option.value,
    label: localize(option.label, ctx.locale, ctx.config),
  }))
  const wrapper = h('div', { class: 'field', 'data-field': field.id })

  if (field.type === 'radio' || field.type === 'multiselect') {
    const chosen = Array.isArray(ctx.value) ? ctx.value : [ctx.value]
    const group = h(
      'fieldset',
      { id, 'aria-describedby': describedBy },
      h('legend', {}, label + optional),
    )
    options.forEach((option, index) => {
      const optionId = `${id}-${index}`
      group.append(
        h(
          'div',
          { class: 'option' },
          h('input', {
            type: field.type === 'radio' ? 'radio' : 'checkbox',
            id: optionId,
            name: field.id,
            value: option.value,
            checked: chosen.includes(option.value),
          }),
          h('label', { for: optionId }, option.label),
        ),
      )
    })
    wrapper.append(group, ...[help, whyWeAsk(planned, ctx), error].filter((n) => n !== null))
    return wrapper
  }

  if (field.type === 'checkbox') {
    wrapper.append(
      h(
        'div',
        { class: 'option' },
        h('input', { type: 'checkbox', id, name: field.id, checked: ctx.value === true }),
        h('label', { for: id }, label + optional),
      ),
      ...[help, whyWeAsk(planned, ctx), error].filter((n) => n !== null),
    )
    return wrapper
  }

  let control: HTMLElement
  if (field.type === 'select') {
    const select = h('select', { id, name: field.id, 'aria-describedby': describedBy })
    select.append(h('option', { value: '' }, ctx.words.choose))
    for (const option of options) {
      select.append(
        h('option', { value: option.value, selected: ctx.value === option.value }, option.label),
      )
    }
    control = select
  } else if (field.type === 'textarea') {
    const textarea = h('textarea', {
      id,
      name: field.id,
      rows: '4',
      'aria-describedby': describedBy,
    })
    textarea.value = typeof ctx.value === 'string' ? ctx.value : ''
    control = textarea
  } else {
    const input = h('input', {
      id,
      name: field.id,
      type: inputTypes[field.type] ?? 'text',
      autocomplete: field.autocomplete ?? (field.type === 'country' ? 'country-name' : undefined),
      placeholder: field.placeholder
        ? localize(field.placeholder, ctx.locale, ctx.config)
        : undefined,
      'aria-describedby': describedBy,
    })
    input.value = ctx.value === undefined ? '' : String(ctx.value)
    control = input
  }
  // The error comes before the control, next to the label, as screen readers meet it.
  wrapper.append(
    h('label', { for: id }, label + optional),
    ...[help, error, control, whyWeAsk(planned, ctx)].filter((n) => n !== null),
  )
  return wrapper
}

/** The answer in a rendered field, typed as the core expects it (empty means no answer). */
export function readField(wrapper: Element, planned: PlannedField): FieldValue | undefined {
  const { type } = planned.field
  if (type === 'radio') {
    return wrapper.querySelector<HTMLInputElement>('input:checked')?.value
  }
  if (type === 'multiselect') {
    return [...wrapper.querySelectorAll<HTMLInputElement>('input:checked')].map((i) => i.value)
  }
  if (type === 'checkbox') {
    return wrapper.querySelector<HTMLInputElement>('input')?.checked ?? false
  }
  const control = wrapper.querySelector<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>(
    'input, select, textarea',
  )
  const raw = control?.value ?? ''
  if (raw.trim() === '') return undefined
  if (type === 'number') {
    const number = Number(raw)
    return Number.isFinite(number) ? number : raw
  }
  return raw
}

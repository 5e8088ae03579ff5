import type { FieldValue } from '@trickle/core'

// What the form control does with the native inputs it binds: write a value into one, and tell
// whether one already holds an answer. Inputs of UI kits that are no native element are left alone.

export type NativeInput = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement
export const isNativeInput = (element: unknown): element is NativeInput =>
  element instanceof HTMLInputElement ||
  element instanceof HTMLSelectElement ||
  element instanceof HTMLTextAreaElement

/** Shows `value` in a native input (a box is ticked when the value names it). */
export function show(element: HTMLElement, value: FieldValue | boolean | undefined): void {
  if (!isNativeInput(element)) return
  if (element instanceof HTMLInputElement && /^(checkbox|radio)$/.test(element.type)) {
    element.checked = Array.isArray(value)
      ? value.includes(element.value)
      : typeof value === 'boolean'
        ? value
        : value === element.value
    return
  }
  element.value = value === undefined || value === null ? '' : String(value)
}

export const isEmpty = (value: unknown): boolean =>
  value === undefined ||
  value === '' ||
  value === false ||
  (Array.isArray(value) && value.length === 0)

/** The input holds an answer of its own: text, a choice, a ticked box. */
export function holdsAnswer(element: HTMLElement): boolean {
  if (!isNativeInput(element)) return false
  if (element instanceof HTMLInputElement && /^(checkbox|radio)$/.test(element.type)) {
    return element.checked
  }
  return element.value !== ''
}

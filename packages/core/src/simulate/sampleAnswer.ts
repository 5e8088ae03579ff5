import type { Field, FieldValue } from '../types'

/**
 * A plausible answer for a field, so a simulated journey (`trickle simulate`, the studio's preview) can walk through visits without an
 * answers file. Options take their first value; numbers their minimum.
 */
export function sampleAnswer(field: Field): FieldValue {
  const first = field.options?.[0]?.value ?? 'option'
  switch (field.type) {
    case 'email':
      return 'visitor@example.com'
    case 'tel':
      return '+49 30 1234567'
    case 'url':
      return 'https://example.com'
    case 'number':
      return field.min ?? 1
    case 'select':
    case 'radio':
      return first
    case 'multiselect':
      return [first]
    case 'checkbox':
      return true
    case 'country':
      return 'DE'
    case 'text':
    case 'textarea': {
      const text = `Sample ${field.id}`
      return text.length < (field.minLength ?? 0) ? text.padEnd(field.minLength ?? 0, '.') : text
    }
  }
}

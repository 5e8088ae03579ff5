import { localize, type Field, type Text } from '@trickle/core'
import { memo, useMemo, type ComponentType } from 'react'
import type { FieldProps } from './components'
import { countryOptions } from './countries'
import type { FormControl } from './formControl'
import { useErrorMessage } from './useFormErrors'
import { useTrickle } from './useTrickle'

export interface FieldRowProps {
  field: Field
  /** Prefix of the DOM ids of this form instance. */
  idPrefix: string
  form: FormControl
}

/**
 * One planned field, rendered through `components[field.type]`. Memoised and subscribed to its
 * own error only, so typing elsewhere does not re-render it. Never shows a known value: the
 * form starts empty and known fields are not planned.
 */
export const FieldRow = memo(function FieldRow({ field, idPrefix, form }: FieldRowProps) {
  const { trickle, locale, messages, components } = useTrickle()
  const { config } = trickle
  const text = (value: Text) => localize(value, locale, config)
  const name = `values.${field.id}` as const
  const error = useErrorMessage(form, field.id) || undefined
  const id = `${idPrefix}-${field.id}`
  const helpId = `${id}-help`
  const errorId = `${id}-error`
  const help = field.help && text(field.help)
  const options = useMemo(
    () =>
      field.type === 'country' && !field.options
        ? countryOptions(locale)
        : (field.options ?? []).map(({ value, label }) => ({
            value,
            label: localize(label, locale, config),
          })),
    [field, locale, config],
  )
  const describedBy = [help && helpId, error && errorId].filter(Boolean).join(' ') || undefined
  // Each type's component gets its own props; the row renders whichever type the field has.
  const Component = components[field.type] as ComponentType<FieldProps>
  const WhyWeAsk = components.whyWeAsk
  return (
    <Component
      field={field}
      name={name}
      id={id}
      label={text(field.label)}
      help={help}
      placeholder={field.placeholder && text(field.placeholder)}
      options={options}
      required={field.required}
      error={error}
      helpId={helpId}
      errorId={errorId}
      describedBy={describedBy}
      why={<WhyWeAsk config={config} field={field} locale={locale} messages={messages} />}
      registration={form.register(name)}
      control={form}
      messages={messages}
    />
  )
})

import { localize, type Field, type Purpose } from '@trickle/core'
import { memo, useMemo } from 'react'
import { useFormState, type UseFormReturn } from 'react-hook-form'
import type { LocalizedOption, TrickleFormValues } from './components'
import { countryOptions } from './countries'
import { useTrickle } from './useTrickle'
import { WhyWeAsk } from './WhyWeAsk'

export interface FieldRowProps {
  field: Field
  /** Prefix of the DOM ids of this form instance. */
  idPrefix: string
  form: UseFormReturn<TrickleFormValues>
}

/**
 * One planned field, rendered through `components[field.type]`. Memoised and subscribed to its
 * own error only, so typing elsewhere does not re-render it. Never shows a known value: the
 * form starts empty and known fields are not planned.
 */
export const FieldRow = memo(function FieldRow({ field, idPrefix, form }: FieldRowProps) {
  const { trickle, locale, messages, components } = useTrickle()
  const { config } = trickle
  const name = `values.${field.id}` as const
  const { errors } = useFormState({ control: form.control, name, exact: true })
  const error = errors.values?.[field.id]?.message
  const id = `${idPrefix}-${field.id}`
  const helpId = `${id}-help`
  const errorId = `${id}-error`
  const help = field.help === undefined ? undefined : localize(field.help, locale, config)
  const options = useMemo<LocalizedOption[]>(
    () =>
      field.type === 'country' && field.options === undefined
        ? countryOptions(locale)
        : (field.options ?? []).map((option) => ({
            value: option.value,
            label: localize(option.label, locale, config),
          })),
    [field, locale, config],
  )
  const describedBy = [help ? helpId : null, error ? errorId : null].filter(Boolean).join(' ')
  const Component = components[field.type]
  return (
    <Component
      field={field}
      name={name}
      id={id}
      label={localize(field.label, locale, config)}
      help={help}
      placeholder={
        field.placeholder === undefined ? undefined : localize(field.placeholder, locale, config)
      }
      options={options}
      required={field.required}
      error={typeof error === 'string' && error !== '' ? error : undefined}
      helpId={helpId}
      errorId={errorId}
      describedBy={describedBy || undefined}
      why={<WhyWeAsk config={config} field={field} locale={locale} messages={messages} />}
      registration={form.register(name)}
      control={form.control}
      messages={messages}
    />
  )
})

export interface ConsentRowProps {
  purpose: Purpose
  idPrefix: string
  form: UseFormReturn<TrickleFormValues>
}

/** One offered consent through `components.consent`: unticked until the visitor ticks it. */
export const ConsentRow = memo(function ConsentRow({ purpose, idPrefix, form }: ConsentRowProps) {
  const { trickle, locale, messages, components } = useTrickle()
  const { config } = trickle
  const name = `consents.${purpose.id}` as const
  const id = `${idPrefix}-consent-${purpose.id}`
  const privacy = config.links?.privacy
  const Consent = components.consent
  return (
    <Consent
      purpose={purpose}
      name={name}
      id={id}
      label={localize(purpose.label, locale, config)}
      text={purpose.text === undefined ? '' : localize(purpose.text, locale, config)}
      textId={`${id}-text`}
      privacyHref={privacy === undefined ? undefined : localize(privacy, locale, config)}
      registration={form.register(name)}
      control={form.control}
      messages={messages}
    />
  )
})

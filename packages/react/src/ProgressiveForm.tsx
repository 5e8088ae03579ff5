import { localize, type FormSession, type Text } from '@trickle/core'
import { useEffect, useId, useRef } from 'react'
import { FieldRow } from './FieldRow'
import type { FormControl } from './formControl'
import { NotYou } from './NotYou'
import type { FormId } from './register'
import { hasForm, UnknownForm } from './UnknownForm'
import { useFormErrors } from './useFormErrors'
import { useFormBinding, type SubmitSuccess } from './useProgressiveForm'
import { useTrickle } from './useTrickle'

export interface ProgressiveFormProps {
  /** A form of the config; an unknown id renders a development message, in production nothing. */
  formId: FormId
  /** Called after a successful submission. */
  onSubmitted?: (result: SubmitSuccess) => void
  /** The submit button's label; default `messages.submit`. */
  submitLabel?: string
  className?: string
  /** A session a parent created (e.g. `useGatedDownload().session`). */
  session?: FormSession
}

interface StatusMessageProps {
  form: FormControl
  /** What the submit status says (success, a failed sending), or ''. */
  text: string
  success: boolean
  invalidText: string
}

/** The polite live region: success, a failed sending, or invalid answers. Always rendered. */
function StatusMessage({ form, text, success, invalidText }: StatusMessageProps) {
  const errors = useFormErrors(form)
  const invalid = Object.keys(errors.fields).length > 0 || errors.form.length > 0
  const shown = text || (invalid ? invalidText : '')
  const ref = useRef<HTMLDivElement>(null)
  useEffect(() => {
    // The form (and the focused button) is gone after success: keep the focus on the message.
    if (success) ref.current?.focus()
  }, [success])
  return (
    <div
      className="trickle-status"
      ref={ref}
      role="status"
      tabIndex={-1}
      data-trickle-tone={success ? 'success' : shown ? 'error' : undefined}
    >
      {shown}
    </div>
  )
}

/**
 * The default progressive form: the planned fields with labels, help and a "Why do we ask?"
 * disclosure, the offered consents as unticked checkboxes, an error summary and a live region.
 * Every part can be replaced through the provider's `components`.
 */
export function ProgressiveForm(props: ProgressiveFormProps) {
  const { trickle } = useTrickle()
  return hasForm(trickle.config, props.formId) ? (
    <KnownForm {...props} />
  ) : (
    <UnknownForm formId={props.formId} component="ProgressiveForm" />
  )
}

function KnownForm({ formId, onSubmitted, submitLabel, className, session }: ProgressiveFormProps) {
  const { components } = useTrickle()
  const { plan, form, submit, status, error, known, startOver, config, locale, messages } =
    useFormBinding(formId, { ...(onSubmitted && { onSubmitted }), ...(session && { session }) })
  const text = (value: Text) => localize(value, locale, config)
  const privacy = config.links?.privacy
  const idPrefix = `trickle-${formId}${useId().replace(/[^A-Za-z0-9_-]/g, '')}`
  const busy = status === 'submitting'
  const success = status === 'success'
  // A failed sending keeps the answers: the button retries.
  const failures: Partial<Record<string, string>> = {
    transport: messages.transportError,
    timeout: messages.timeoutError,
    'plan-changed': messages.planChanged,
  }
  const failure = (status === 'error' && error && failures[error.code]) || ''
  const {
    layout: Layout,
    submit: Submit,
    consent: Consent,
    errorSummary: ErrorSummary,
  } = components

  return (
    <div
      className={className ? `trickle ${className}` : 'trickle'}
      data-trickle-form={formId}
      data-trickle-status={status}
    >
      {success ? null : (
        <form className="trickle-form" noValidate aria-busy={busy} onSubmit={submit}>
          <Layout
            formId={formId}
            notYou={known ? <NotYou messages={messages} onStartOver={startOver} /> : null}
            errorSummary={<ErrorSummary plan={plan} form={form} idPrefix={idPrefix} />}
            fields={plan.fields.map(({ id, field }) => (
              <FieldRow key={id} field={field} idPrefix={idPrefix} form={form} />
            ))}
            consents={
              plan.consents.length === 0 ? null : (
                <fieldset className="trickle-consents">
                  <legend className="trickle-label">{messages.consentsLegend}</legend>
                  {plan.consents.map(({ purposeId, purpose }) => {
                    // Offered unticked, through `components.consent`.
                    const name = `consents.${purposeId}` as const
                    const id = `${idPrefix}-consent-${purposeId}`
                    return (
                      <Consent
                        key={purposeId}
                        purpose={purpose}
                        name={name}
                        id={id}
                        label={text(purpose.label)}
                        text={text(purpose.text ?? '')}
                        textId={`${id}-text`}
                        privacyHref={privacy && text(privacy)}
                        registration={form.register(name)}
                        control={form}
                        messages={messages}
                      />
                    )
                  })}
                </fieldset>
              )
            }
            submit={
              <Submit
                status={status}
                busy={busy}
                label={
                  busy
                    ? messages.submitting
                    : failure
                      ? messages.retry
                      : (submitLabel ?? messages.submit)
                }
                messages={messages}
              />
            }
          />
        </form>
      )}
      <StatusMessage
        form={form}
        text={success ? messages.success : failure}
        success={success}
        invalidText={messages.invalidAnnouncement}
      />
    </div>
  )
}

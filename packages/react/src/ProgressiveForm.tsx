import type { SubmitStatus, TrickleError } from '@trickle/core'
import { useEffect, useId, useRef } from 'react'
import { useFormState, type UseFormReturn } from 'react-hook-form'
import type { TrickleFormValues } from './components'
import { ErrorSummary } from './ErrorSummary'
import { ConsentRow, FieldRow } from './FieldRow'
import type { Messages } from './messages'
import { NotYou } from './NotYou'
import { useProgressiveForm, type SubmitSuccess } from './useProgressiveForm'
import { useTrickle } from './useTrickle'

export interface ProgressiveFormProps {
  formId: string
  /** Called after a successful submission. */
  onSubmitted?: (result: SubmitSuccess) => void
  /** The submit button's label; default `messages.submit`. */
  submitLabel?: string
  className?: string
}

interface StatusMessageProps {
  form: UseFormReturn<TrickleFormValues>
  status: SubmitStatus
  error: TrickleError | null
  messages: Messages
}

/** The polite live region: invalid answers, a failed sending, or success. Always rendered. */
function StatusMessage({ form, status, error, messages }: StatusMessageProps) {
  const { errors, submitCount } = useFormState({ control: form.control })
  const ref = useRef<HTMLDivElement>(null)
  const failed = status === 'error' && (error?.code === 'transport' || error?.code === 'timeout')
  const text =
    status === 'success'
      ? messages.success
      : failed
        ? error.code === 'timeout'
          ? messages.timeoutError
          : messages.transportError
        : submitCount > 0 && Object.keys(errors).length > 0
          ? messages.invalidAnnouncement
          : ''
  useEffect(() => {
    // The form (and the focused button) is gone after success: keep the focus on the message.
    if (status === 'success') ref.current?.focus()
  }, [status])
  return (
    <div
      className="trickle-status"
      ref={ref}
      role="status"
      tabIndex={-1}
      data-trickle-tone={status === 'success' ? 'success' : text === '' ? undefined : 'error'}
    >
      {text}
    </div>
  )
}

/**
 * The default progressive form: the planned fields with labels, help and a "Why do we ask?"
 * disclosure, the offered consents as unticked checkboxes, an error summary and a live region.
 * Every part can be replaced through the provider's `components`.
 */
export function ProgressiveForm({
  formId,
  onSubmitted,
  submitLabel,
  className,
}: ProgressiveFormProps) {
  const { components } = useTrickle()
  const api = useProgressiveForm(formId, onSubmitted ? { onSubmitted } : {})
  const { plan, form, status, error, messages } = api
  const idPrefix = `trickle-${formId}${useId().replace(/[^A-Za-z0-9_-]/g, '')}`
  const busy = status === 'submitting'
  const failed = status === 'error' && (error?.code === 'transport' || error?.code === 'timeout')
  const Layout = components.layout
  const Submit = components.submit

  return (
    <div
      className={className ? `trickle ${className}` : 'trickle'}
      data-trickle-form={formId}
      data-trickle-status={status}
    >
      {status === 'success' ? null : (
        <form className="trickle-form" noValidate aria-busy={busy} onSubmit={api.submit}>
          <Layout
            formId={formId}
            notYou={api.known ? <NotYou messages={messages} onStartOver={api.startOver} /> : null}
            errorSummary={<ErrorSummary plan={plan} form={form} idPrefix={idPrefix} />}
            fields={plan.fields.map(({ id, field }) => (
              <FieldRow key={id} field={field} idPrefix={idPrefix} form={form} />
            ))}
            consents={
              plan.consents.length === 0 ? null : (
                <fieldset className="trickle-consents">
                  <legend className="trickle-label">{messages.consentsLegend}</legend>
                  {plan.consents.map(({ purposeId, purpose }) => (
                    <ConsentRow key={purposeId} purpose={purpose} idPrefix={idPrefix} form={form} />
                  ))}
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
                    : failed
                      ? messages.retry
                      : (submitLabel ?? messages.submit)
                }
                messages={messages}
              />
            }
          />
        </form>
      )}
      <StatusMessage form={form} status={status} error={error} messages={messages} />
    </div>
  )
}

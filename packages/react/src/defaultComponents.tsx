import type {
  AnyFieldComponents,
  ConsentProps,
  LayoutProps,
  SubmitProps,
  TrickleComponents,
} from './components'
import { defaultFieldComponents } from './defaultFields'
import { DownloadLinks, SuccessView } from './defaultGateComponents'
import { ErrorSummary } from './ErrorSummary'
import { WhyWeAsk } from './WhyWeAsk'

/** An unticked checkbox per purpose: the label, the full text and the privacy policy link. */
function ConsentCheckbox(props: ConsentProps) {
  return (
    <div className="trickle-consent" data-trickle-consent={props.purpose.id}>
      <div className="trickle-option">
        <input
          {...props.registration}
          className="trickle-checkbox"
          id={props.id}
          type="checkbox"
          aria-describedby={props.textId}
        />
        <label className="trickle-label" htmlFor={props.id}>
          {props.label}
        </label>
      </div>
      <p className="trickle-consent-text" id={props.textId}>
        {props.text}
        {props.privacyHref ? (
          <>
            {' '}
            <a className="trickle-privacy-link" href={props.privacyHref}>
              {props.messages.privacyPolicy}
            </a>
          </>
        ) : null}
      </p>
    </div>
  )
}

/** Stays focusable while sending (`aria-disabled`); the form ignores a second submit. */
function SubmitButton({ busy, status, label }: SubmitProps) {
  return (
    <button
      className="trickle-submit"
      type="submit"
      aria-disabled={busy ? true : undefined}
      data-trickle-status={status}
    >
      {label}
    </button>
  )
}

function FormLayout(props: LayoutProps) {
  return (
    <>
      {props.notYou}
      {props.errorSummary}
      {props.fields}
      {props.consents}
      {props.submit}
    </>
  )
}

/** The built-in parts; their field components take any field type. */
export const defaultComponents: Omit<TrickleComponents, keyof AnyFieldComponents> &
  AnyFieldComponents = {
  ...defaultFieldComponents,
  consent: ConsentCheckbox,
  submit: SubmitButton,
  layout: FormLayout,
  download: DownloadLinks,
  success: SuccessView,
  errorSummary: ErrorSummary,
  whyWeAsk: WhyWeAsk,
}

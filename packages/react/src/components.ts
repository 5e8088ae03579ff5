import type { Field, FieldType, FieldValue, GateState, Purpose, SubmitStatus } from '@trickle/core'
import type { ComponentType, ReactNode, Ref } from 'react'
import type { ErrorSummaryProps } from './ErrorSummary'
import type { FieldRegistration, FormControl } from './formControl'
import type { Messages } from './messages'
import type { WhyWeAskProps } from './WhyWeAsk'

/** The answers in progress of a progressive form: answers by field id, consents by purpose id. */
export interface TrickleFormValues {
  values: Record<string, FieldValue | undefined>
  consents: Record<string, boolean | undefined>
}

/** The name of an answer or a consent in the form (`values.email`, `consents.newsletter`). */
export type TrickleFieldName = `values.${string}` | `consents.${string}`

export interface LocalizedOption {
  value: string
  label: string
}

/** The answer a field type holds: a select's is a string, a multiselect's a list of them. */
export interface FieldValueByType {
  text: string
  email: string
  tel: string
  url: string
  number: number
  textarea: string
  select: string
  radio: string
  multiselect: string[]
  checkbox: boolean
  country: string
}

/** The answer of a field of type `Type`. */
export type FieldValueOf<Type extends FieldType> = FieldValueByType[Type]

/**
 * What a field component receives, typed per field type (`FieldProps<'select'>`: `field.type`
 * is `'select'`, its answer a `FieldValueOf<'select'>`). Native inputs spread `registration`;
 * controlled UI kit inputs pass `control` and `name` to `useFieldController`.
 */
export interface FieldProps<Type extends FieldType = FieldType> {
  field: Field & { type: Type }
  /** The form's name of the answer, e.g. `values.email`. */
  name: `values.${string}`
  /** The DOM id of the input (of the fieldset for radio and multiselect groups). */
  id: string
  label: string
  help: string | undefined
  placeholder: string | undefined
  /** Localized options of select, radio, multiselect and country fields. */
  options: LocalizedOption[]
  required: boolean
  /** The validation message, when the answer is invalid. */
  error: string | undefined
  helpId: string
  errorId: string
  /** Ids for `aria-describedby`: the help and the error, when shown. */
  describedBy: string | undefined
  /** The "Why do we ask?" disclosure, to be placed with the field. */
  why: ReactNode
  registration: FieldRegistration<`values.${string}`>
  control: FormControl
  messages: Messages
}

export interface ConsentProps {
  purpose: Purpose
  name: `consents.${string}`
  id: string
  label: string
  /** The full consent text, shown next to the checkbox. */
  text: string
  textId: string
  /** The localized privacy policy link, when the config has one. */
  privacyHref: string | undefined
  registration: FieldRegistration<`consents.${string}`>
  control: FormControl
  messages: Messages
}

export interface SubmitProps {
  status: SubmitStatus
  /** True while a submission is on its way: the button must not send again. */
  busy: boolean
  label: string
  messages: Messages
}

/** The parts of a form, already rendered, for a layout to arrange (the live region stays outside). */
export interface LayoutProps {
  formId: string
  /** The "Not you? Start over" line, or null for an unknown visitor. */
  notYou: ReactNode
  errorSummary: ReactNode
  fields: ReactNode
  consents: ReactNode
  submit: ReactNode
}

/** The download of an unlocked gate (by default a button and a link). */
export interface DownloadProps {
  formId: string
  /** The asset's title, for the labels. */
  title: string
  href: string
  /** In one-click mode following the link records the download; otherwise undefined. */
  onDownload: (() => void) | undefined
  /** For the button: it gets the focus when the form gives way to the download. */
  buttonRef: Ref<HTMLAnchorElement>
  messages: Messages
}

/** What a gate shows instead of the form: the download and what a person can do next. */
export interface SuccessProps {
  formId: string
  gate: Exclude<GateState, 'form'>
  /** The rendered `download` slot. */
  download: ReactNode
  /** Kiosk mode: hands the screen to the next person; otherwise null. */
  onNextVisitor: (() => void) | null
  /** A recognised visitor (not in kiosk mode): "Not you? Start over"; otherwise null. */
  onStartOver: (() => void) | null
  messages: Messages
}

/**
 * A component per field type: one typed for its type (`FieldProps<'select'>`), or one for any
 * type (`FieldProps`), such as the defaults.
 */
export type FieldComponents = {
  [Type in FieldType]: ComponentType<FieldProps<Type>> | ComponentType<FieldProps>
}

/** Field components that take any field type (the defaults are such). */
export type AnyFieldComponents = { [Type in FieldType]: ComponentType<FieldProps> }

/** Every replaceable part. Pass some of them to `TrickleProvider` (`components`). */
export interface TrickleComponents extends FieldComponents {
  consent: ComponentType<ConsentProps>
  submit: ComponentType<SubmitProps>
  layout: ComponentType<LayoutProps>
  download: ComponentType<DownloadProps>
  success: ComponentType<SuccessProps>
  errorSummary: ComponentType<ErrorSummaryProps>
  whyWeAsk: ComponentType<WhyWeAskProps>
}

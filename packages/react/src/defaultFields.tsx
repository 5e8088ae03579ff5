import type { ReactNode } from 'react'
import type { AnyFieldComponents, FieldProps } from './components'

/** The label text, marked "(optional)" when the field is not required. */
function title({ label, required, messages }: FieldProps) {
  return (
    <>
      {label}
      {required ? null : <span className="trickle-optional"> {messages.optional}</span>}
    </>
  )
}

function labelOf(props: FieldProps) {
  return (
    <label className="trickle-label" htmlFor={props.id}>
      {title(props)}
    </label>
  )
}

/**
 * A field: `head` (default: the label), the help and the error, `children` (the control) and
 * "Why do we ask?". Radio and multiselect groups are a `<fieldset>` (`group`).
 */
function Shell({
  props,
  head = labelOf(props),
  group = false,
  children,
}: {
  props: FieldProps
  head?: ReactNode
  group?: boolean
  children?: ReactNode
}) {
  const { field, error } = props
  const Tag = group ? 'fieldset' : 'div'
  return (
    <Tag
      className={`trickle-field trickle-field--${field.type}${group ? ' trickle-group' : ''}`}
      id={group ? props.id : undefined}
      aria-describedby={group ? props.describedBy : undefined}
      data-trickle-field={field.id}
      data-trickle-invalid={error ? 'true' : undefined}
    >
      {head}
      {props.help ? (
        <p className="trickle-help" id={props.helpId}>
          {props.help}
        </p>
      ) : null}
      {error ? (
        <p className="trickle-error" id={props.errorId}>
          {error}
        </p>
      ) : null}
      {children}
      {props.why}
    </Tag>
  )
}

/** What every single control (input, textarea, select, checkbox) passes on. */
function controlProps(props: FieldProps) {
  return {
    ...props.registration,
    id: props.id,
    autoComplete: props.field.autocomplete,
    required: props.required,
    'aria-invalid': props.error ? true : undefined,
    'aria-describedby': props.describedBy,
  }
}

/** text, email, tel, url and number: the field type is the input type. */
function Input(props: FieldProps) {
  const { type } = props.field
  return (
    <Shell props={props}>
      <input
        {...controlProps(props)}
        className="trickle-input"
        type={type}
        inputMode={type === 'number' ? 'decimal' : undefined}
        placeholder={props.placeholder}
      />
    </Shell>
  )
}

function Textarea(props: FieldProps) {
  return (
    <Shell props={props}>
      <textarea
        {...controlProps(props)}
        className="trickle-input trickle-textarea"
        rows={4}
        placeholder={props.placeholder}
      />
    </Shell>
  )
}

function Select(props: FieldProps) {
  return (
    <Shell props={props}>
      <select {...controlProps(props)} className="trickle-input trickle-select">
        <option value="">{props.placeholder ?? props.messages.choose}</option>
        {props.options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </Shell>
  )
}

/**
 * Radio buttons, or checkboxes for a multiselect: registered under one name, the ticked boxes
 * give a list of their values (in option order).
 */
function Choices(props: FieldProps) {
  const type = props.field.type === 'radio' ? 'radio' : 'checkbox'
  return (
    <Shell props={props} group head={<legend className="trickle-label">{title(props)}</legend>}>
      <div className="trickle-options">
        {props.options.map((option) => (
          <label className="trickle-option" key={option.value}>
            <input
              {...props.registration}
              className={`trickle-${type}`}
              type={type}
              value={option.value}
              // Every radio button carries it; a multiselect needs one box, not each of them.
              required={type === 'radio' && props.required}
              aria-invalid={props.error ? true : undefined}
            />
            <span>{option.label}</span>
          </label>
        ))}
      </div>
    </Shell>
  )
}

/** One checkbox, its label after it. */
function Checkbox(props: FieldProps) {
  return (
    <Shell
      props={props}
      head={
        <div className="trickle-option">
          <input {...controlProps(props)} className="trickle-checkbox" type="checkbox" />
          {labelOf(props)}
        </div>
      }
    />
  )
}

/** Plain, accessible HTML controls for every field type (unstyled; see styles.css). */
export const defaultFieldComponents: AnyFieldComponents = {
  text: Input,
  email: Input,
  tel: Input,
  url: Input,
  number: Input,
  textarea: Textarea,
  select: Select,
  country: Select,
  radio: Choices,
  multiselect: Choices,
  checkbox: Checkbox,
}

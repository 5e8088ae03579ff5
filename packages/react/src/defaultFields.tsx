import type { ReactNode } from 'react'
import { useController } from 'react-hook-form'
import type { FieldComponents, FieldProps } from './components'

/**
 * Label, help and error around a field: a `<div>` with a `<label>` for one control, a
 * `<fieldset>` with a `<legend>` for radio and checkbox groups (`group`).
 */
function Shell({
  props,
  group = false,
  children,
}: {
  props: FieldProps
  group?: boolean
  children: ReactNode
}) {
  const { field, id, label, help, error, helpId, errorId, required, messages } = props
  const title = (
    <>
      {label}
      {required ? null : <span className="trickle-optional"> {messages.optional}</span>}
    </>
  )
  const notes = (
    <>
      {help ? (
        <p className="trickle-help" id={helpId}>
          {help}
        </p>
      ) : null}
      {error ? (
        <p className="trickle-error" id={errorId}>
          {error}
        </p>
      ) : null}
    </>
  )
  const marks = {
    'data-trickle-field': field.id,
    'data-trickle-invalid': error ? 'true' : undefined,
  }
  return group ? (
    <fieldset
      className={`trickle-field trickle-field--${field.type} trickle-group`}
      id={id}
      aria-describedby={props.describedBy}
      {...marks}
    >
      <legend className="trickle-label">{title}</legend>
      {notes}
      <div className="trickle-options">{children}</div>
      {props.why}
    </fieldset>
  ) : (
    <div className={`trickle-field trickle-field--${field.type}`} {...marks}>
      <label className="trickle-label" htmlFor={id}>
        {title}
      </label>
      {notes}
      {children}
      {props.why}
    </div>
  )
}

/** What every single-control field (input, textarea, select) passes to its control. */
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

const inputTypes = { text: 'text', email: 'email', tel: 'tel', url: 'url', number: 'number' }

function Input(props: FieldProps) {
  const type = props.field.type as keyof typeof inputTypes
  return (
    <Shell props={props}>
      <input
        {...controlProps(props)}
        className="trickle-input"
        type={inputTypes[type]}
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

function Radio(props: FieldProps) {
  return (
    <Shell props={props} group>
      {props.options.map((option) => (
        <label className="trickle-option" key={option.value}>
          <input
            {...props.registration}
            className="trickle-radio"
            type="radio"
            value={option.value}
            required={props.required}
            aria-invalid={props.error ? true : undefined}
          />
          <span>{option.label}</span>
        </label>
      ))}
    </Shell>
  )
}

function Multiselect(props: FieldProps) {
  const { field } = useController({ name: props.name, control: props.control })
  const selected = Array.isArray(field.value) ? field.value : []
  return (
    <Shell props={props} group>
      {props.options.map((option, index) => (
        <label className="trickle-option" key={option.value}>
          <input
            className="trickle-checkbox"
            ref={index === 0 ? field.ref : undefined}
            name={field.name}
            type="checkbox"
            value={option.value}
            checked={selected.includes(option.value)}
            onChange={(event) =>
              field.onChange(
                event.target.checked
                  ? [...selected, option.value]
                  : selected.filter((value) => value !== option.value),
              )
            }
            onBlur={field.onBlur}
            aria-invalid={props.error ? true : undefined}
          />
          <span>{option.label}</span>
        </label>
      ))}
    </Shell>
  )
}

function Checkbox(props: FieldProps) {
  const { field, id, label, help, error, helpId, errorId, required, messages } = props
  return (
    <div
      className="trickle-field trickle-field--checkbox"
      data-trickle-field={field.id}
      data-trickle-invalid={error ? 'true' : undefined}
    >
      <div className="trickle-option">
        <input
          {...props.registration}
          className="trickle-checkbox"
          id={id}
          type="checkbox"
          required={required}
          aria-invalid={error ? true : undefined}
          aria-describedby={props.describedBy}
        />
        <label className="trickle-label" htmlFor={id}>
          {label}
          {required ? null : <span className="trickle-optional"> {messages.optional}</span>}
        </label>
      </div>
      {help ? (
        <p className="trickle-help" id={helpId}>
          {help}
        </p>
      ) : null}
      {error ? (
        <p className="trickle-error" id={errorId}>
          {error}
        </p>
      ) : null}
      {props.why}
    </div>
  )
}

/** Plain, accessible HTML controls for every field type (unstyled; see styles.css). */
export const defaultFieldComponents: FieldComponents = {
  text: Input,
  email: Input,
  tel: Input,
  url: Input,
  number: Input,
  textarea: Textarea,
  select: Select,
  country: Select,
  radio: Radio,
  multiselect: Multiselect,
  checkbox: Checkbox,
}

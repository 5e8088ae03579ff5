import { useForm } from '@tanstack/react-form'
import type { ZodType } from 'zod'

type FieldName = 'email' | 'firstName' | 'company' | 'companySize'

/** The four fields with TanStack Form; `schemas` holds one zod schema per field. */
export function TanstackForm({ schemas }: { schemas: Record<FieldName, ZodType<string, string>> }) {
  const form = useForm({
    defaultValues: { email: '', firstName: '', company: '', companySize: '' },
    onSubmit: ({ value }) => console.log(value),
  })
  const text = (name: 'email' | 'firstName' | 'company', label: string) => (
    <form.Field name={name} validators={{ onChange: schemas[name] }}>
      {(field) => (
        <label>
          {label}
          <input
            name={field.name}
            value={field.state.value}
            onBlur={field.handleBlur}
            onChange={(event) => field.handleChange(event.target.value)}
          />
          {field.state.meta.errors.map((error) => (
            <em key={String(error?.message)}>{error?.message}</em>
          ))}
        </label>
      )}
    </form.Field>
  )
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault()
        void form.handleSubmit()
      }}
    >
      {text('email', 'Business e-mail')}
      {text('firstName', 'First name')}
      {text('company', 'Company')}
      <form.Field name="companySize" validators={{ onChange: schemas.companySize }}>
        {(field) => (
          <label>
            Company size
            <select
              value={field.state.value}
              onChange={(event) => field.handleChange(event.target.value)}
            >
              <option value="small">1-49</option>
              <option value="medium">50-499</option>
              <option value="large">500+</option>
            </select>
          </label>
        )}
      </form.Field>
      <button type="submit">Send</button>
    </form>
  )
}

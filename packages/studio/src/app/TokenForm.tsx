import { useId, useState } from 'react'
import type { StudioMessages } from './messages'

interface TokenFormProps {
  t: StudioMessages
  /** Why the last token did not work ('' for none). */
  error: string
  onToken: (token: string) => void
}

/** Server mode: the admin token, asked before anything is read from the admin API. */
export function TokenForm({ t, error, onToken }: TokenFormProps) {
  const id = useId()
  const [value, setValue] = useState('')
  return (
    <section className="token" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{t.tokenHeading}</h2>
      <p>{t.tokenIntro}</p>
      <form
        onSubmit={(event) => {
          event.preventDefault()
          if (value.trim()) onToken(value.trim())
        }}
      >
        <label htmlFor={`${id}-token`}>{t.tokenLabel}</label>
        <input
          id={`${id}-token`}
          type="password"
          autoComplete="off"
          spellCheck={false}
          value={value}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          onChange={(event) => setValue(event.target.value)}
        />
        <button type="submit">{t.tokenUse}</button>
      </form>
      {error && (
        <p id={`${id}-error`} role="alert" className="token-error">
          {error}
        </p>
      )}
    </section>
  )
}

import type { Config } from '@trickle/core'
import { useEffect } from 'react'
import { useTrickle } from './useTrickle'

// Replaced by bundlers: the explanation stays out of production builds.
declare const process: { env: { NODE_ENV?: string } }

/** The config defines a form with this id. */
export function hasForm(config: Config, formId: string): boolean {
  return config.forms.some((form) => form.id === formId)
}

export interface UnknownFormProps {
  formId: string
  /** The component that was given the id, e.g. `GatedDownload`. */
  component: string
}

/**
 * Stands in for a form whose id the config does not define, so a typo never takes the page
 * down: in development a message says what is wrong; in production nothing is rendered. Both
 * report it once through `onEvent` (`unknown-form`).
 */
export function UnknownForm({ formId, component }: UnknownFormProps) {
  const { trickle } = useTrickle()
  useEffect(() => trickle.reportUnknownForm(formId), [trickle, formId])
  if (process.env.NODE_ENV === 'production') return null
  const known = trickle.config.forms.map((form) => JSON.stringify(form.id)).join(', ') || '(none)'
  return (
    <div className="trickle-config-error" role="alert" data-trickle-error="unknown-form">
      {`Trickle: <${component} formId=${JSON.stringify(formId)}>: the config has no such form. Known forms: ${known}.`}
    </div>
  )
}

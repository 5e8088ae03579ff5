import type { Config } from '@trickle/core'
import type { StudioApi } from '../studioApi'
import type { StudioLocale, StudioMessages } from './messages'

interface ReportSectionProps {
  api: StudioApi | null
  config: Config | null
  locale: StudioLocale
  t: StudioMessages
  /** Previews the config with a form's fields in this order. */
  onPreview: (formId: string, sequence: string[]) => void
  /** Rewrites the form's sequence in the editor (undoable, not saved). */
  onAccept: (formId: string, sequence: string[]) => void
}

/** The report tab: the funnel and the value-per-friction panel, or how to connect a server. */
export function ReportSection({ api }: ReportSectionProps) {
  if (!api) return <p className="report-none">…</p>
  return null
}

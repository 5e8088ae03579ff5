import type { Config } from '@trickle/core'
import { downloadTtlMs, type ServerContext } from './serverContext'

/** A short-lived link to a form's gated file. */
export interface DownloadLink {
  /** Server-relative, e.g. `/v1/assets/whitepaper?token=...`. */
  url: string
  expiresAt: string
}

/** How a download was unlocked: by a submission, or with one click by a known visitor (open gate). */
export type DownloadVia = 'form' | 'open-gate'

/** A signed link for the form's file, or null when the form has none. */
export function downloadLink(
  ctx: Pick<ServerContext, 'assets' | 'signer'>,
  formId: string,
  via: DownloadVia,
  now: Date,
): DownloadLink | null {
  if (!ctx.assets.has(formId)) return null
  const expiresAt = new Date(now.getTime() + downloadTtlMs)
  const token = ctx.signer.seal('download', { f: formId, via }, expiresAt)
  return {
    url: `/v1/assets/${formId}?token=${encodeURIComponent(token)}`,
    expiresAt: expiresAt.toISOString(),
  }
}

/** The form's `openGate` setting (default true). */
export function opensGate(config: Config, formId: string): boolean {
  return config.forms.find((form) => form.id === formId)?.openGate !== false
}

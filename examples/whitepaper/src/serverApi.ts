import { apiBase } from './siteTrickle'

/**
 * The few calls the site makes to the Trickle server besides submissions (which go through the
 * core's `httpTransport`). Every response is `unknown` until checked here.
 */

export class ServerError extends Error {
  override name = 'ServerError'
  readonly status: number
  constructor(status: number, message: string) {
    super(message)
    this.status = status
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

async function call(path: string, init: RequestInit = {}): Promise<unknown> {
  let response: Response
  try {
    response = await fetch(`${apiBase}${path}`, {
      credentials: 'same-origin',
      ...init,
      headers: { accept: 'application/json', ...init.headers },
    })
  } catch {
    throw new ServerError(0, 'The Trickle server could not be reached.')
  }
  const data: unknown = await response.json().catch(() => undefined)
  if (!response.ok) {
    const message = isRecord(data) && typeof data['message'] === 'string' ? data['message'] : ''
    throw new ServerError(response.status, message || `HTTP ${response.status}`)
  }
  return data
}

/** True when a Trickle server answers behind `/api` within `timeoutMs`. */
export async function detectServer(timeoutMs = 1500): Promise<boolean> {
  try {
    const data = await call('/healthz', { signal: AbortSignal.timeout(timeoutMs) })
    return isRecord(data) && data['ok'] === true
  } catch {
    return false
  }
}

/**
 * The server's one-click link for a form whose plan is complete (open gate), or null when the
 * server still has something to ask. The link carries a short-lived download token.
 */
export async function fetchOpenGateLink(formId: string): Promise<string | null> {
  const data = await call(`/v1/plan?form=${encodeURIComponent(formId)}`)
  const download = isRecord(data) ? data['download'] : undefined
  const url = isRecord(download) ? download['url'] : undefined
  return typeof url === 'string' && url.startsWith('/v1/') ? `${apiBase}${url}` : null
}

/**
 * `GET /v1/me/export`: everything the server keeps about this browser's visitor, with labels
 * in `locale` (default: the config's first language).
 */
export async function fetchExport(locale?: string): Promise<unknown> {
  const query = locale === undefined ? '' : `?locale=${encodeURIComponent(locale)}`
  return call(`/v1/me/export${query}`)
}

/** `POST /v1/consents/:purpose/withdraw`: records the withdrawal as proof and erases its data. */
export async function withdrawOnServer(purposeId: string): Promise<void> {
  await call(`/v1/consents/${encodeURIComponent(purposeId)}/withdraw`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: '{}',
  })
}

/**
 * `POST /v1/me/forget`: "Not you?" on a shared device. The server drops this browser's visitor
 * cookie and erases nothing, so the next person starts as a new visitor.
 */
export async function forgetOnServer(): Promise<void> {
  await call('/v1/me/forget', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: '{}',
  })
}

/** `DELETE /v1/me`: erases the visitor's data and drops the visitor cookie. */
export async function eraseOnServer(): Promise<void> {
  await call('/v1/me', { method: 'DELETE' })
}

/** `GET /v1/report` with the admin token. */
export async function fetchReport(token: string): Promise<unknown> {
  return call('/v1/report', { headers: { authorization: `Bearer ${token}` } })
}

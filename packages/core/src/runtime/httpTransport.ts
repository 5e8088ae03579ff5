import { isRecord } from '../jsonValue'
import type { SubmissionError, Transport, TransportRequest, TransportResponse } from '../types'

export interface HttpTransportOptions {
  /**
   * Where the Trickle server runs, e.g. `https://forms.example.com`. An empty string sends to
   * the page's own origin (`/v1/submissions`).
   */
  baseUrl: string
  /** The fetch to use (default: the global `fetch`, looked up when sending). */
  fetch?: typeof globalThis.fetch
}

/** Why a submission did not reach the server or was refused by it. */
export class HttpTransportError extends Error {
  override name = 'HttpTransportError'
  /** The HTTP status; 0 when the server could not be reached. */
  readonly status: number
  /** The server's error code (`invalid-submission`, `plan-changed`, `rate-limited`...) or `network`. */
  readonly code: string
  /** Problems per answer, with JSON Pointers such as `/values/email`, when the server sent them. */
  readonly errors: SubmissionError[]

  constructor(status: number, code: string, message: string, errors: SubmissionError[] = []) {
    super(message)
    this.status = status
    this.code = code
    this.errors = errors
  }
}

/** The body `POST /v1/submissions` accepts: the server re-plans and re-validates all of it. */
interface SubmissionBody {
  formId: string
  idempotencyKey: string
  locale: string
  values: Record<string, unknown>
  consents: Record<string, boolean>
}

/**
 * Sends submissions to a Trickle server (`@trickle/server`). The first-party cookie that
 * recognises the visitor travels along (`credentials: 'include'`); the server re-plans with
 * its own profile, so the visitor id and the browser's result are not sent. A refusal (4xx) or
 * a server error (5xx) rejects with an `HttpTransportError` whose message can be shown.
 */
export function httpTransport(
  options: HttpTransportOptions,
): Transport & { readonly baseUrl: string } {
  const base = options.baseUrl.replace(/\/+$/, '')
  const endpoint = `${base}/v1/submissions`
  const post = async (
    request: TransportRequest,
    { signal }: { signal: AbortSignal },
  ): Promise<TransportResponse> => {
    const body: SubmissionBody = {
      formId: request.formId,
      idempotencyKey: request.idempotencyKey,
      locale: request.locale,
      values: request.values,
      consents: request.consents,
    }
    const send = options.fetch ?? globalThis.fetch
    let response: Response
    try {
      response = await send(endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify(body),
        credentials: 'include',
        signal,
      })
    } catch (cause) {
      if (signal.aborted) throw cause
      throw new HttpTransportError(
        0,
        'network',
        `the server at ${base || 'this site'} could not be reached`,
      )
    }
    const data = await readJson(response)
    if (!response.ok) throw refusal(response, data)
    const url = downloadUrlOf(data)
    return url === undefined ? {} : { downloadUrl: resolveUrl(base, url) }
  }
  // The server is also where `createTrickle` sends the anonymous funnel counts.
  return Object.assign(post, { baseUrl: base })
}

async function readJson(response: Response): Promise<unknown> {
  try {
    return (await response.json()) as unknown
  } catch {
    return undefined
  }
}

function refusal(response: Response, data: unknown): HttpTransportError {
  const record = isRecord(data) ? data : {}
  const code = typeof record['error'] === 'string' ? record['error'] : `http-${response.status}`
  const serverMessage =
    typeof record['message'] === 'string' && record['message'] !== ''
      ? record['message'].slice(0, 500)
      : response.status >= 500
        ? 'the server had a problem'
        : 'the server refused the submission'
  return new HttpTransportError(
    response.status,
    code,
    `${serverMessage} (HTTP ${response.status})`,
    issuesOf(record['issues']),
  )
}

function issuesOf(value: unknown): SubmissionError[] {
  if (!Array.isArray(value)) return []
  return value.filter(
    (item): item is SubmissionError =>
      isRecord(item) &&
      typeof item['path'] === 'string' &&
      typeof item['code'] === 'string' &&
      typeof item['message'] === 'string',
  )
}

function downloadUrlOf(data: unknown): string | undefined {
  if (!isRecord(data)) return undefined
  const download = data['download']
  if (!isRecord(download)) return undefined
  return typeof download['url'] === 'string' ? download['url'] : undefined
}

/** A server path such as `/v1/assets/whitepaper?token=...` made absolute against `base`. */
function resolveUrl(base: string, url: string): string {
  if (/^https?:\/\//i.test(url)) return url
  return url.startsWith('/') ? `${base}${url}` : `${base}/${url}`
}

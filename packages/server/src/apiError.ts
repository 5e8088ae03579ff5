import type { Context } from 'hono'
import { HTTPException } from 'hono/http-exception'
import type { ContentfulStatusCode } from 'hono/utils/http-status'

/** One problem with a request, pointing at its place in the body (JSON Pointer). */
export interface ApiIssue {
  path: string
  code: string
  message: string
}

/** The body of every error response. */
export interface ApiErrorBody {
  /** A stable code for programs, e.g. `invalid-body`, `plan-changed`, `rate-limited`. */
  error: string
  /** A sentence for people that says what to change. */
  message: string
  issues?: ApiIssue[]
  /** Extra data of some errors, e.g. the current plan with `plan-changed`. */
  [key: string]: unknown
}

/** A client error with a reason. Thrown inside a transaction it also rolls the transaction back. */
export class ApiError extends Error {
  readonly status: ContentfulStatusCode
  readonly code: string
  readonly issues: ApiIssue[] | undefined
  readonly extra: Record<string, unknown> | undefined

  constructor(
    status: ContentfulStatusCode,
    code: string,
    message: string,
    options: { issues?: ApiIssue[]; extra?: Record<string, unknown> } = {},
  ) {
    super(message)
    this.name = 'ApiError'
    this.status = status
    this.code = code
    this.issues = options.issues
    this.extra = options.extra
  }

  toBody(): ApiErrorBody {
    return {
      ...this.extra,
      error: this.code,
      message: this.message,
      ...(this.issues ? { issues: this.issues } : {}),
    }
  }
}

/**
 * Turns thrown errors into responses. Client errors keep their reason; anything unexpected is a
 * 500 whose log line names the error type and database code only: messages of database errors
 * can quote the values of a query, and personal values never go to the logs.
 */
export function handleError(log: (line: string) => void) {
  return (error: unknown, c: Context): Response => {
    if (error instanceof ApiError) return c.json(error.toBody(), error.status)
    if (error instanceof HTTPException) {
      const status = error.status
      if (status < 500) {
        return c.json({ error: 'bad-request', message: error.message || 'Bad request.' }, status)
      }
    }
    log(
      `[trickle] 500 on ${c.req.method} ${new URL(c.req.url).pathname}: ${describeUnexpected(error)}`,
    )
    return c.json(
      {
        error: 'internal',
        message: 'Something went wrong on the server. The error was logged; please try again.',
      },
      500,
    )
  }
}

/** The type and database error code of an unexpected error: nothing that may contain values. */
export function describeUnexpected(error: unknown): string {
  const parts: string[] = []
  let current: unknown = error
  for (let depth = 0; depth < 3 && current instanceof Error; depth++) {
    const code = (current as { code?: unknown }).code
    parts.push(typeof code === 'string' ? `${current.name} (${code})` : current.name)
    current = current.cause
  }
  return parts.length > 0 ? parts.join(' <- ') : typeof error
}

// The report API the studio reads when a Trickle server is connected: the funnel, its CSV and
// the value-per-friction insights (the server's /v1/admin/funnel, /funnel.csv, /insights). The
// shapes mirror the server's exported `FunnelReport` and `Insights` types; they are repeated here
// so the browser bundle never imports the server package. The insights' field and suggestion
// types are the core's own (`valuePerFriction`).

import type { FieldInsight, SequenceSuggestion, ValuePerFriction } from '@trickle/core'

export type { FieldInsight, SequenceSuggestion }

/** A date range in days (YYYY-MM-DD, inclusive), optionally narrowed to one form. */
export interface StudioRange {
  from: string
  to: string
  form?: string
}

export interface FunnelCounts {
  shown: number
  started: number
  submitted: number
  left: number
}

export interface FunnelField {
  fieldId: string
  shown: number
  answered: number
  /** Visitors who left with this the last field they touched. */
  lastTouched: number
  /** lastTouched / started, 0..1. */
  dropOff: number
}

export interface FunnelForm {
  formId: string
  totals: FunnelCounts
  /** In sequence order. */
  fields: FunnelField[]
  days: Array<{ day: string } & FunnelCounts>
  visits: Array<{ visit: number; fields: FunnelField[] } & FunnelCounts>
  locales: Array<{ locale: string } & FunnelCounts>
}

export interface FunnelReport {
  from: string
  to: string
  generatedAt: string
  forms: FunnelForm[]
  doubleOptIn: {
    requested: number
    confirmed: number
    rate: number
    days: Array<{ day: string; requested: number; confirmed: number }>
  }
}

/** The insights route: core `valuePerFriction` over the range. */
export interface Insights extends ValuePerFriction {
  from: string
  to: string
}

/** What the report tab reads. `null` where the studio has no server connected. */
export interface StudioApi {
  funnel(range: StudioRange): Promise<FunnelReport>
  funnelCsvUrl(range: StudioRange): string
  insights(range: StudioRange): Promise<Insights>
  /**
   * Fetches the CSV with the token (a plain link to `funnelCsvUrl` cannot send it). Present
   * where the page holds the token (the server's studio); the CLI's proxy adds it to the link.
   */
  funnelCsv?(range: StudioRange): Promise<Blob>
}

/** An error the report API answered with (status and the server's reason). */
export class StudioApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message)
    this.name = 'StudioApiError'
  }
}

interface StudioApiOptions {
  /** Where the report API lives: '' for the same origin, else the server's URL. */
  baseUrl: string
  /** The admin token; sent as a bearer token (omit when a proxy adds it). */
  token?: string
  fetch?: typeof globalThis.fetch
}

function query(range: StudioRange): string {
  const params = new URLSearchParams({ from: range.from, to: range.to })
  if (range.form !== undefined) params.set('form', range.form)
  return params.toString()
}

/** The report API over HTTP, against a Trickle server or the CLI studio's proxy. */
export function createStudioApi({
  baseUrl,
  token,
  fetch = globalThis.fetch,
}: StudioApiOptions): StudioApi {
  const base = baseUrl.replace(/\/+$/, '')
  const headers: Record<string, string> =
    token === undefined ? {} : { authorization: `Bearer ${token}` }
  async function request(path: string): Promise<Response> {
    const response = await fetch(`${base}${path}`, { headers })
    if (!response.ok) {
      const text = await response.text().catch(() => '')
      let reason = text
      try {
        const body = JSON.parse(text) as { error?: { message?: string } | string; message?: string }
        reason =
          (typeof body.error === 'string' ? body.error : body.error?.message) ??
          body.message ??
          text
      } catch {
        // not JSON: keep the text
      }
      throw new StudioApiError(response.status, reason || `HTTP ${response.status}`)
    }
    return response
  }
  const get = async <T>(path: string): Promise<T> => (await (await request(path)).json()) as T
  return {
    funnel: (range) => get<FunnelReport>(`/v1/admin/funnel?${query(range)}`),
    funnelCsvUrl: (range) => `${base}/v1/admin/funnel.csv?${query(range)}`,
    insights: (range) => get<Insights>(`/v1/admin/insights?${query(range)}`),
    ...(token !== undefined && {
      funnelCsv: async (range: StudioRange) =>
        (await request(`/v1/admin/funnel.csv?${query(range)}`)).blob(),
    }),
  }
}

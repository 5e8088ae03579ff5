import type { DeliveryList, DeliverySummary, DestinationSummary } from '@trickle/server'
import { CliError, type CliIo } from './io'

export type DeliveriesAction =
  | {
      action: 'list'
      status?: string | undefined
      destination?: string | undefined
      limit?: number | undefined
    }
  | { action: 'retry'; deliveryId: string }
  | { action: 'enable'; destinationId: string }

export interface DeliveriesOptions {
  /** The server's address, e.g. `http://127.0.0.1:8787`. */
  url: string
  /** The admin token (`TRICKLE_ADMIN_TOKEN` of the server). */
  token: string
  json: boolean
}

const requestTimeoutMs = 30_000

/**
 * `trickle deliveries list|retry|enable`: the hand-off to CRMs as an admin sees it, through a
 * running server's admin API. Prints ids, statuses and errors, never personal values (the API
 * has none).
 */
export async function deliveriesCommand(
  io: CliIo,
  command: DeliveriesAction,
  options: DeliveriesOptions,
): Promise<number> {
  switch (command.action) {
    case 'list': {
      const query = new URLSearchParams()
      if (command.status !== undefined) query.set('status', command.status)
      if (command.destination !== undefined) query.set('destination', command.destination)
      if (command.limit !== undefined) query.set('limit', String(command.limit))
      const search = query.size > 0 ? `?${query}` : ''
      const body = (await call(options, 'GET', `/v1/admin/deliveries${search}`)) as DeliveryList
      io.stdout(options.json ? `${JSON.stringify(body, null, 2)}\n` : listText(io, body))
      return 0
    }
    case 'retry': {
      const path = `/v1/admin/deliveries/${encodeURIComponent(command.deliveryId)}/retry`
      const row = (await call(options, 'POST', path)) as DeliverySummary
      io.stdout(
        options.json
          ? `${JSON.stringify(row, null, 2)}\n`
          : `Delivery ${row.id} to ${row.destinationId} is ${row.status} again: it is tried now (attempt ${row.attempts + 1}).\n`,
      )
      return 0
    }
    case 'enable': {
      const path = `/v1/admin/destinations/${encodeURIComponent(command.destinationId)}/enable`
      const destination = (await call(options, 'POST', path)) as DestinationSummary
      io.stdout(
        options.json
          ? `${JSON.stringify(destination, null, 2)}\n`
          : `Destination ${destination.id} (${destination.type}) is enabled: its waiting deliveries go out now.\n`,
      )
      return 0
    }
  }
}

async function call(options: DeliveriesOptions, method: string, path: string): Promise<unknown> {
  let response: Response
  try {
    response = await fetch(new URL(path, options.url), {
      method,
      headers: { authorization: `Bearer ${options.token}`, accept: 'application/json' },
      signal: AbortSignal.timeout(requestTimeoutMs),
    })
  } catch (error) {
    const reason = (error as Error).name === 'TimeoutError' ? 'no answer within 30 s' : 'refused'
    throw new CliError(
      `Cannot reach the Trickle server at ${options.url} (${reason}). Is it running? Pass its address with --url.`,
      1,
    )
  }
  const text = await response.text()
  let body: unknown
  try {
    body = JSON.parse(text)
  } catch {
    throw new CliError(
      `${options.url} answered ${response.status} without JSON: is it a Trickle server? Check --url.`,
      1,
    )
  }
  if (!response.ok) {
    const message = (body as { message?: unknown }).message
    throw new CliError(
      `${response.status}: ${typeof message === 'string' ? message : 'the server refused the request.'}`,
      1,
    )
  }
  return body
}

/** A readable table; times in UTC, to the second. */
function listText(io: CliIo, body: DeliveryList): string {
  const time = (iso: string | null) =>
    iso === null ? '-' : `${iso.slice(0, 19).replace('T', ' ')}`
  const lines: string[] = []
  if (body.deliveries.length === 0) {
    lines.push('No deliveries match.')
  } else {
    const rows = body.deliveries.map((d) => [
      d.id,
      d.destinationId,
      d.type,
      d.status,
      String(d.attempts),
      time(d.createdAt),
      d.status === 'delivered' ? time(d.deliveredAt) : time(d.nextAttemptAt),
      d.status === 'delivered'
        ? ''
        : (d.lastError ?? (d.lastStatus === null ? '' : `HTTP ${d.lastStatus}`)),
    ])
    lines.push(
      ...table(
        [
          'ID',
          'DESTINATION',
          'TYPE',
          'STATUS',
          'ATTEMPTS',
          'CREATED (UTC)',
          'DELIVERED/NEXT TRY',
          'LAST ERROR',
        ],
        // Text from the server, shown on a terminal: no control characters.
        rows.map((row) => row.map((cell) => cell.replace(/\p{Cc}/gu, '?'))),
      ),
    )
  }
  lines.push('', 'DESTINATIONS')
  if (body.destinations.length === 0) lines.push('(none configured)')
  lines.push(
    ...table(
      ['ID', 'TYPE', 'STATE'],
      body.destinations.map((d) => [
        d.id,
        d.type,
        d.disabled
          ? `${io.colors.red(`disabled: ${d.disabledReason ?? 'no reason given'}`)} (trickle deliveries enable ${d.id})`
          : 'enabled',
      ]),
    ).slice(body.destinations.length === 0 ? 1 : 0),
  )
  return `${lines.join('\n')}\n`
}

function table(header: string[], rows: string[][]): string[] {
  const widths = header.map((h, i) =>
    Math.max(h.length, ...rows.map((row) => (row[i] ?? '').length)),
  )
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => (i === cells.length - 1 ? cell : cell.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd()
  return [line(header), ...rows.map(line)]
}

import type { DeliveryList, DeliverySummary, DestinationSummary } from '@trickle/server'
import { httpAdminClient } from './adminClient'
import type { CliIo } from './io'
import { clean, textTable, utc } from './textTable'

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
  return (await httpAdminClient(options.url, options.token).request(method, path)).body
}

/** A readable table; times in UTC, to the second. */
function listText(io: CliIo, body: DeliveryList): string {
  const time = utc
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
      ...textTable(
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
        rows.map((row) => row.map(clean)),
      ),
    )
  }
  lines.push('', 'DESTINATIONS')
  if (body.destinations.length === 0) lines.push('(none configured)')
  lines.push(
    ...textTable(
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

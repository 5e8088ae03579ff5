import type { AdminClient } from './adminClient'
import type { CliIo } from './io'
import { receiptText, type Receipt } from './privacyCommand'
import { clean, textTable, utc } from './textTable'

interface RetentionRun {
  dryRun: boolean
  at: string
  due: { purposeId: string; retainDays: number; fieldIds: string[]; profiles: number }[]
  receipts?: Receipt[]
}

/**
 * `trickle retention --dry-run|--apply`: the values past their purposes' `retainDays`, per
 * purpose, and with --apply their erasure, each with its receipt.
 */
export async function retentionCommand(
  io: CliIo,
  client: AdminClient,
  options: { apply: boolean; json: boolean },
): Promise<number> {
  const { body } = await client.request('POST', `/v1/admin/retention?apply=${options.apply}`)
  if (options.json) {
    io.stdout(`${JSON.stringify(body, null, 2)}\n`)
    return 0
  }
  const run = body as RetentionRun
  const lines = [
    `${run.dryRun ? 'Dry run' : 'Retention applied'} at ${utc(run.at)} UTC: ${
      run.due.length === 0
        ? 'no value is past its retention.'
        : run.dryRun
          ? 'these values are past their retention (nothing erased yet).'
          : 'these values were past their retention and are erased.'
    }`,
  ]
  if (run.due.length > 0) {
    lines.push(
      '',
      ...textTable(
        ['PURPOSE', 'RETAIN DAYS', 'PROFILES', 'FIELDS'],
        run.due.map((d) =>
          [d.purposeId, String(d.retainDays), String(d.profiles), d.fieldIds.join(', ')].map(clean),
        ),
      ),
    )
  }
  if (run.dryRun && run.due.length > 0) lines.push('', 'Run it with --apply to erase them.')
  const receipts = run.receipts ?? []
  if (!run.dryRun) {
    lines.push('', `${receipts.length} receipt${receipts.length === 1 ? '' : 's'}:`)
    for (const receipt of receipts) lines.push(receiptText(receipt).trimEnd())
  }
  io.stdout(`${lines.join('\n')}\n`)
  return 0
}

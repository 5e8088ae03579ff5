import { writeFile } from 'node:fs/promises'
import { resolve } from 'node:path'
import type { AdminClient } from './adminClient'
import { CliError, type CliIo } from './io'
import { clean, textTable, utc } from './textTable'

export const privacyActions = ['find', 'export', 'proof', 'erase', 'withdraw', 'audit'] as const

export interface PrivacyRequest {
  action: (typeof privacyActions)[number]
  email?: string | undefined
  purpose?: string | undefined
  reason?: string | undefined
  format?: 'json' | 'html' | undefined
  out?: string | undefined
  locale?: string | undefined
  limit?: number | undefined
  json: boolean
  yes: boolean
}

/** The answers of the admin API, as far as the CLI reads them (docs/server-guide.md). */
interface Person {
  visitorId: string
  createdAt: string
  visits: number
  fields: {
    fieldId: string
    value: unknown
    declined: boolean
    purposes: string[]
    legalBasis: string[]
    collectedAt: string
    formId: string | null
  }[]
  consents: {
    seq: number
    purposeId: string
    decision: string
    version: number
    at: string
    formId: string | null
    locale: string | null
    source: string | null
  }[]
  consentState: Record<string, string>
  submissions: { formId: string; visit: number; at: string; fieldIds: string[] }[]
}
interface Proof {
  visitorId: string
  seq: number
  at: string
  decision: string
  version: number
  locale: string | null
  formId: string | null
  action: string
  text: string | null
  textHash: string | null
  textHashMatches: boolean
  mailedToHash: string | null
  mailedAt: string | null
}
export interface Receipt {
  id: string | number
  at: string
  kind: string
  addressHash: string | null
  requestedBy: string
  reason: string | null
  profiles: number
  counts: Record<string, number>
}
interface AuditEntry {
  seq: number
  at: string
  actor: string
  action: string
  addressHash: string | null
  purposeId: string | null
  detail: unknown
}

const short = (hash: string | null | undefined) => (hash ? `${hash.slice(0, 12)}…` : '-')
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`

/**
 * `trickle privacy find|export|proof|erase|withdraw|audit`: a data subject's request, answered
 * by e-mail address through the admin API (the privacy desk from a shell).
 */
export async function privacyCommand(
  io: CliIo,
  client: AdminClient,
  request: PrivacyRequest,
): Promise<number> {
  const query = new URLSearchParams()
  if (request.email !== undefined) query.set('email', request.email)
  if (request.purpose !== undefined) query.set('purpose', request.purpose)
  const print = (body: unknown, text: () => string) =>
    io.stdout(request.json ? `${JSON.stringify(body, null, 2)}\n` : text())
  switch (request.action) {
    case 'find': {
      const { body } = await client.request('GET', `/v1/admin/people?${query}`)
      print(body, () => findText(body as { addressHash: string; profiles: Person[] }))
      return 0
    }
    case 'export':
    case 'proof': {
      if (request.format === 'html') query.set('format', 'html')
      if (request.locale !== undefined) query.set('locale', request.locale)
      const path = request.action === 'export' ? 'export' : 'proof'
      const got = await client.request('GET', `/v1/admin/people/${path}?${query}`)
      const html = request.format === 'html'
      if (request.action === 'proof' && request.format === undefined && request.out === undefined) {
        print(got.body, () => proofText(got.body as { purposeId: string; proofs: Proof[] }))
        return 0
      }
      const text = html ? got.text : `${JSON.stringify(got.body, null, 2)}\n`
      if (request.out === '-') {
        io.stdout(text)
        return 0
      }
      // The name the server gives; else the hash's start (JSON) or the time (a page).
      const hash = (got.body as { addressHash?: string } | undefined)?.addressHash?.slice(0, 8)
      const what = path === 'proof' ? `proof-${request.purpose ?? ''}` : path
      const stamp = hash ?? new Date().toISOString().slice(0, 19).replace(/:/g, '-')
      const name = request.out ?? got.fileName ?? `${what}-${stamp}.${html ? 'html' : 'json'}`
      const file = resolve(io.cwd, name)
      // Personal data: readable by the owner only.
      await writeFile(file, text, { mode: 0o600 })
      io.stdout(
        `Wrote the ${request.action === 'export' ? 'export' : `proof of ${request.purpose ?? ''}`} to ${file}. It holds personal data: send it securely and delete it afterwards.\n`,
      )
      return 0
    }
    case 'erase': {
      if (!request.yes) {
        if (io.confirm === undefined) {
          throw new CliError(
            'trickle privacy erase deletes for good and asks first: run it in a terminal, or pass --yes to confirm in a script.',
          )
        }
        const found = (await client.request('GET', `/v1/admin/people?${query}`)).body as {
          profiles: Person[]
        }
        const sure = await io.confirm(
          `Erase ${plural(found.profiles.length, 'profile')} holding ${clean(request.email ?? '')} for good (values, consent history, submissions)?`,
        )
        if (!sure) {
          io.stderr('Nothing erased.\n')
          return 1
        }
      }
      if (request.reason !== undefined) query.set('reason', request.reason)
      const { body } = await client.request('DELETE', `/v1/admin/people?${query}`)
      const { receipt } = body as { receipt: Receipt }
      print(body, () => `Erased ${plural(receipt.profiles, 'profile')}.\n${receiptText(receipt)}`)
      return 0
    }
    case 'withdraw': {
      if (request.reason !== undefined) query.set('reason', request.reason)
      const { body } = await client.request('POST', `/v1/admin/people/withdraw?${query}`)
      const result = body as {
        purposeId: string
        profiles: number
        withdrawn: number
        erasedFieldIds: string[]
      }
      print(
        body,
        () =>
          `Withdrew ${result.purposeId} on ${result.withdrawn} of ${plural(result.profiles, 'profile')} holding this address (the others had not granted it).\n` +
          `Erased fields: ${result.erasedFieldIds.length > 0 ? result.erasedFieldIds.join(', ') : 'none'}.\n`,
      )
      return 0
    }
    case 'audit': {
      if (request.limit !== undefined) query.set('limit', String(request.limit))
      const { body } = await client.request('GET', `/v1/admin/audit?${query}`)
      const { entries } = body as { entries: AuditEntry[] }
      print(body, () =>
        entries.length === 0
          ? 'The audit log is empty.\n'
          : `${textTable(
              ['SEQ', 'AT (UTC)', 'ACTOR', 'ACTION', 'ADDRESS HASH', 'PURPOSE', 'DETAIL'],
              entries.map((e) =>
                [
                  String(e.seq),
                  utc(e.at),
                  e.actor,
                  e.action,
                  short(e.addressHash),
                  e.purposeId ?? '-',
                  JSON.stringify(e.detail ?? {}),
                ].map(clean),
              ),
            ).join('\n')}\n`,
      )
      return 0
    }
  }
}

function value(field: Person['fields'][number]): string {
  if (field.declined) return '(declined)'
  if (Array.isArray(field.value)) return field.value.join(', ')
  return typeof field.value === 'string' ? field.value : JSON.stringify(field.value ?? null)
}

function findText({ addressHash, profiles }: { addressHash: string; profiles: Person[] }) {
  const lines = [
    profiles.length === 0
      ? `No profile holds this address (hash ${short(addressHash)}).`
      : `${plural(profiles.length, 'profile')} hold this address (hash ${short(addressHash)}).`,
  ]
  for (const person of profiles) {
    lines.push(
      '',
      `Profile ${person.visitorId}: created ${utc(person.createdAt)} UTC, ${plural(person.visits, 'visit')}`,
      ...textTable(
        ['FIELD', 'VALUE', 'PURPOSE', 'BASIS', 'COLLECTED (UTC)', 'FORM'],
        person.fields.map((f) =>
          [
            f.fieldId,
            value(f),
            f.purposes.join(', '),
            f.legalBasis.join(', '),
            utc(f.collectedAt),
            f.formId ?? '-',
          ].map(clean),
        ),
        '  ',
      ),
      '  Consents',
      ...(person.consents.length === 0
        ? ['    none']
        : textTable(
            ['SEQ', 'PURPOSE', 'DECISION', 'VERSION', 'AT (UTC)', 'FORM', 'LOCALE', 'SOURCE'],
            person.consents.map((e) =>
              [
                String(e.seq),
                e.purposeId,
                e.decision,
                String(e.version),
                utc(e.at),
                e.formId ?? '-',
                e.locale ?? '-',
                e.source ?? '-',
              ].map(clean),
            ),
            '    ',
          )),
      `  Consent now: ${
        Object.entries(person.consentState)
          .map(([purpose, state]) => clean(`${purpose} ${state}`))
          .join(', ') || '-'
      }`,
      '  Submissions',
      ...(person.submissions.length === 0
        ? ['    none']
        : textTable(
            ['AT (UTC)', 'FORM', 'VISIT', 'FIELDS'],
            person.submissions.map((s) =>
              [utc(s.at), s.formId, String(s.visit), s.fieldIds.join(', ')].map(clean),
            ),
            '    ',
          )),
    )
  }
  return `${lines.join('\n')}\n`
}

function proofText({ purposeId, proofs }: { purposeId: string; proofs: Proof[] }) {
  const lines = [`Proof of consent to ${clean(purposeId)}: ${plural(proofs.length, 'record')}.`]
  for (const p of proofs) {
    lines.push(
      '',
      clean(
        `${utc(p.at)} UTC  ${p.decision}  version ${p.version}  by ${p.action}  form ${p.formId ?? '-'}  locale ${p.locale ?? '-'}  (profile ${p.visitorId}, #${p.seq})`,
      ),
    )
    if (p.text !== null) {
      lines.push(
        `  Text shown (sha256 ${short(p.textHash)}, ${p.textHashMatches ? 'matches' : 'DOES NOT MATCH'}):`,
        ...wrap(clean(p.text.replace(/\s+/g, ' '))),
      )
    }
    if (p.mailedAt !== null) {
      lines.push(
        `  Confirmation link mailed ${utc(p.mailedAt)} UTC to address hash ${short(p.mailedToHash)}`,
      )
    }
  }
  return `${lines.join('\n')}\n`
}

/** Words in lines of at most 90 characters, indented. */
function wrap(text: string): string[] {
  const lines: string[] = []
  for (const word of text.split(' ')) {
    const last = lines.at(-1)
    if (last !== undefined && last.length + word.length < 94)
      lines[lines.length - 1] = `${last} ${word}`
    else lines.push(`    ${word}`)
  }
  return lines
}

/** A receipt as the DPO keeps it: no personal data beyond the keyed hash. */
export function receiptText(receipt: Receipt): string {
  const counts = Object.entries(receipt.counts)
    .map(([table, n]) => `${table} ${n}`)
    .join(', ')
  return (
    `${clean(
      `Receipt ${receipt.id} at ${utc(receipt.at)} UTC (${receipt.kind}, requested by ${receipt.requestedBy}${receipt.reason === null ? '' : `, reason: ${receipt.reason}`})`,
    )}\n` +
    `  address hash ${receipt.addressHash ?? '-'}\n` +
    // Submissions and downloads are unlinked from the person (kept as counts), the rest deleted.
    `  rows erased (submissions and downloads unlinked): ${counts || 'none'}\n`
  )
}

import { purposeUsable, type Config, type Profile } from '@trickle/core'
import { and, asc, eq, gt, inArray, lt, or, type SQL } from 'drizzle-orm'
import { enqueueDeliveries } from '../delivery/enqueueDeliveries'
import type { TrickleDb } from '../openDatabase'
import { eraseVisitors, loadProfile, loadProfiles, saveFields } from '../profileStore'
import { addressIndex, fieldValues, type ErasureTableCounts } from '../schema'
import type { Signer } from '../signer'
import { addressHashesOf } from './addressIndex'
import { appendAudit } from './auditLog'
import { writeReceipt, type ErasureReceipt } from './erasureReceipt'

const dayMs = 24 * 60 * 60 * 1000

/** One purpose with `retainDays` and what is past it now. */
export interface RetentionDue {
  purposeId: string
  retainDays: number
  /** Fields serving this purpose with a value past retention somewhere. */
  fieldIds: string[]
  /** Profiles holding such a value. */
  profiles: number
}

/** `POST /v1/admin/retention`. */
export interface RetentionRun {
  dryRun: boolean
  at: string
  due: RetentionDue[]
  /** One per profile whose values were erased (apply only). */
  receipts: ErasureReceipt[]
}

/**
 * The fields of a profile whose values are past retention at `now`: the field has purposes with
 * `retainDays`, the value is older than each of them, and none of its other purposes still
 * holds it (a contract or legitimate interest, or a consent that is granted). Fields the config
 * no longer defines are left alone.
 */
export function dueFields(config: Config, profile: Profile, now: Date): string[] {
  const purposes = new Map(config.purposes.map((purpose) => [purpose.id, purpose]))
  const due: string[] = []
  for (const field of config.fields) {
    const record = Object.hasOwn(profile.fields, field.id) ? profile.fields[field.id] : undefined
    if (record === undefined) continue
    const collected = Date.parse(record.collectedAt)
    let retained = false
    let expired = true
    let heldElsewhere = false
    for (const purposeId of field.purposes) {
      const days = purposes.get(purposeId)?.retainDays
      if (days === undefined) {
        if (purposeUsable(config, profile, purposeId, now)) heldElsewhere = true
        continue
      }
      retained = true
      if (!(collected + days * dayMs < now.getTime())) expired = false
    }
    if (retained && expired && !heldElsewhere) due.push(field.id)
  }
  return due
}

/** Per field with retention: values collected before this time may be due. */
function candidateFilter(config: Config, now: Date): SQL | undefined {
  const days = new Map(config.purposes.map((purpose) => [purpose.id, purpose.retainDays]))
  const filters: SQL[] = []
  for (const field of config.fields) {
    const retained = field.purposes.flatMap((id) => {
      const value = days.get(id)
      return value === undefined ? [] : [value]
    })
    if (retained.length === 0) continue
    const cutoff = new Date(now.getTime() - Math.max(...retained) * dayMs)
    filters.push(and(eq(fieldValues.fieldId, field.id), lt(fieldValues.collectedAt, cutoff)) as SQL)
  }
  return filters.length === 0 ? undefined : or(...filters)
}

/** Visitors per page of the retention scan. */
const pageSize = 200

/** The visitors holding a value that may be due, a page at a time (keyset, bounded). */
async function* candidates(db: TrickleDb, filter: SQL): AsyncGenerator<string[]> {
  let after: string | undefined
  for (;;) {
    const rows = await db
      .selectDistinct({ visitorId: fieldValues.visitorId })
      .from(fieldValues)
      .where(after === undefined ? filter : and(filter, gt(fieldValues.visitorId, after)))
      .orderBy(asc(fieldValues.visitorId))
      .limit(pageSize)
    if (rows.length === 0) return
    yield rows.map((row) => row.visitorId)
    if (rows.length < pageSize) return
    after = rows.at(-1)?.visitorId
  }
}

export interface RetentionContext {
  config: Config
  signer: Pick<Signer, 'digest'>
  log: (line: string) => void
}

/**
 * The retention run: finds the values past retention (`dueFields`) and, with `apply`, erases
 * them profile by profile (a transaction each): the values (the whole profile when nothing else
 * remains), a receipt of kind `retention`, `profile.erased` with the field ids for the
 * destinations. A dry run changes nothing. Both are audited. Returns the outbox rows written.
 */
export async function runRetention(
  db: TrickleDb,
  ctx: RetentionContext,
  options: { apply: boolean; now: Date; actor: string },
): Promise<RetentionRun & { enqueued: number }> {
  const { config } = ctx
  const { now } = options
  const byPurpose = new Map<string, { fieldIds: Set<string>; visitors: Set<string> }>()
  const receipts: ErasureReceipt[] = []
  let enqueued = 0
  const note = (visitorId: string, due: readonly string[]) => {
    for (const fieldId of due) {
      const field = config.fields.find((f) => f.id === fieldId)
      for (const purposeId of field?.purposes ?? []) {
        if (config.purposes.find((p) => p.id === purposeId)?.retainDays === undefined) continue
        let entry = byPurpose.get(purposeId)
        if (!entry) {
          entry = { fieldIds: new Set(), visitors: new Set() }
          byPurpose.set(purposeId, entry)
        }
        entry.fieldIds.add(fieldId)
        entry.visitors.add(visitorId)
      }
    }
  }
  const filter = candidateFilter(config, now)
  if (filter !== undefined) {
    for await (const page of candidates(db, filter)) {
      if (!options.apply) {
        const { profiles } = await loadProfiles(db, config, page, { now, log: ctx.log })
        for (const [visitorId, profile] of profiles)
          note(visitorId, dueFields(config, profile, now))
        continue
      }
      for (const visitorId of page) {
        const erased = await eraseDue(db, ctx, visitorId, options)
        if (erased === null) continue
        note(visitorId, erased.fieldIds)
        receipts.push(erased.receipt)
        enqueued += erased.enqueued
      }
    }
  }
  const due: RetentionDue[] = config.purposes.flatMap((purpose) => {
    const entry = byPurpose.get(purpose.id)
    if (purpose.retainDays === undefined || entry === undefined) return []
    return [
      {
        purposeId: purpose.id,
        retainDays: purpose.retainDays,
        fieldIds: config.fields.map((f) => f.id).filter((id) => entry.fieldIds.has(id)),
        profiles: entry.visitors.size,
      },
    ]
  })
  await appendAudit(db, {
    at: now,
    actor: options.actor,
    action: 'retention',
    detail: {
      dryRun: !options.apply,
      due: due.map(({ purposeId, fieldIds, profiles }) => ({ purposeId, fieldIds, profiles })),
      receipts: receipts.length,
    },
  })
  return { dryRun: !options.apply, at: now.toISOString(), due, receipts, enqueued }
}

/** Erases one profile's values past retention, under its lock; null when nothing was due. */
async function eraseDue(
  db: TrickleDb,
  ctx: RetentionContext,
  visitorId: string,
  options: { now: Date; actor: string },
): Promise<{ fieldIds: string[]; receipt: ErasureReceipt; enqueued: number } | null> {
  const { config } = ctx
  const { now } = options
  return db.transaction(async (tx) => {
    const stored = await loadProfile(tx, config, visitorId, { now, log: ctx.log, lock: true })
    if (!stored.exists) return null
    const fieldIds = dueFields(config, stored.profile, now)
    if (fieldIds.length === 0) return null
    const hash = (await addressHashesOf(tx, [visitorId])).get(visitorId) ?? null
    const remaining = Object.keys(stored.profile.fields).filter((id) => !fieldIds.includes(id))
    let counts: ErasureTableCounts
    let enqueued: number
    if (remaining.length === 0) {
      // Nothing would remain: the profile goes as a whole.
      counts = (await eraseVisitors(tx, [visitorId])).counts
      enqueued = await enqueueDeliveries(
        tx,
        config,
        { kind: 'erasure', visitorId, fieldIds: 'all' },
        now,
      )
    } else {
      const indexed = await tx
        .select({ fieldId: addressIndex.fieldId })
        .from(addressIndex)
        .where(and(eq(addressIndex.visitorId, visitorId), inArray(addressIndex.fieldId, fieldIds)))
      const fields = Object.create(null) as typeof stored.profile.fields
      for (const id of remaining) fields[id] = stored.profile.fields[id] as (typeof fields)[string]
      await saveFields(tx, stored, { ...stored.profile, fields }, ctx)
      counts = {
        field_values: fieldIds.length,
        consent_events: 0,
        submissions: 0,
        downloads: 0,
        address_index: indexed.length,
      }
      enqueued = await enqueueDeliveries(tx, config, { kind: 'erasure', visitorId, fieldIds }, now)
    }
    const receipt = await writeReceipt(tx, {
      at: now,
      kind: 'retention',
      addressHash: hash,
      requestedBy: options.actor,
      reason: `past retention: ${fieldIds.join(', ')}`,
      profiles: 1,
      counts,
    })
    return { fieldIds, receipt, enqueued }
  })
}

import type { Condition, Config } from '../types'

/** The funnel numbers `valuePerFriction` reads: a subset of the server's `FunnelReport`. */
export interface FunnelFieldCounts {
  fieldId: string
  shown: number
  lastTouched: number
}

export interface FunnelCountsInput {
  forms: ReadonlyArray<{ formId: string; fields: readonly FunnelFieldCounts[] }>
}

/** How often the data of each field was actually used. */
export interface FieldUsageInput {
  /** Per field id: deliveries to destinations that carried the field (the hand-off outbox). */
  deliveries: Readonly<Record<string, number>>
}

export interface FieldInsight {
  fieldId: string
  purposes: string[]
  /** Times the field was shown, over all forms. */
  shown: number
  /** Visitors who left with this field the last one they touched. */
  lastTouched: number
  /** `lastTouched / shown`, 0..1: the share of the people shown the field that it lost. */
  dropOffCost: number
  usage: { deliveries: number; askIfReads: number }
  /** `(log2(1 + deliveries) + askIfReads) * (1 - dropOffCost)`: what the field brings, net of what it costs. */
  value: number
}

export interface SequenceSuggestion {
  formId: string
  current: string[]
  suggested: string[]
  /** Field id -> why it moves (English). Only fields whose position changed. */
  reasons: Record<string, string>
  changed: boolean
}

export interface ValuePerFriction {
  fields: FieldInsight[]
  suggestions: SequenceSuggestion[]
}

const round3 = (n: number) => Math.round(n * 1000) / 1000

function readFields(condition: Condition, into: Set<string>): void {
  if ('all' in condition) for (const c of condition.all) readFields(c, into)
  else if ('any' in condition) for (const c of condition.any) readFields(c, into)
  else if ('not' in condition) readFields(condition.not, into)
  else if ('field' in condition) into.add(condition.field)
}

/** Per field id, the field ids its `askIf` reads. */
function askIfReadsOf(config: Config): Map<string, Set<string>> {
  const reads = new Map<string, Set<string>>()
  for (const field of config.fields) {
    const into = new Set<string>()
    if (field.askIf) readFields(field.askIf, into)
    reads.set(field.id, into)
  }
  return reads
}

/**
 * Value per friction: for each field, what it costs (its drop-off from the funnel: people who
 * left with it the last field they touched, per person shown it) next to how often its data is
 * used (deliveries to destinations that carried it, `askIf` conditions that read it), and per
 * form a suggested order of the sequence: valuable and cheap fields first. Fields of type
 * `email` keep their place, `always` fields are not part of the sequence, and a field stays
 * after the fields its `askIf` reads. Deterministic (ties keep the current order). Pure: the
 * suggestion is only returned, never applied.
 */
export function valuePerFriction(
  config: Config,
  funnel: FunnelCountsInput,
  usage: FieldUsageInput,
): ValuePerFriction {
  const counts = new Map<string, { shown: number; lastTouched: number }>()
  for (const form of funnel.forms) {
    for (const field of form.fields) {
      const total = counts.get(field.fieldId) ?? { shown: 0, lastTouched: 0 }
      total.shown += field.shown
      total.lastTouched += field.lastTouched
      counts.set(field.fieldId, total)
    }
  }
  const reads = askIfReadsOf(config)
  const readCount = (id: string) => [...reads.values()].filter((set) => set.has(id)).length
  const fields: FieldInsight[] = config.fields.map((field) => {
    const { shown, lastTouched } = counts.get(field.id) ?? { shown: 0, lastTouched: 0 }
    const dropOffCost = shown === 0 ? 0 : round3(Math.min(1, lastTouched / shown))
    const deliveries = Math.max(0, usage.deliveries[field.id] ?? 0)
    const askIfReads = readCount(field.id)
    return {
      fieldId: field.id,
      purposes: [...field.purposes],
      shown,
      lastTouched,
      dropOffCost,
      usage: { deliveries, askIfReads },
      value: round3((Math.log2(1 + deliveries) + askIfReads) * (1 - dropOffCost)),
    }
  })
  const byId = new Map(fields.map((insight) => [insight.fieldId, insight]))
  const fixed = new Set(config.fields.filter((f) => f.type === 'email').map((f) => f.id))
  const suggestions = config.forms.map((form) =>
    suggestOrder(form.id, form.sequence, byId, reads, fixed),
  )
  return { fields, suggestions }
}

function suggestOrder(
  formId: string,
  sequence: readonly string[],
  insights: ReadonlyMap<string, FieldInsight>,
  reads: ReadonlyMap<string, ReadonlySet<string>>,
  fixed: ReadonlySet<string>,
): SequenceSuggestion {
  const current = [...sequence]
  const position = new Map(current.map((id, index) => [id, index]))
  // A movable field waits for the fields of this sequence its `askIf` reads.
  const waitsFor = (id: string) => [...(reads.get(id) ?? [])].filter((dep) => position.has(dep))
  // A field read by a valuable field's askIf is worth as much: it opens the way to it.
  const priority = new Map<string, number>()
  const priorityOf = (id: string): number => {
    const known = priority.get(id)
    if (known !== undefined) return known
    priority.set(id, insights.get(id)?.value ?? 0) // askIf has no cycles; this ends any loop
    const readers = current.filter((other) => waitsFor(other).includes(id))
    const best = Math.max(insights.get(id)?.value ?? 0, ...readers.map(priorityOf))
    priority.set(id, best)
    return best
  }
  const opens = (id: string) =>
    current.filter(
      (other) => waitsFor(other).includes(id) && priorityOf(other) > (insights.get(id)?.value ?? 0),
    )
  const better = (a: string, b: string): number =>
    priorityOf(b) - priorityOf(a) ||
    (insights.get(a)?.dropOffCost ?? 0) - (insights.get(b)?.dropOffCost ?? 0) ||
    (position.get(a) ?? 0) - (position.get(b) ?? 0)
  const placed = new Set<string>()
  const suggested: string[] = []
  const movable = current.filter((id) => !fixed.has(id))
  for (const [index, id] of current.entries()) {
    if (fixed.has(id)) {
      suggested.push(id)
      placed.add(id)
      continue
    }
    const ready = movable.filter(
      (candidate) => !placed.has(candidate) && waitsFor(candidate).every((dep) => placed.has(dep)),
    )
    // Only a fixed field later in the sequence can block every candidate: keep the current order.
    const next = ready.sort(better)[0] ?? movable.find((candidate) => !placed.has(candidate))
    if (next === undefined) throw new Error(`valuePerFriction: no field for position ${index}`)
    suggested.push(next)
    placed.add(next)
  }
  const reasons: Record<string, string> = {}
  for (const [index, id] of suggested.entries()) {
    const before = position.get(id) ?? index
    if (before === index) continue
    const insight = insights.get(id)
    const what = insight
      ? `value ${insight.value} (used ${insight.usage.deliveries}× in deliveries, read by ${insight.usage.askIfReads} askIf), drop-off ${Math.round(insight.dropOffCost * 100)} %`
      : 'no data yet'
    const deps = waitsFor(id)
    const opened = opens(id)
    reasons[id] =
      `${before < index ? 'Later' : 'Earlier'}: position ${before + 1} → ${index + 1}; ${what}` +
      (opened.length > 0 ? `; comes before ${opened.join(', ')} (their askIf reads it)` : '') +
      (deps.length > 0 ? `; stays after ${deps.join(', ')} (its askIf reads them)` : '')
  }
  return {
    formId,
    current,
    suggested,
    reasons,
    changed: suggested.some((id, index) => id !== current[index]),
  }
}

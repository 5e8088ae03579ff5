/**
 * A timeline of one process's database statements and webhook posts, for the hand-off profile
 * (`profileHandoff.mjs`): every statement and every post is stamped at its start and end with
 * the wall clock and the process's CPU time (user + system). `phases()` cuts the timeline into
 * segments between consecutive stamps and sums them by phase: `db <statement kind>` while a
 * statement runs, `post` while only posts are in flight, and `js <before> → <after>` for the
 * JavaScript between two stamps (query building, result mapping, profile rebuild, signing).
 * Meant for a sequential worker (one batch at a time); concurrent requests blur the segments.
 */
export function createTimeline() {
  let stamps = []
  const stamp = (kind, label) => {
    const cpu = process.cpuUsage()
    stamps.push({ kind, label, t: performance.now(), cpu: cpu.user + cpu.system })
  }
  const counts = new Map()
  /** The last statement of each kind, with its parameters (for EXPLAIN). */
  const last = new Map()

  /** Wraps a driver's `query(text, ...)` so each call is stamped. */
  const timed = (query) =>
    async function (text, ...rest) {
      const label = statementKind(typeof text === 'string' ? text : (text?.text ?? ''))
      counts.set(label, (counts.get(label) ?? 0) + 1)
      last.set(label, { text: typeof text === 'string' ? text : text?.text, params: rest[0] })
      stamp('start', label)
      try {
        return await query.call(this, text, ...rest)
      } finally {
        stamp('end', label)
      }
    }

  return {
    /** Instruments the driver under a TrickleDatabase (PGlite instance or pg Pool). */
    instrument(database) {
      const client = database.db.$client
      if (database.kind === 'pglite') {
        client.query = timed(client.query)
        const transaction = client.transaction
        client.transaction = (callback) =>
          transaction.call(client, (tx) => {
            tx.query = timed(tx.query)
            return callback(tx)
          })
      } else {
        const proto = client.Client.prototype
        if (!proto.__timed) {
          proto.query = timed(proto.query)
          proto.__timed = true
        }
      }
    },
    /** Wraps an adapter's `deliver` so each post is stamped. */
    adapter(adapter) {
      return {
        async deliver(...args) {
          stamp('start', 'post')
          try {
            return await adapter.deliver(...args)
          } finally {
            stamp('end', 'post')
          }
        },
        close: () => adapter.close?.(),
      }
    },
    reset() {
      stamps = []
      counts.clear()
    },
    /** The last statement of a kind: `{ text, params }`. */
    last: (label) => last.get(label),
    /** Statements by kind since the last reset. */
    counts: () => Object.fromEntries(counts),
    /** `{ phase: { wallMs, cpuMs } }` over the stamps since the last reset. */
    phases() {
      const totals = new Map()
      const open = new Map()
      let previous = 'idle'
      for (let i = 0; i < stamps.length - 1; i++) {
        const here = stamps[i]
        const next = stamps[i + 1]
        const delta = here.kind === 'start' ? 1 : -1
        open.set(here.label, (open.get(here.label) ?? 0) + delta)
        const statement = [...open].find(([label, n]) => n > 0 && label !== 'post')
        let phase
        if (statement) phase = `db ${statement[0]}`
        else if ((open.get('post') ?? 0) > 0) phase = 'post'
        else phase = `js ${previous} → ${next.label}`
        if (here.kind === 'end') previous = here.label
        const total = totals.get(phase) ?? { wallMs: 0, cpuMs: 0 }
        total.wallMs += next.t - here.t
        total.cpuMs += (next.cpu - here.cpu) / 1000
        totals.set(phase, total)
      }
      return Object.fromEntries(totals)
    },
  }
}

/** A short name for a statement: what the hand-off profile tells apart. */
export function statementKind(text) {
  const sql = text.replace(/\s+/g, ' ').trim().toLowerCase()
  if (/^(begin|commit|rollback)/.test(sql)) return sql.split(' ')[0]
  if (sql.startsWith('with alongside')) return 'submission + outbox rows'
  if (sql.includes('skip locked')) return 'claim'
  if (/"?status"? = 'delivered'/.test(sql)) return 'mark delivered'
  if (sql.includes('json_agg') && sql.includes('"field_values"')) return 'select profiles'
  if (sql.includes('from deliveries') || sql.includes('from "deliveries"')) return 'outbox read'
  const select = /^select .*? from "(\w+)"/.exec(sql)
  if (select) return `select ${select[1]}`
  const write = /^(insert into|update|delete from) "(\w+)"/.exec(sql)
  if (write) return `${write[1].split(' ')[0]} ${write[2]}`
  return sql.slice(0, 40)
}

import { createHash } from 'node:crypto'
import type { TrickleDb } from './openDatabase'

/**
 * A prepared statement's name: named after its text, so that two users of one pool (two
 * workers with other destinations or batch sizes, two texts of one kind) never give one name
 * two texts on a connection.
 */
export function statementName(kind: string, text: string): string {
  return `trickle_${kind}_${createHash('sha256').update(text).digest('hex').slice(0, 16)}`
}

const names = new Map<string, string>()

/**
 * Runs `text` with `params` (already in the driver's form, e.g. JSON text for jsonb) as a
 * named prepared statement: on PostgreSQL each connection parses and plans it once, not at
 * every call, and no query builder runs. PGlite runs it as any statement. For statements of
 * fixed text whose values all travel as parameters.
 */
export async function executeNamed(
  db: TrickleDb,
  kind: string,
  text: string,
  params: unknown[],
): Promise<void> {
  let name = names.get(text)
  if (name === undefined) names.set(text, (name = statementName(kind, text)))
  await db._.session.prepareQuery({ sql: text, params }, undefined, name, false).execute()
}

/**
 * The driver under a TrickleDatabase (a node-postgres Pool or a PGlite instance, drizzle's
 * `$client`) with one interface: `query(text, params)` and `transaction(fn)`, where `fn`
 * receives a `query` bound to the transaction.
 */
export function rawClient(database) {
  const driver = database.db.$client
  if (database.kind === 'postgres') {
    return {
      query: (text, params) => driver.query(text, params),
      async transaction(fn) {
        const connection = await driver.connect()
        try {
          await connection.query('BEGIN')
          const result = await fn((text, params) => connection.query(text, params))
          await connection.query('COMMIT')
          return result
        } catch (error) {
          await connection.query('ROLLBACK')
          throw error
        } finally {
          connection.release()
        }
      },
    }
  }
  return {
    query: (text, params) => driver.query(text, params),
    transaction: (fn) => driver.transaction((tx) => fn((text, params) => tx.query(text, params))),
  }
}

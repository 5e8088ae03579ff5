/**
 * The first row of one statement on a fresh connection to the PostgreSQL server at `url`, or
 * what `use(row)` makes of it while the connection (and so its backend) still exists.
 */
export async function queryOnce(url, text, use = (row) => row) {
  const { default: pg } = await import('pg')
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    return use((await client.query(text)).rows[0])
  } finally {
    await client.end()
  }
}

/** The version the PostgreSQL server at `url` reports (`show server_version`), for the tables. */
export async function postgresVersion(url) {
  return (await queryOnce(url, 'show server_version')).server_version
}

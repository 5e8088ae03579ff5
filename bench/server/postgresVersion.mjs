/** The version the PostgreSQL server at `url` reports (`show server_version`), for the tables. */
export async function postgresVersion(url) {
  const { default: pg } = await import('pg')
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    const { rows } = await client.query('show server_version')
    return rows[0].server_version
  } finally {
    await client.end()
  }
}

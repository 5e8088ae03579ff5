/** The first row of one statement on a fresh connection to the PostgreSQL server at `url`. */
export async function queryOnce(url, text) {
  const { default: pg } = await import('pg')
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    return (await client.query(text)).rows[0]
  } finally {
    await client.end()
  }
}

/** The version the PostgreSQL server at `url` reports (`show server_version`), for the tables. */
export async function postgresVersion(url) {
  return (await queryOnce(url, 'show server_version')).server_version
}

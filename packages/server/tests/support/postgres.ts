import { execFileSync, spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { chownSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'

/**
 * A throwaway PostgreSQL 15 server for tests and benchmarks, started from Debian's `postgresql`
 * package on a free loopback port. When running as root it runs as the `postgres` user (postgres
 * refuses root). One server is shared; every suite creates its own database in it.
 */

export const postgresBin = process.env.POSTGRES_BIN ?? '/usr/lib/postgresql/15/bin'

export interface PostgresServer {
  /** Connection string of the `postgres` maintenance database. */
  url: string
  port: number
  /** Creates an empty database and returns its connection string. */
  createDatabase(name?: string): Promise<string>
  stop(): Promise<void>
}

/** Why PostgreSQL tests cannot run here, or null when they can. */
export function postgresMissingReason(): string | null {
  for (const tool of ['initdb', 'pg_ctl', 'postgres']) {
    if (!existsSync(join(postgresBin, tool))) {
      return (
        `PostgreSQL 15 is not installed (${join(postgresBin, tool)} is missing). ` +
        'Install it with `apt-get install -y postgresql-15` or point POSTGRES_BIN at its bin folder.'
      )
    }
  }
  return null
}

/** Starts a fresh server. Throws with the reason when the binaries are missing. */
export async function startPostgres(): Promise<PostgresServer> {
  const missing = postgresMissingReason()
  if (missing) throw new Error(missing)

  const base = mkdtempSync(join(tmpdir(), 'trickle-pg-'))
  const dataDir = join(base, 'data')
  const socketDir = join(base, 'socket')
  mkdirSync(socketDir)
  const asRoot = process.getuid?.() === 0
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim())
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim())
    chownSync(base, uid, gid)
    chownSync(socketDir, uid, gid)
  }
  const run = (tool: string, args: string[]) => {
    const command = asRoot ? 'runuser' : join(postgresBin, tool)
    const argv = asRoot ? ['-u', 'postgres', '--', join(postgresBin, tool), ...args] : args
    const result = spawnSync(command, argv, { encoding: 'utf8', cwd: base })
    if (result.status !== 0) {
      throw new Error(
        `${tool} failed (exit ${result.status ?? result.signal}): ${result.stderr || result.stdout}`,
      )
    }
  }

  run('initdb', [
    '-D',
    dataDir,
    '-U',
    'postgres',
    '--auth=trust',
    '--encoding=UTF8',
    '--locale=C',
    '--no-sync',
    '--no-instructions',
  ])
  const port = await freePort()
  const settings = [
    `-p ${port}`,
    `-k ${socketDir}`,
    '-c listen_addresses=127.0.0.1',
    // A test cluster: durability against power loss is not what is tested here.
    '-c fsync=off',
    '-c full_page_writes=off',
    '-c max_connections=100',
  ].join(' ')
  run('pg_ctl', [
    '-D',
    dataDir,
    '-l',
    join(base, 'server.log'),
    '-w',
    '-t',
    '30',
    '-o',
    settings,
    'start',
  ])

  let stopped = false
  const stopNow = () => {
    if (stopped) return
    stopped = true
    try {
      run('pg_ctl', ['-D', dataDir, '-m', 'immediate', '-w', 'stop'])
    } finally {
      rmSync(base, { recursive: true, force: true })
    }
  }
  // A crashed or interrupted test run must not leave a postgres behind.
  process.once('exit', stopNow)

  const url = `postgres://postgres@127.0.0.1:${port}/postgres`
  return {
    url,
    port,
    createDatabase: (name) => createDatabase(url, name),
    async stop() {
      process.removeListener('exit', stopNow)
      stopNow()
    },
  }
}

/** Creates an empty database on the server of `serverUrl` and returns its connection string. */
export async function createDatabase(
  serverUrl: string,
  name = `t_${randomBytes(6).toString('hex')}`,
): Promise<string> {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`Bad database name: ${name}`)
  const client = new pg.Client({ connectionString: serverUrl })
  await client.connect()
  try {
    await client.query(`CREATE DATABASE "${name}"`)
  } finally {
    await client.end()
  }
  const url = new URL(serverUrl)
  url.pathname = `/${name}`
  return url.href
}

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      const port = typeof address === 'object' && address ? address.port : 0
      server.close(() => resolvePort(port))
    })
  })
}

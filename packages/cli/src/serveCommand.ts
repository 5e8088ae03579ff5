import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { CliError, type CliIo } from './io'
import { readConfigFile } from './readConfigFile'

export interface ServeOptions {
  config?: string | undefined
  port?: number | undefined
  dataDir?: string | undefined
}

/**
 * `trickle serve`: the Trickle server with its embedded database (or PostgreSQL when
 * DATABASE_URL is set). Runs until SIGINT/SIGTERM, then closes cleanly.
 */
export async function serveCommand(io: CliIo, options: ServeOptions): Promise<number> {
  const path = options.config ?? process.env.TRICKLE_CONFIG ?? 'trickle.config.json'
  if (!existsSync(resolve(io.cwd, path))) {
    throw new CliError(
      `No config at ${path}. Pass one with --config <file> (or set TRICKLE_CONFIG).`,
    )
  }
  const read = await readConfigFile(io.cwd, path)
  if (!read.ok) {
    throw new CliError(`${path} has errors. Run \`trickle validate ${path}\` to see them.`, 1)
  }
  const { startServer } = await import('@trickle/server')
  let running: Awaited<ReturnType<typeof startServer>>
  try {
    running = await startServer({
      config: read.config,
      env: {
        ...process.env,
        ...(options.port !== undefined && { PORT: String(options.port) }),
        ...(options.dataDir !== undefined && {
          TRICKLE_DATA_DIR: resolve(io.cwd, options.dataDir),
        }),
      },
      log: (line) => io.stdout(`${line}\n`),
    })
  } catch (error) {
    throw new CliError((error as Error).message, 1)
  }
  await new Promise<void>((done) => {
    const stop = () => {
      process.off('SIGINT', stop)
      process.off('SIGTERM', stop)
      void running.close().then(done, done)
    }
    process.on('SIGINT', stop)
    process.on('SIGTERM', stop)
  })
  return 0
}

import { randomBytes } from 'node:crypto'
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { minSecretLength } from './signer'

export interface ResolveSecretOptions {
  /** TRICKLE_SECRET, when set. */
  secret?: string | undefined
  /** DATABASE_URL, when set: production mode, where the secret must come from the environment. */
  databaseUrl?: string | undefined
  /** The embedded data folder that keeps a generated secret (default `.trickle-data`). */
  dataDir?: string | undefined
}

/**
 * The secret that signs visitor cookies and tokens. Production (a DATABASE_URL) reads it from
 * the environment, so all instances share it; the embedded mode creates one on first start and
 * keeps it in the data folder, readable by the owner only.
 */
export async function resolveSecret(options: ResolveSecretOptions): Promise<string> {
  const given = options.secret?.trim()
  if (given) {
    if (given.length < minSecretLength) {
      throw new Error(
        `TRICKLE_SECRET is too short (${given.length} characters; at least ${minSecretLength}). ` +
          'Generate one with `openssl rand -base64 48`.',
      )
    }
    return given
  }
  if (options.databaseUrl?.trim()) {
    throw new Error(
      'TRICKLE_SECRET is not set. With DATABASE_URL (PostgreSQL) every instance must sign ' +
        'cookies with the same secret: generate one with `openssl rand -base64 48` and set ' +
        'TRICKLE_SECRET to it.',
    )
  }
  const folder = resolve(options.dataDir ?? '.trickle-data')
  const file = join(folder, 'secret')
  await mkdir(folder, { recursive: true })
  try {
    await writeFile(file, randomBytes(48).toString('base64url'), { flag: 'wx', mode: 0o600 })
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
  }
  // Tighten a copied or hand-made file too: the secret signs every visitor's cookie.
  await chmod(file, 0o600)
  const stored = (await readFile(file, 'utf8')).trim()
  if (stored.length < minSecretLength) {
    throw new Error(
      `The secret in ${file} is too short (at least ${minSecretLength} characters). ` +
        'Delete the file to have a new one created (visitors will be recognised afresh).',
    )
  }
  return stored
}

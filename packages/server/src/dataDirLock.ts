import { randomUUID } from 'node:crypto'
import { link, readFile, rename, unlink, writeFile } from 'node:fs/promises'
import { hostname } from 'node:os'
import { join } from 'node:path'

/**
 * One data folder, one process: PGlite has no guard of its own, and two processes writing the
 * same folder lose acknowledged data. The lock is a file in the folder naming its process.
 */

/** What the lock file holds. */
export interface LockHolder {
  pid: number
  hostname: string
  /** ISO time the process took the lock. */
  since: string
  /**
   * Where the server holding the folder listens (`http://127.0.0.1:8787`), once it does: the
   * CLI goes through its API instead of opening the folder.
   */
  url?: string
}

export interface DataDirLock {
  /** The lock file. */
  file: string
  holder: LockHolder
  /** Adds where the server listens to the lock file (atomically replaced). */
  recordUrl(url: string): Promise<void>
  /** Deletes the lock file (if it is still this lock). */
  release(): Promise<void>
}

export interface LockDataDirOptions {
  /** Whether a process with this id runs on this machine (tests). Default: `process.kill(pid, 0)`. */
  isAlive?: (pid: number) => boolean
  /** The clock (tests). */
  now?: () => Date
}

/** The lock file's name inside the data folder. */
export const lockFileName = 'server.lock'

/** Lock files this process holds: a lock naming this pid but not in here is left from an earlier life. */
const heldHere = new Set<string>()

/** Takeovers of stale locks before giving up (another process may be taking it over at once). */
const maxAttempts = 5

/**
 * Takes the folder's lock, atomically: the lock is written in full to a temporary file, then
 * hard-linked to `server.lock`, which fails when the name exists. A lock whose process no longer
 * runs on this machine (killed with SIGKILL, power loss) is taken over. Throws when another live
 * process, or a process on another machine, holds it; the message names the folder and it.
 */
export async function lockDataDir(
  folder: string,
  options: LockDataDirOptions = {},
): Promise<DataDirLock> {
  const isAlive = options.isAlive ?? processIsAlive
  const file = join(folder, lockFileName)
  const holder: LockHolder = {
    pid: process.pid,
    hostname: hostname(),
    since: (options.now?.() ?? new Date()).toISOString(),
  }
  let content = `${JSON.stringify(holder)}\n`
  for (let attempt = 0; attempt < maxAttempts; attempt++) {
    if (await createExclusive(file, content)) {
      heldHere.add(file)
      return {
        file,
        holder,
        async recordUrl(url) {
          // Only while the lock is still ours; a rename replaces the file in one step.
          if ((await readLock(file)) !== content) return
          const next = `${JSON.stringify({ ...holder, url })}\n`
          const temporary = `${file}.${process.pid}.${randomUUID()}.tmp`
          await writeFile(temporary, next, { mode: 0o644 })
          await rename(temporary, file)
          content = next
          holder.url = url
        },
        release: () => release(file, content),
      }
    }
    const found = await readLock(file)
    if (found === undefined) continue // removed meanwhile: try again
    const other = parseHolder(found)
    if (other !== undefined && !isStale(other, file, isAlive)) {
      throw new Error(lockedMessage(folder, file, other))
    }
    await takeOver(file, found)
  }
  throw new Error(
    `Could not take the lock of the data folder ${folder} (${file}): other processes keep taking it. Start one server per data folder.`,
  )
}

async function createExclusive(file: string, content: string): Promise<boolean> {
  const temporary = `${file}.${process.pid}.${randomUUID()}.tmp`
  await writeFile(temporary, content, { mode: 0o644 })
  try {
    await link(temporary, file)
    return true
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false
    throw error
  } finally {
    await unlink(temporary).catch(() => undefined)
  }
}

async function readLock(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw error
  }
}

function parseHolder(text: string): LockHolder | undefined {
  try {
    const value: unknown = JSON.parse(text)
    if (typeof value !== 'object' || value === null) return undefined
    const { pid, hostname: host, since, url } = value as Record<string, unknown>
    if (!Number.isSafeInteger(pid) || typeof host !== 'string' || typeof since !== 'string') {
      return undefined
    }
    return {
      pid: pid as number,
      hostname: host,
      since,
      ...(typeof url === 'string' ? { url } : {}),
    }
  } catch {
    return undefined
  }
}

/**
 * Stale: the holder ran on this machine and is gone, or it names this very process but was not
 * taken by it (a container restarted with the same pid). A lock from another machine is never
 * stale: its process cannot be checked from here.
 */
function isStale(holder: LockHolder, file: string, isAlive: (pid: number) => boolean): boolean {
  if (holder.hostname !== hostname()) return false
  if (holder.pid === process.pid) return !heldHere.has(file)
  return !isAlive(holder.pid)
}

/**
 * Moves the stale lock aside (atomic: of two processes taking it over, one moves it). When what
 * was moved is not the stale lock any more (another process took over in between), it is put back.
 */
async function takeOver(file: string, stale: string): Promise<void> {
  const aside = `${file}.${process.pid}.${randomUUID()}.stale`
  try {
    await rename(file, aside)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return
    throw error
  }
  const moved = await readFile(aside, 'utf8')
  if (moved !== stale) await link(aside, file).catch(() => undefined)
  await unlink(aside)
}

async function release(file: string, content: string): Promise<void> {
  heldHere.delete(file)
  // Only our own lock: a folder restored from a backup may hold another one.
  if ((await readLock(file)) === content) await unlink(file).catch(() => undefined)
}

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    // EPERM: it runs, under another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

function lockedMessage(folder: string, file: string, holder: LockHolder): string {
  const where = holder.hostname === hostname() ? '' : ` on ${holder.hostname}`
  const remedy =
    holder.hostname === hostname()
      ? 'stop that process first'
      : `stop that process first (if it no longer runs, delete ${file})`
  return (
    `The data folder ${folder} is in use by process ${holder.pid}${where} since ${holder.since}. ` +
    `Only one server process can use a data folder at a time: ${remedy}, use another folder ` +
    '(TRICKLE_DATA_DIR or --data), or set DATABASE_URL to run several instances on PostgreSQL.'
  )
}

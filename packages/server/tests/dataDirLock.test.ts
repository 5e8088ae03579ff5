import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { hostname, tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { lockDataDir, lockFileName, type DataDirLock } from '../src/dataDirLock'
import { openDatabase } from '../src/openDatabase'

const root = mkdtempSync(join(tmpdir(), 'trickle-lock-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))

let folders = 0
/** A new empty folder. */
const folder = () => {
  const dir = join(root, `f${folders++}`)
  mkdirSync(dir)
  return dir
}
/** A lock file as another process would have left it. */
const writeLock = (dir: string, holder: object) =>
  writeFileSync(join(dir, lockFileName), JSON.stringify(holder))

describe('lockDataDir', () => {
  it('writes pid, host and start time, refuses a second taker and releases on request', async () => {
    const dir = folder()
    const lock = await lockDataDir(dir, { now: () => new Date('2026-01-02T03:04:05.000Z') })
    expect(JSON.parse(readFileSync(lock.file, 'utf8'))).toEqual({
      pid: process.pid,
      hostname: hostname(),
      since: '2026-01-02T03:04:05.000Z',
    })
    await expect(lockDataDir(dir)).rejects.toThrow(
      `The data folder ${dir} is in use by process ${process.pid} since 2026-01-02T03:04:05.000Z`,
    )
    await lock.release()
    expect(existsSync(lock.file)).toBe(false)
    const again = await lockDataDir(dir)
    await again.release()
  })

  it('takes over the lock of a process that no longer runs here (SIGKILL)', async () => {
    const dir = folder()
    writeLock(dir, { pid: 999_999, hostname: hostname(), since: '2026-01-01T00:00:00.000Z' })
    const lock = await lockDataDir(dir, { isAlive: (pid) => pid !== 999_999 })
    expect(JSON.parse(readFileSync(lock.file, 'utf8')).pid).toBe(process.pid)
    await lock.release()
  })

  it('takes over a lock naming this pid that this process never took (a restarted container)', async () => {
    const dir = folder()
    writeLock(dir, { pid: process.pid, hostname: hostname(), since: '2026-01-01T00:00:00.000Z' })
    const lock = await lockDataDir(dir)
    expect(JSON.parse(readFileSync(lock.file, 'utf8')).since).not.toBe('2026-01-01T00:00:00.000Z')
    await lock.release()
  })

  it('refuses a live process, and one on another machine, naming them', async () => {
    const dir = folder()
    writeLock(dir, { pid: 4242, hostname: hostname(), since: '2026-01-01T00:00:00.000Z' })
    await expect(lockDataDir(dir, { isAlive: () => true })).rejects.toThrow(
      /in use by process 4242 since 2026-01-01T00:00:00.000Z/,
    )
    writeLock(dir, { pid: 4242, hostname: 'other-host', since: '2026-01-01T00:00:00.000Z' })
    await expect(lockDataDir(dir, { isAlive: () => false })).rejects.toThrow(
      /in use by process 4242 on other-host since .*delete .*server\.lock/,
    )
  })

  it('treats an unreadable lock file as stale', async () => {
    const dir = folder()
    writeFileSync(join(dir, lockFileName), 'not json')
    const lock = await lockDataDir(dir)
    await lock.release()
  })

  it('of two takers at the same time, exactly one gets the folder', async () => {
    const dir = folder()
    writeLock(dir, { pid: 999_998, hostname: hostname(), since: '2026-01-01T00:00:00.000Z' })
    const results = await Promise.allSettled(
      Array.from({ length: 4 }, () => lockDataDir(dir, { isAlive: (pid) => pid !== 999_998 })),
    )
    const taken = results.filter((result) => result.status === 'fulfilled')
    expect(taken).toHaveLength(1)
    for (const result of results) {
      if (result.status === 'rejected') expect(String(result.reason)).toMatch(/in use by process/)
    }
    await (taken[0] as PromiseFulfilledResult<DataDirLock>).value.release()
  })
})

describe('openDatabase on a data folder', () => {
  it('holds the lock while open and releases it on close', async () => {
    const dataDir = folder()
    const first = await openDatabase({ dataDir })
    expect(existsSync(join(dataDir, lockFileName))).toBe(true)
    await expect(openDatabase({ dataDir })).rejects.toThrow(/in use by process/)
    await first.close()
    expect(existsSync(join(dataDir, lockFileName))).toBe(false)
    const second = await openDatabase({ dataDir })
    await second.close()
  })
})

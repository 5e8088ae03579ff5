import { readFileSync } from 'node:fs'
import { queryOnce } from './postgresVersion.mjs'

/**
 * CPU time of other processes from /proc (Linux), for the server bench and the hand-off
 * profile. /proc/<pid>/stat gives times in clock ticks of USER_HZ, 100 per second.
 */
const ticksPerSecond = 100

/** The fields of /proc/<pid>/stat after the command name (in parentheses; it may hold spaces). */
function statFields(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ')
}

/** Ticks of user and system time of `pid`, plus those of its reaped children when asked. */
function ticks(pid, withReapedChildren) {
  // Fields 14 to 17 of stat(5): utime, stime, cutime, cstime.
  const [utime, stime, cutime, cstime] = statFields(pid).slice(11, 15).map(Number)
  return utime + stime + (withReapedChildren ? cutime + cstime : 0)
}

/** The parent's pid of `pid` (e.g. the postmaster of a PostgreSQL backend). */
export function parentPid(pid) {
  return Number(statFields(pid)[1])
}

/** CPU time (user + system, ms) the process `pid` has used so far: all its threads, not its children. */
export function processCpuMs(pid) {
  return (ticks(pid, false) * 1000) / ticksPerSecond
}

/**
 * CPU time (ms) of a PostgreSQL cluster so far: the postmaster, its live children (backends,
 * background processes) and the children it reaped. 0 without a pid (no cluster, e.g. PGlite).
 */
export function clusterCpuMs(postmasterPid) {
  if (!postmasterPid) return 0
  let total = ticks(postmasterPid, true)
  const children = readFileSync(`/proc/${postmasterPid}/task/${postmasterPid}/children`, 'utf8')
  for (const pid of children.trim().split(/\s+/).filter(Boolean)) {
    try {
      total += ticks(pid, false)
    } catch {
      // ended meanwhile: its time is in the postmaster's reaped children
    }
  }
  return (total * 1000) / ticksPerSecond
}

/**
 * The postmaster's pid of the cluster at `url`: the parent of the backend that serves a
 * connection (`select pg_backend_pid()`), read while that backend still runs.
 */
export async function postmasterPidOf(url) {
  return queryOnce(url, 'select pg_backend_pid() as pid', (row) => parentPid(row.pid))
}

import { Session } from 'node:inspector/promises'

/**
 * Samples this process's CPU while `run` runs (node:inspector's profiler) and returns the self
 * time in ms by module group (the package or workspace folder a function's file belongs to) and
 * the heaviest functions, for the hand-off profile.
 */
export async function cpuProfile(run, { top = 20 } = {}) {
  const session = new Session()
  session.connect()
  await session.post('Profiler.enable')
  await session.post('Profiler.setSamplingInterval', { interval: 100 })
  await session.post('Profiler.start')
  let profile
  try {
    await run()
  } finally {
    ;({ profile } = await session.post('Profiler.stop'))
    session.disconnect()
  }
  const byId = new Map(profile.nodes.map((node) => [node.id, node]))
  const selfMs = new Map()
  for (let i = 0; i < profile.samples.length; i++) {
    const id = profile.samples[i]
    selfMs.set(id, (selfMs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000)
  }
  const groups = new Map()
  const functions = new Map()
  for (const [id, ms] of selfMs) {
    const { callFrame } = byId.get(id)
    const group = groupOf(callFrame.url, callFrame.functionName)
    groups.set(group, (groups.get(group) ?? 0) + ms)
    const name = `${callFrame.functionName || '(anonymous)'} ${shortUrl(callFrame.url)}:${callFrame.lineNumber + 1}`
    functions.set(name, (functions.get(name) ?? 0) + ms)
  }
  const sorted = (map) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, ms]) => ({ name, ms: Number(ms.toFixed(1)) }))
  return { groups: sorted(groups), functions: sorted(functions) }
}

function groupOf(url, functionName) {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)'
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)
  if (pkg) return pkg[1]
  if (url.startsWith('node:')) return url
  const src = /\/(packages\/[^/]+\/src\/(?:[^/]+\/)?)/.exec(url)
  if (src) return src[1]
  return shortUrl(url)
}

const shortUrl = (url) => url.replace(/^.*\/(node_modules|packages|bench)\//, '$1/')

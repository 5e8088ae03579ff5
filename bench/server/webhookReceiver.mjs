import { fork } from 'node:child_process'
import { createServer } from 'node:http'
import { fileURLToPath } from 'node:url'

/**
 * The webhook receiver of the server benchmark: answers every POST with 200 at once and counts,
 * per path (one per scenario), the events by type and the requests whose `webhook-id` it had
 * already seen (duplicates). It listens on 127.0.0.1 only and does not verify signatures (the
 * server tests do), so it measures the sending side.
 */
export async function startWebhookReceiver() {
  const paths = new Map()
  const statsOf = (path) => {
    let stats = paths.get(path)
    if (!stats) {
      stats = { ids: new Set(), byType: {}, requests: 0, duplicates: 0 }
      paths.set(path, stats)
    }
    return stats
  }
  const server = createServer((request, response) => {
    const chunks = []
    request.on('data', (chunk) => chunks.push(chunk))
    request.on('end', () => {
      const stats = statsOf(request.url ?? '/')
      stats.requests += 1
      const id = String(request.headers['webhook-id'] ?? '')
      if (stats.ids.has(id)) stats.duplicates += 1
      else {
        stats.ids.add(id)
        const { type } = JSON.parse(Buffer.concat(chunks).toString('utf8'))
        stats.byType[type] = (stats.byType[type] ?? 0) + 1
      }
      response.writeHead(200, { 'content-type': 'text/plain' }).end('ok')
    })
  })
  server.keepAliveTimeout = 30_000
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
  const url = `http://127.0.0.1:${server.address().port}`
  return {
    url,
    /** What arrived at `path`: `{ events, byType, requests, duplicates }`. */
    stats(path) {
      const stats = statsOf(path)
      return {
        events: stats.ids.size,
        byType: { ...stats.byType },
        requests: stats.requests,
        duplicates: stats.duplicates,
      }
    },
    stop: () =>
      new Promise((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

/**
 * The same receiver in a process of its own, as a CRM is not the load generator: its work does
 * not wait in the event loop of the clients that measure the server. `stats(path)` is then
 * asked over the process's IPC channel (a promise); `pid` gives its CPU time.
 */
export async function startWebhookReceiverProcess() {
  const child = fork(fileURLToPath(import.meta.url), ['--serve'], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  })
  const waiting = new Map()
  let nextId = 0
  const url = await new Promise((resolve, reject) => {
    child.once('error', reject)
    child.once('exit', (code) => reject(new Error(`the webhook receiver ended (${code})`)))
    child.once('message', (message) => resolve(message.url))
  })
  child.on('message', (message) => {
    waiting.get(message.id)?.(message.stats)
    waiting.delete(message.id)
  })
  return {
    url,
    pid: child.pid,
    /** What arrived at `path` so far (see startWebhookReceiver). */
    stats(path) {
      nextId += 1
      const id = nextId
      return new Promise((resolve) => {
        waiting.set(id, resolve)
        child.send({ id, path })
      })
    },
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve()
        child.once('exit', () => resolve())
        child.disconnect()
      }),
  }
}

// Run with `--serve` by startWebhookReceiverProcess: the receiver, answering over IPC.
if (process.argv[1] === fileURLToPath(import.meta.url) && process.argv.includes('--serve')) {
  const receiver = await startWebhookReceiver()
  process.on('message', ({ id, path }) => process.send({ id, stats: receiver.stats(path) }))
  process.once('disconnect', () => void receiver.stop().then(() => process.exit(0)))
  process.send({ url: receiver.url })
}

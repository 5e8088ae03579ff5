import { createServer } from 'node:http'

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

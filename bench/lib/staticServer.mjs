import { createServer } from 'node:http'

/**
 * Serves in-memory files on 127.0.0.1 (a free port): `files` maps a path such as `/index.html`
 * to `{ type, body }`. Module scripts need an http origin; file:// pages cannot load them.
 */
export async function startStaticServer(files) {
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname
    const file = files.get(path === '/' ? '/index.html' : path)
    if (!file && path === '/favicon.ico') {
      response.writeHead(204).end()
      return
    }
    if (!file) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end(`No file ${path}`)
      return
    }
    response
      .writeHead(200, { 'content-type': file.type, 'cache-control': 'no-store' })
      .end(file.body)
  })
  await new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', resolve)
  })
  const address = server.address()
  const port = typeof address === 'object' && address ? address.port : 0
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

/** A page that runs one ES module bundle, with a `#root` to render into. */
export function modulePage(title, script = '/main.js') {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head><body><div id="root"></div><script type="module" src="${script}"></script></body></html>`
}

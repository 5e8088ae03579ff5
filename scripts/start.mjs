// `npm start` and `npm run dev`: the Trickle server (embedded PGlite in .trickle-data/, the
// example's config and PDFs) and the whitepaper example on Vite's dev server, which proxies
// /api to the server. Everything runs on the TypeScript sources (tsx, Vite): no build step.
// Ctrl-C stops both.
//   TRICKLE_PORT        the server's port (default 8787, or the next free one)
//   PORT                the site's port (default 5173, or the next free one)
//   TRICKLE_ADMIN_TOKEN the admin token for the report (default: a new one per run)
import { randomBytes } from 'node:crypto'
import { join } from 'node:path'
import process from 'node:process'
import { createServer } from 'vite'
import {
  exampleDir,
  freePort,
  repoRoot,
  startTrickleServer,
} from '../examples/whitepaper/scripts/trickleServer.mjs'

const dataDir = join(repoRoot, '.trickle-data')
const adminToken = process.env.TRICKLE_ADMIN_TOKEN?.trim() || randomBytes(18).toString('base64url')
const bold = (text) => (process.stdout.isTTY ? `\x1b[1m${text}\x1b[22m` : text)

const sitePort = await freePort(Number(process.env.PORT ?? 5173))
let server = null
try {
  server = await startTrickleServer({
    port: await freePort(Number(process.env.TRICKLE_PORT ?? 8787)),
    dataDir,
    adminToken,
    // Confirmation links in double opt-in mails go through the site's /api proxy.
    publicUrl: `http://localhost:${sitePort}/api`,
    log: (line) => console.log(`[server] ${line}`),
  })
} catch (error) {
  console.error(`\n${error.message}\n`)
  console.error(
    'The site starts without the server: answers stay in the browser. Fix the problem above ' +
      '(often another `npm start` still holds .trickle-data/) and start again.\n',
  )
}

if (server) process.env.TRICKLE_API_URL = server.url
const site = await createServer({
  configFile: join(exampleDir, 'vite.config.ts'),
  server: { port: sitePort, strictPort: true },
})
await site.listen()
const url = (site.resolvedUrls?.local[0] ?? `http://localhost:${site.config.server.port}/`).replace(
  /\/$/,
  '',
)

console.log(`
  ${bold('Trickle example: Fernhollow Systems whitepapers')}

  Site            ${bold(`${url}/`)}
  Privacy center  ${url}/privacy
  Kiosk mode      ${url}/?kiosk=1
  Plain DOM       npx vite examples/vanilla  (the core without React)${
    server
      ? `
  Report          ${url}/admin#token=${adminToken}
  API             ${server.url}  (PGlite in ${dataDir})
  Admin token     ${adminToken}  (printed once; set TRICKLE_ADMIN_TOKEN to choose one)`
      : ''
  }

  Press Ctrl-C to stop.
`)

let stopping = false
async function stop(code) {
  if (stopping) return
  stopping = true
  // Both at once, and never longer than 5 s: a hanging dev server must not orphan the API.
  const closed = Promise.allSettled([server?.stop(), site.close()])
  await Promise.race([closed, new Promise((done) => setTimeout(done, 5000).unref())])
  process.exit(code)
}
process.on('SIGINT', () => void stop(0))
process.on('SIGTERM', () => void stop(0))
server?.child.once('exit', (exitCode, signal) => {
  if (stopping) return
  // Ctrl-C reaches the server too; it stops cleanly (exit 0) and so does the site.
  if (exitCode === 0) return void stop(0)
  console.error(
    `[server] stopped unexpectedly (${signal ?? `exit ${exitCode}`}); stopping the site.`,
  )
  void stop(1)
})

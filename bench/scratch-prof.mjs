import { spawn } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
const dir = mkdtempSync('/tmp/trickle-prof-')
const child = spawn(process.execPath, ['--cpu-prof', '--cpu-prof-dir=/tmp/prof', '--import', 'tsx', '--conditions=@trickle/source', 'bench/server/appServer.mjs', process.argv[2], dir], { stdio: ['pipe', 'pipe', 'inherit'] })
const url = await new Promise((r) => child.stdout.on('data', (d) => { const m = /listening on (\S+)/.exec(String(d)); if (m) r(m[1]) }))
let n = 0; const stopAt = performance.now() + 6000; const lat = []
await Promise.all(Array.from({ length: 16 }, async () => { while (performance.now() < stopAt) { n++; const t = performance.now(); const r = await fetch(url + '/v1/submissions', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ formId: 'whitepaper', idempotencyKey: crypto.randomUUID(), locale: 'en', values: { email: `v${n}@example.com`, firstName: 'A', lastName: 'B', company: 'C' }, consents: { newsletter: false, sales: false } }) }); await r.text(); lat.push(performance.now() - t) } }))
console.log(lat.length, 'in 6 s')
child.stdin.end()
await new Promise((r) => child.once('exit', r))

import { readFileSync } from 'node:fs'
import { parseConfig } from '@trickle/core'
import { createTrickleServer, openDatabase } from '@trickle/server'
const config = parseConfig(JSON.parse(readFileSync('packages/core/tests/fixtures/b2b-whitepaper.json','utf8'))).config
const database = await openDatabase({ dataDir: 'memory://' })
const app = createTrickleServer({ config, database, secret: 'x'.repeat(40), rateLimit: false, log: console.error }).app
const body = { formId: 'whitepaper', idempotencyKey: crypto.randomUUID(), locale: 'en', values: { email: 'ada@example.com', firstName: 'Ada', lastName: 'Lovelace', company: 'AE Ltd' }, consents: { newsletter: false, sales: false } }
const r = await app.request('http://x/v1/submissions', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
console.log(r.status, (await r.text()).slice(0, 300))
for (const t of ['visitors','field_values','consent_events','consent_texts','submissions']) console.log(t, (await database.db.$client.query(`select * from ${t}`)).rows)
await database.close()

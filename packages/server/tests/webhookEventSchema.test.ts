import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { Ajv2020 } from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Config } from '@trickle/core'
import { webhookEventJsonSchema } from '../src/delivery/webhookEventSchema'
import { firstVisit, parsed, whitepaperConfig } from './support/fixtures'
import { describeDatabases, useServer } from './support/testServer'

const repoRoot = join(import.meta.dirname, '../../..')
const schemaFile = join(repoRoot, 'packages/server/webhook-event.schema.json')
const guide = join(repoRoot, 'docs/handoff-guide.md')

function validator() {
  const ajv = new Ajv2020({ allErrors: true, strict: true })
  addFormats.default(ajv)
  return ajv.compile(JSON.parse(readFileSync(schemaFile, 'utf8')) as object)
}

/** The fenced blocks of the hand-off guide with their info strings. */
function guideBlocks(): { info: string; code: string }[] {
  const text = readFileSync(guide, 'utf8')
  return [...text.matchAll(/^```(\S*[^\n]*)\n([\s\S]*?)^```$/gm)].map((match) => ({
    info: match[1] ?? '',
    code: match[2] ?? '',
  }))
}

describe('the shipped webhook JSON Schema', () => {
  it('is the one generated from webhookEventSchema (write it with scripts/writeWebhookEventSchema.ts)', () => {
    const shipped: unknown = JSON.parse(readFileSync(schemaFile, 'utf8'))
    expect(shipped).toEqual(JSON.parse(JSON.stringify(webhookEventJsonSchema)))
  })

  it('is shipped in the package and exported by name', () => {
    const pkg = JSON.parse(
      readFileSync(join(repoRoot, 'packages/server/package.json'), 'utf8'),
    ) as {
      files: string[]
      exports: Record<string, unknown>
    }
    expect(pkg.files).toContain('webhook-event.schema.json')
    expect(pkg.exports['./webhook-event.schema.json']).toBe('./webhook-event.schema.json')
  })

  it("accepts the guide's example payload and refuses broken ones", () => {
    const validate = validator()
    const example = guideBlocks()
      .filter((block) => block.info.startsWith('json data'))
      .map((block) => JSON.parse(block.code) as Record<string, unknown>)
      .find((value) => value.type === 'submission.created')
    expect(example).toBeDefined()
    expect(validate(example), JSON.stringify(validate.errors)).toBe(true)

    const data = (example as { data: Record<string, unknown> }).data
    const broken = [
      { ...example, type: 'submission.updated' },
      { ...example, data: { ...data, fields: JSON.parse('{"__proto__": "x"}') as object } },
      { ...example, data: { ...data, fields: { email: { nested: true } } } },
      { ...example, data: { ...data, email: 'ada@example.com' } },
      { ...example, timestamp: 'yesterday' },
      { type: 'profile.erased', timestamp: '2026-03-02T09:00:00.000Z', data: { fields: {} } },
    ]
    for (const value of broken) expect(validate(value), JSON.stringify(value)).toBe(false)
  })
})

// ---------------------------------------------------------------------------------------------
// Real deliveries, received by the receiver the hand-off guide documents.

const secret = `whsec_${Buffer.from('a test secret of the hand-off guide receiver').toString('base64')}`

type HandleEvent = (event: unknown, eventId: string) => Promise<void>
type ReceiverModule = {
  trickleReceiver: (
    secret: string,
    handle: HandleEvent,
    seen?: Set<string>,
  ) => (request: IncomingMessage, response: ServerResponse) => void
}

/** The guide's `receiver.ts`, written out and imported as an app would use it. */
async function guideReceiver(): Promise<ReceiverModule> {
  const block = guideBlocks().find((b) => b.info.includes('title="receiver.ts"'))
  if (!block) throw new Error('docs/handoff-guide.md has no block titled receiver.ts')
  const dir = join(repoRoot, 'node_modules/.cache/handoff-receiver')
  mkdirSync(dir, { recursive: true })
  const file = join(dir, `receiver-${process.pid}.ts`)
  writeFileSync(file, block.code)
  return (await import(/* @vite-ignore */ pathToFileURL(file).href)) as ReceiverModule
}

function configWithWebhook(): Config {
  return parsed({
    ...whitepaperConfig(),
    destinations: [{ id: 'crm', type: 'webhook', purposes: ['delivery', 'personalisation'] }],
  })
}

interface Received {
  id: string
  headers: Record<string, string>
  body: string
  status: number
}

describeDatabases('a real webhook delivery', (kind) => {
  const requests: Received[] = []
  const handled: { eventId: string; event: unknown }[] = []
  const failedOnce = new Set<string>()
  let url = ''
  let close = () => {}

  beforeAll(async () => {
    const { trickleReceiver } = await guideReceiver()
    // The CRM fails the first attempt of each event (Trickle must retry with the same id).
    const handler = trickleReceiver(secret, async (event, eventId) => {
      if (!failedOnce.has(eventId)) {
        failedOnce.add(eventId)
        throw new Error('CRM busy')
      }
      handled.push({ eventId, event })
    })
    const server = createServer((request, response) => {
      const chunks: Buffer[] = []
      request.on('data', (chunk: Buffer) => chunks.push(chunk))
      response.on('finish', () =>
        requests.push({
          id: String(request.headers['webhook-id']),
          headers: Object.fromEntries(
            Object.entries(request.headers).map(([k, v]) => [k, String(v)]),
          ),
          body: Buffer.concat(chunks).toString('utf8'),
          status: response.statusCode,
        }),
      )
      handler(request, response)
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/trickle`
    close = () => server.close()
  })
  afterAll(() => close())

  const t = useServer(kind, {
    config: configWithWebhook(),
    ...({
      destinations: {
        crm: {
          get url() {
            return url
          },
          secret,
        },
      },
      delivery: { retrySchedule: [50, 50, 50, 50, 50], pollIntervalMs: 50 },
    } as object),
  })

  it('validates against the shipped JSON Schema, and the guide receiver handles it once', async () => {
    const visitor = t.browser()
    const response = await visitor.post('/v1/submissions', firstVisit('ada@example.com'))
    expect(response.status).toBe(201)

    await expect
      .poll(() => handled.length, { timeout: 20_000, interval: 50 })
      .toBeGreaterThanOrEqual(1)
    const [{ eventId, event }] = handled as [{ eventId: string; event: unknown }]

    const validate = validator()
    expect(validate(event), JSON.stringify(validate.errors)).toBe(true)
    expect(event).toMatchObject({
      type: 'submission.created',
      data: {
        formId: 'whitepaper',
        fields: {
          email: 'ada@example.com',
          firstName: 'Ada',
          lastName: 'Lovelace',
          company: 'Analytical Engines Ltd',
        },
      },
    })
    // The body on the wire is exactly the validated event, with nothing else in it.
    const wire = requests.filter((r) => r.id === eventId)
    expect(wire.map((r) => r.status)).toEqual([500, 204])
    expect(new Set(wire.map((r) => r.body)).size).toBe(1)
    expect(JSON.parse(wire[1]?.body ?? '')).toEqual(event)

    // A duplicate (the same request again) is acknowledged and not handled a second time.
    const again = wire[1] as Received
    const replay = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'webhook-id': again.headers['webhook-id'] ?? '',
        'webhook-timestamp': again.headers['webhook-timestamp'] ?? '',
        'webhook-signature': again.headers['webhook-signature'] ?? '',
      },
      body: again.body,
    })
    expect(replay.status).toBe(200)
    expect(handled.filter((h) => h.eventId === eventId)).toHaveLength(1)

    // A forged body with the same headers is refused.
    const forged = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'webhook-id': 'forged-id',
        'webhook-timestamp': again.headers['webhook-timestamp'] ?? '',
        'webhook-signature': again.headers['webhook-signature'] ?? '',
      },
      body: again.body.replace('Ada', 'Eve'),
    })
    expect(forged.status).toBe(401)
  })

  it('an erasure is delivered as profile.erased that validates too', async () => {
    const visitor = t.browser()
    expect((await visitor.post('/v1/submissions', firstVisit('grace@example.com'))).status).toBe(
      201,
    )
    await expect
      .poll(() => handled.length, { timeout: 20_000, interval: 50 })
      .toBeGreaterThanOrEqual(2)
    expect((await visitor.delete('/v1/me')).status).toBeLessThan(300)
    await expect
      .poll(
        () => handled.find((h) => (h.event as { type?: string }).type === 'profile.erased')?.event,
        { timeout: 20_000, interval: 50 },
      )
      .toBeDefined()
    const validate = validator()
    for (const { event } of handled) {
      expect(validate(event), JSON.stringify(validate.errors)).toBe(true)
    }
    const erased = handled.find((h) => (h.event as { type?: string }).type === 'profile.erased')
      ?.event as { data: { erasedFieldIds: string[]; fields: object } }
    expect(erased.data.fields).toEqual({})
    expect([...erased.data.erasedFieldIds].sort()).toEqual(
      ['company', 'email', 'firstName', 'lastName'].sort(),
    )
  })
})

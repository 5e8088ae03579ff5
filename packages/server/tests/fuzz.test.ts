import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'drizzle-orm'
import fc from 'fast-check'
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { TrickleDatabase } from '../src/openDatabase'
import { createSigner } from '../src/signer'
import { visitorCookieName } from '../src/visitorCookie'
import { origin } from './support/browser'
import { adminToken, firstVisit, testSecret } from './support/fixtures'
import { describeDatabases, query as rows, useServer } from './support/testServer'

/**
 * A seeded fuzz of every endpoint with hostile requests: wrong methods and types, huge numbers,
 * NUL and lone surrogates, prototype keys, deep nesting, wrong content types, bad cookies and
 * oversized bodies (declared and chunked), mixed with valid requests. No answer may be a 5xx,
 * and no refused (4xx) request may write a row: the row counts of every table are compared
 * before and after each one. Bounded by count (`runs` requests per database), never by time.
 */

const runs = 2000

const dir = mkdtempSync(join(tmpdir(), 'trickle-fuzz-'))
writeFileSync(join(dir, 'whitepaper.pdf'), '%PDF-1.4 fuzz\n')
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** Characters that break parsers, databases and pointers, mixed with any other. */
const nasty = ['\u0000', '\ud800', '\udbff', '\udc00', '\udfff', '\u202e', '\ufeff', '"', '\\']
const char = fc.oneof(
  { weight: 1, arbitrary: fc.constantFrom(...nasty, '/', '~', '%', '\n') },
  { weight: 4, arbitrary: fc.string({ minLength: 1, maxLength: 1, unit: 'binary' }) },
)
const nastyText = fc.string({ maxLength: 12, unit: char })
const prototypeKeys = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty']
const hostileText = fc.oneof(
  nastyText,
  fc.constantFrom(...prototypeKeys, '', ' ', "'; drop table visitors; --", '<script>', 'NaN'),
  fc.integer({ min: 1, max: 3 }).map((n) => 'x'.repeat(n * 9000)),
)
const hugeNumber = fc.oneof(
  fc.constantFrom(1e308, -1e308, 2 ** 53 + 1, -0, 5e-324, Number.MAX_SAFE_INTEGER),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.bigInt({ min: 10n ** 20n, max: 10n ** 30n }).map(Number),
)
const hostileKey = fc.oneof(fc.constantFrom(...prototypeKeys), nastyText, fc.string())
const hostileJson: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    hostileText,
    hugeNumber,
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc
      .array(fc.tuple(hostileKey, tie('value')), { maxLength: 4 })
      .map((entries) => objectOf(entries)),
  ),
})).value

/** An object with own properties even for `__proto__`, as JSON.parse builds them. */
function objectOf(entries: [string, unknown][]): Record<string, unknown> {
  const object: Record<string, unknown> = {}
  for (const [key, value] of entries) {
    Object.defineProperty(object, key, {
      value,
      enumerable: true,
      configurable: true,
      writable: true,
    })
  }
  return object
}

/** Mostly `valid`, sometimes `hostile`: bodies get past the first checks and fail later. */
function mostly<T, U = unknown>(
  valid: fc.Arbitrary<T>,
  hostile: fc.Arbitrary<U> = hostileJson as fc.Arbitrary<U>,
  validWeight = 9,
): fc.Arbitrary<T | U> {
  return fc.oneof({ weight: validWeight, arbitrary: valid }, { weight: 1, arbitrary: hostile })
}

/** A submission whose every part may be replaced with hostile JSON. */
const submissionBody = fc
  .record({
    formId: mostly(fc.constantFrom('whitepaper', 'whitepaper', 'checklist')),
    idempotencyKey: mostly(fc.uuid()),
    locale: mostly(fc.constantFrom('en', 'de')),
    email: mostly(fc.constantFrom('ada@example.com', 'grace@example.org')),
    // Text answers are stored as they are: text a database refuses must be caught before.
    firstName: mostly(fc.constant('Ada'), fc.oneof(nastyText, hostileJson), 2),
    company: mostly(fc.constant('Engines'), fc.oneof(nastyText, hostileJson), 2),
    extraValues: mostly(
      fc.constant([]),
      fc.array(fc.tuple(hostileKey, hostileJson), { maxLength: 3 }),
    ),
    consents: mostly(fc.record({ newsletter: fc.boolean(), sales: fc.boolean() })),
    extra: mostly(fc.constant([]), fc.array(fc.tuple(hostileKey, hostileJson), { maxLength: 2 })),
  })
  .map((parts) =>
    JSON.stringify(
      objectOf([
        ['formId', parts.formId],
        ['idempotencyKey', parts.idempotencyKey],
        ['locale', parts.locale],
        [
          'values',
          objectOf([
            ['email', parts.email],
            ['firstName', parts.firstName],
            ['lastName', 'Lovelace'],
            ['company', parts.company],
            ...parts.extraValues,
          ]),
        ],
        ['consents', parts.consents],
        ...parts.extra,
      ]),
    ),
  )

/** Raw bodies no serializer would write. */
const rawBody = fc.oneof(
  fc.constantFrom(
    '',
    '{',
    'null',
    '[1,2]',
    '"whitepaper"',
    '{"formId": NaN}',
    '{"formId": 1e400}',
    '{/* hi */}',
    '\ufeff{}',
    '{"__proto__": {"polluted": 1}}',
    '{"constructor": {"prototype": {"polluted": 1}}}',
    '{"formId":"whitepaper","formId":"checklist"}',
  ),
  fc.integer({ min: 100, max: 20_000 }).map((n) => `{"a":${'['.repeat(n)}${']'.repeat(n)}}`),
  fc.string({ maxLength: 200, unit: char }),
)
const invalidUtf8 = fc
  .uint8Array({ minLength: 1, maxLength: 64 })
  .map((bytes) => new Uint8Array([0x7b, 0x22, 0xff, 0xc0, ...bytes, 0x22, 0x7d]))
/** Larger than the 64 KiB limit: sent with its length, or in chunks without one. */
const oversized = fc.integer({ min: 65, max: 160 }).map((kib) => ({ kib }))

type Body = string | Uint8Array | { kib: number } | undefined
const body: fc.Arbitrary<Body> = fc.oneof(
  { weight: 6, arbitrary: submissionBody },
  { weight: 4, arbitrary: hostileJson.map((value) => JSON.stringify(value) ?? 'undefined') },
  { weight: 3, arbitrary: rawBody },
  { weight: 1, arbitrary: invalidUtf8 },
  { weight: 1, arbitrary: oversized },
  { weight: 1, arbitrary: fc.constant(undefined) },
  { weight: 1, arbitrary: hostileText.map((token) => `token=${encodeText(token)}`) },
)

/** Percent-encodes any text, lone surrogates too (as the bytes a broken client would send). */
function encodeText(text: string): string {
  let encoded = ''
  for (const unit of text) {
    try {
      encoded += encodeURIComponent(unit)
    } catch {
      encoded += '%ED%A0%80'
    }
  }
  return encoded
}

const pathText = fc.oneof(
  fc.constantFrom(
    '%00',
    '%ED%A0%80',
    '%FF',
    '%E0%A4%A',
    '..%2F..%2Fetc',
    '__proto__',
    'a'.repeat(300),
  ),
  nastyText.map(encodeText),
)

interface Endpoint {
  method: string
  path: fc.Arbitrary<string>
}
const query = (name: string, valid: string[]) =>
  fc
    .oneof(
      fc.constantFrom(...valid),
      pathText,
      fc.constant(null),
      fc.constant(`${valid[0] ?? ''}&${name}=${valid[0] ?? ''}`),
    )
    .map((value) => (value === null ? '' : `?${name}=${value}`))

const endpoints = (tokens: () => { download: string; confirm: string }): Endpoint[] => [
  { method: 'GET', path: query('form', ['whitepaper', 'checklist']).map((q) => `/v1/plan${q}`) },
  // The endpoint with the most to check, three times as often.
  ...Array.from({ length: 3 }, () => ({ method: 'POST', path: fc.constant('/v1/submissions') })),
  {
    method: 'POST',
    path: fc
      .oneof(fc.constantFrom('newsletter', 'sales', 'delivery'), pathText)
      .map((purpose) => `/v1/consents/${purpose}/withdraw`),
  },
  { method: 'GET', path: query('locale', ['en', 'de']).map((q) => `/v1/me/export${q}`) },
  { method: 'POST', path: fc.constant('/v1/me/forget') },
  { method: 'DELETE', path: fc.constant('/v1/me') },
  {
    method: 'GET',
    path: fc
      .oneof(fc.constant(null), pathText)
      .map((token) => `/v1/doi/confirm?token=${token ?? tokens().confirm}`),
  },
  { method: 'POST', path: fc.constant('/v1/doi/confirm') },
  {
    method: 'GET',
    path: fc
      .oneof(fc.constant(null), pathText)
      .chain((token) =>
        fc
          .constantFrom('whitepaper', 'checklist', '__proto__', '%00')
          .map((form) => `/v1/assets/${form}?token=${token ?? tokens().download}`),
      ),
  },
  { method: 'GET', path: fc.constant('/v1/report') },
  {
    method: 'GET',
    path: fc
      .tuple(
        query('status', ['pending', 'dead', 'delivered']),
        query('limit', ['1', '1000', '-1', '1e9']),
      )
      .map(
        ([status, limit]) =>
          `/v1/admin/deliveries${status}${limit.replace('?', status ? '&' : '?')}`,
      ),
  },
  {
    method: 'POST',
    path: fc.oneof(fc.uuid(), pathText).map((id) => `/v1/admin/deliveries/${id}/retry`),
  },
  {
    method: 'POST',
    path: fc
      .oneof(fc.constantFrom('crm', 'webhook'), pathText)
      .map((id) => `/v1/admin/destinations/${id}/enable`),
  },
  { method: 'GET', path: fc.constant('/healthz') },
]

const contentTypes = [
  'application/json',
  'application/json; charset=utf-8',
  'application/json; charset=latin1',
  'application/x-www-form-urlencoded',
  'text/plain',
  'multipart/form-data; boundary=x',
  'application/json; charset=utf-16',
]

const signer = createSigner(testSecret)

/** Row counts of every table of the database, tables added later included. */
async function rowCounts(database: TrickleDatabase): Promise<Record<string, number>> {
  const tables = await rows<{ name: string }>(
    database,
    sql`select table_name as name from information_schema.tables
      where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`,
  )
  expect(tables.length).toBeGreaterThanOrEqual(7)
  const counts: Record<string, number> = {}
  for (const { name } of tables) {
    const [row] = await rows<{ n: number }>(
      database,
      sql`select count(*)::int as n from ${sql.identifier(name)}`,
    )
    counts[name] = Number(row?.n)
  }
  return counts
}
type CookieKind = 'none' | 'returning' | 'erased' | 'forged' | 'not-a-uuid' | 'garbage' | 'huge'

describeDatabases('fuzzing every endpoint', (kind) => {
  const t = useServer(kind, { assets: { whitepaper: { path: join(dir, 'whitepaper.pdf') } } })
  const cookies: Record<CookieKind, string | undefined> = {
    none: undefined,
    returning: undefined,
    erased: undefined,
    forged: `${crypto.randomUUID()}.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA`,
    'not-a-uuid': signer.sign('visitor', '__proto__'),
    garbage: '%00%ff;;==',
    huge: 'a'.repeat(8000),
  }
  const tokens = { download: 'x', confirm: 'x' }

  /** A returning visitor with a pending double opt-in and a download link. */
  const signUp = async () => {
    const returning = t.browser()
    const signedUp = await returning.post('/v1/submissions', {
      ...firstVisit('fuzz@example.com'),
      consents: { newsletter: true, sales: true },
    })
    expect(signedUp.status).toBe(201)
    const result = (await signedUp.json()) as { download: { url: string } | null }
    const download = new URL(result.download?.url ?? '/?token=x', origin)
    tokens.download = download.searchParams.get('token') ?? 'x'
    const confirm = new URL(t.mailer.sent.at(-1)?.confirmUrl ?? 'http://x/?token=x')
    tokens.confirm = confirm.searchParams.get('token') ?? 'x'
    cookies.returning = returning.cookie
  }

  beforeAll(async () => {
    await signUp()
    const erased = t.browser()
    expect((await erased.post('/v1/submissions', firstVisit('gone@example.com'))).status).toBe(201)
    cookies.erased = erased.cookie
    const eraser = t.browser()
    eraser.cookie = erased.cookie
    expect((await eraser.delete('/v1/me')).status).toBe(200)
  })

  it(`answers ${runs} hostile requests over every endpoint without a 5xx; refused ones write nothing`, async () => {
    const target = fc
      .constantFrom(...endpoints(() => tokens))
      .chain(({ method, path }) => path.map((resolved) => ({ method, path: resolved })))
    const request = fc.record({
      endpoint: fc.oneof(
        { weight: 8, arbitrary: target },
        // Wrong methods on real paths.
        {
          weight: 1,
          arbitrary: fc
            .tuple(fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'), target)
            .map(([method, { path }]) => ({ method, path })),
        },
      ),
      body,
      contentType: fc.oneof(
        { weight: 6, arbitrary: fc.constant('application/json') },
        { weight: 2, arbitrary: fc.constantFrom(...contentTypes) },
        { weight: 1, arbitrary: fc.constant(undefined) },
      ),
      cookie: fc.constantFrom<CookieKind>(
        'none',
        'returning',
        'returning',
        'erased',
        'forged',
        'not-a-uuid',
        'garbage',
        'huge',
      ),
      chunked: fc.boolean(),
      origin: fc.oneof(
        { weight: 6, arbitrary: fc.constant(undefined) },
        { weight: 1, arbitrary: fc.constantFrom(origin, 'https://evil.example', 'null') },
      ),
      authorization: fc.oneof(
        { weight: 2, arbitrary: fc.constant(undefined) },
        { weight: 2, arbitrary: fc.constant(`Bearer ${adminToken}`) },
        { weight: 1, arbitrary: fc.constantFrom('Bearer x', 'Basic YWRtaW46YWRtaW4=', 'Bearer') },
      ),
    })

    const statuses = new Map<number, number>()
    const routes = new Map<string, number>()
    let counts = await rowCounts(t.database)
    let sent = 0
    await fc.assert(
      fc.asyncProperty(fc.noBias(request), async (item) => {
        const { method, path: resolved } = item.endpoint
        const headers = new Headers()
        if (item.contentType) headers.set('content-type', item.contentType)
        const cookie = cookies[item.cookie]
        if (cookie !== undefined) headers.set('cookie', `${visitorCookieName}=${cookie}`)
        if (item.origin) headers.set('origin', item.origin)
        if (item.authorization) headers.set('authorization', item.authorization)
        const init: RequestInit & { duplex?: 'half' } = { method, headers }
        if (method !== 'GET' && method !== 'OPTIONS' && item.body !== undefined) {
          init.body = bodyOf(item.body, item.chunked)
          if (init.body instanceof ReadableStream) init.duplex = 'half'
        }
        const response = await t.server.app.request(`${origin}${resolved}`, init)
        sent++
        const text = await response.text()
        const what = `${method} ${resolved.slice(0, 120)} (${item.cookie}): ${response.status} ${text.slice(0, 200)}`
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1)
        if (process.env.TRICKLE_TEST_VERBOSE) {
          const key = `${response.status} ${method} ${resolved.split('?')[0]?.slice(0, 30)}`
          routes.set(key, (routes.get(key) ?? 0) + 1)
        }
        expect(response.status, what).toBeLessThan(500)
        const after = await rowCounts(t.database)
        if (response.status >= 400) expect(after, what).toEqual(counts)
        counts = after
        // The returning visitor was erased: the next requests get a new one.
        if (method === 'DELETE' && item.cookie === 'returning' && response.status === 200) {
          await signUp()
          counts = await rowCounts(t.database)
        }
      }),
      { numRuns: runs, seed: 20_261_206, endOnFailure: true },
    )
    expect(sent).toBe(runs)
    expect(t.logs.filter((line) => line.includes(' 500 '))).toEqual([])
    // The requests reached the routes, not only the first refusals.
    const seen = [...statuses.keys()]
    if (process.env.TRICKLE_TEST_VERBOSE) {
      console.log(kind.name, Object.fromEntries(statuses), [...routes].sort().join('\n'))
    }
    expect(seen).toEqual(expect.arrayContaining([200, 201, 400, 403, 404, 409, 410, 413, 415, 422]))
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined()
  }, 180_000)
})

/** The body as sent: text and bytes as they are, an oversized one with or without its length. */
function bodyOf(
  body: Exclude<Body, undefined>,
  chunked: boolean,
): NonNullable<RequestInit['body']> {
  if (typeof body === 'string') return chunked ? streamOf(new TextEncoder().encode(body)) : body
  if (body instanceof Uint8Array) return chunked ? streamOf(body) : body
  const bytes = new Uint8Array(body.kib * 1024).fill(0x20)
  return chunked ? streamOf(bytes) : bytes
}

/** A stream of 4 KiB chunks, without Content-Length. */
function streamOf(bytes: Uint8Array): ReadableStream<Uint8Array> {
  let offset = 0
  return new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (offset >= bytes.byteLength) {
          controller.close()
          return
        }
        controller.enqueue(bytes.slice(offset, offset + 4096))
        offset += 4096
      },
    },
    { highWaterMark: 0 },
  )
}

import { serve, type ServerType } from '@hono/node-server'
import { Hono } from 'hono'

/**
 * A stand-in for the server's privacy admin API (the contract in docs/server-guide.md), for the
 * CLI's own behaviour: what it sends, how it prints, how it fails. The real routes are tested
 * through the CLI in privacyIntegration.test.ts.
 */
export interface FakeAdminApi {
  url: string
  token: string
  /** Every request: method, path and query. */
  requests: { method: string; path: string; query: Record<string, string> }[]
  close(): Promise<void>
}

const hash = 'Qm9vZ3VzSGFzaE9mS2xhdXNAZXhhbXBsZS5jb20'

export const fakePerson = {
  visitorId: 'v-kiosk-1',
  createdAt: '2026-11-02T09:15:00.000Z',
  visits: 2,
  fields: [
    {
      fieldId: 'email',
      label: 'E-mail',
      value: 'klaus@example.com',
      declined: false,
      purposes: ['delivery'],
      legalBasis: ['contract'],
      collectedAt: '2026-11-02T09:15:00.000Z',
      formId: 'whitepaper',
    },
    {
      fieldId: 'jobRole',
      label: 'Role',
      value: 'head',
      declined: false,
      purposes: ['sales'],
      legalBasis: ['consent'],
      collectedAt: '2026-11-03T10:00:00.000Z',
      formId: 'webinar',
    },
  ],
  consents: [
    {
      seq: 7,
      purposeId: 'newsletter',
      decision: 'granted',
      version: 2,
      at: '2026-11-02T09:15:00.000Z',
      formId: 'whitepaper',
      locale: 'de',
      textHash: 'abc',
      source: 'form',
      addressHash: null,
      mailedAt: null,
      text: 'Ja, schickt mir den Newsletter.',
    },
  ],
  consentState: { newsletter: 'granted', sales: 'none' },
  submissions: [
    {
      id: 's1',
      formId: 'whitepaper',
      visit: 1,
      at: '2026-11-02T09:15:00.000Z',
      locale: 'de',
      fieldIds: ['email', 'jobRole'],
      declined: [],
      consents: {},
    },
  ],
}

export const fakeReceipt = {
  id: 'r-42',
  at: '2026-12-06T05:00:00.000Z',
  kind: 'desk',
  addressHash: hash,
  requestedBy: 'dpo',
  reason: null as string | null,
  profiles: 2,
  counts: { field_values: 5, consent_events: 3, submissions: 2, downloads: 1, address_index: 2 },
}

export async function startFakeAdminApi(): Promise<FakeAdminApi> {
  const token = 'fake-admin-token-for-cli-tests'
  const requests: FakeAdminApi['requests'] = []
  const app = new Hono()
  app.use('*', async (c, next) => {
    requests.push({ method: c.req.method, path: c.req.path, query: c.req.query() })
    if (c.req.header('authorization') !== `Bearer ${token}`) {
      return c.json(
        {
          error: 'unauthorized',
          message: 'Send the admin token as "Authorization: Bearer <token>".',
        },
        401,
      )
    }
    const email = c.req.query('email')
    if (c.req.path !== '/v1/admin/audit' && c.req.path !== '/v1/admin/retention') {
      if (!email?.includes('@')) {
        return c.json({ error: 'invalid-email', message: 'This is not an e-mail address.' }, 422)
      }
    }
    const purpose = c.req.query('purpose')
    if (purpose !== undefined && purpose !== 'newsletter') {
      return c.json(
        { error: 'unknown-purpose', message: `Unknown purpose "${purpose}"; known: newsletter.` },
        422,
      )
    }
    return next()
  })
  const known = (email: string | undefined) => email?.trim().toLowerCase() === 'klaus@example.com'
  app.get('/v1/admin/people', (c) =>
    c.json({ addressHash: hash, profiles: known(c.req.query('email')) ? [fakePerson] : [] }),
  )
  app.get('/v1/admin/people/export', (c) => {
    // As the server: a name for the JSON download only.
    if (c.req.query('format') === 'html') {
      return c.html(
        `<!doctype html><html lang="${c.req.query('locale') ?? 'en'}"><title>Export</title></html>`,
      )
    }
    c.header('content-disposition', `attachment; filename="export-${hash.slice(0, 8)}.json"`)
    return c.json({ exportedAt: '2026-12-06T05:00:00.000Z', addressHash: hash, profiles: [{}, {}] })
  })
  app.get('/v1/admin/people/proof', (c) => {
    if (c.req.query('format') === 'html') {
      return c.html(
        `<!doctype html><html lang="${c.req.query('locale') ?? 'en'}"><title>Proof</title></html>`,
      )
    }
    return c.json({
      purposeId: 'newsletter',
      addressHash: hash,
      proofs: [
        {
          visitorId: 'v-kiosk-1',
          seq: 7,
          at: '2026-11-02T09:15:00.000Z',
          decision: 'granted',
          version: 2,
          locale: 'de',
          formId: 'whitepaper',
          source: 'form',
          text: 'Ja, schickt mir den Newsletter.',
          textHash: 'abcdef0123456789',
          textHashMatches: true,
          action: 'confirmation-link',
          mailedToHash: hash,
          mailedAt: '2026-11-02T09:15:01.000Z',
          addressHashAtThatTime: hash,
        },
      ],
    })
  })
  app.delete('/v1/admin/people', (c) =>
    c.json({ receipt: { ...fakeReceipt, reason: c.req.query('reason') ?? null } }),
  )
  app.post('/v1/admin/people/withdraw', (c) =>
    c.json({ purposeId: 'newsletter', profiles: 2, withdrawn: 1, erasedFieldIds: ['phone'] }),
  )
  app.get('/v1/admin/audit', (c) =>
    c.json({
      entries: [
        {
          seq: 3,
          at: '2026-12-06T05:00:00.000Z',
          actor: 'dpo',
          action: 'erase',
          addressHash: hash,
          purposeId: null,
          detail: { profiles: 2 },
        },
      ],
    }),
  )
  app.post('/v1/admin/retention', (c) => {
    const apply = c.req.query('apply') === 'true'
    return c.json({
      dryRun: !apply,
      at: '2026-12-06T05:00:00.000Z',
      due: [{ purposeId: 'sales', retainDays: 365, fieldIds: ['jobRole', 'budget'], profiles: 12 }],
      ...(apply && {
        receipts: [
          {
            ...fakeReceipt,
            kind: 'retention',
            addressHash: null,
            requestedBy: 'retention',
            profiles: 12,
          },
        ],
      }),
    })
  })
  let http: ServerType | undefined
  const url = await new Promise<string>((done) => {
    http = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) =>
      done(`http://127.0.0.1:${info.port}`),
    )
  })
  return {
    url,
    token,
    requests,
    close: () => new Promise<void>((done) => (http ? http.close(() => done()) : done())),
  }
}

import { expect, it } from 'vitest'
import type { Report } from '../src/reportRoute'
import { createTrickleServer } from '../src/createTrickleServer'
import { adminToken, firstVisit, parsed, testSecret } from './support/fixtures'
import { describeDatabases, useServer } from './support/testServer'

describeDatabases('report', (kind) => {
  const t = useServer(kind)
  const report = async (authorization?: string) =>
    t.server.app.request(
      'http://trickle.test/v1/report',
      authorization ? { headers: { authorization } } : {},
    )

  it('is closed without the admin token', async () => {
    expect((await report()).status).toBe(401)
    const wrong = await report('Bearer not-the-token')
    expect(wrong.status).toBe(401)
    expect(((await wrong.json()) as { message: string }).message).toContain('Authorization: Bearer')
  })

  it('shows per form and visit the fields shown and answered, consent rates and downloads', async () => {
    const ada = t.browser()
    const bob = t.browser()
    expect(
      (
        await ada.post('/v1/submissions', {
          ...firstVisit('ada@r.example'),
          consents: { newsletter: true, sales: false },
        })
      ).status,
    ).toBe(201)
    expect(
      (
        await bob.post('/v1/submissions', {
          ...firstVisit('bob@r.example'),
          consents: { newsletter: false, sales: false },
        })
      ).status,
    ).toBe(201)
    const second = await ada.post('/v1/submissions', {
      formId: 'whitepaper',
      idempotencyKey: crypto.randomUUID(),
      values: { email: 'ada@r.example', jobRole: 'head', industry: 'it', companySize: '50-249' },
    })
    expect(second.status).toBe(201)

    const response = await report(`Bearer ${adminToken}`)
    expect(response.status).toBe(200)
    const body = (await response.json()) as Report
    const whitepaper = body.forms.find((f) => f.formId === 'whitepaper')!
    expect(whitepaper.submissions).toBe(3)
    expect(whitepaper.visits.map((v) => [v.visit, v.submissions])).toEqual([
      [1, 2],
      [2, 1],
    ])
    const [visit1, visit2] = whitepaper.visits
    expect(visit1!.fields.map((f) => [f.fieldId, f.shown, f.answered])).toEqual([
      ['email', 2, 2],
      ['firstName', 2, 2],
      ['lastName', 2, 2],
      ['company', 2, 2],
    ])
    expect(visit1!.consents).toEqual([
      { purposeId: 'newsletter', offered: 2, granted: 1, rate: 0.5 },
      { purposeId: 'sales', offered: 2, granted: 0, rate: 0 },
    ])
    expect(visit2!.fields.map((f) => f.fieldId)).toEqual([
      'email',
      'jobRole',
      'industry',
      'companySize',
    ])
    expect(visit2!.consents).toEqual([])
    expect(body.forms.find((f) => f.formId === 'checklist')).toEqual({
      formId: 'checklist',
      submissions: 0,
      downloads: { form: 0, openGate: 0 },
      visits: [],
    })
    expect(JSON.stringify(body)).not.toMatch(/r\.example|Lovelace/)
  })
})

describeDatabases('report of optional fields', (kind) => {
  const config = parsed({
    version: 1,
    purposes: [{ id: 'delivery', basis: 'contract', label: 'Delivery' }],
    fields: [
      { id: 'email', type: 'email', label: 'E-mail', purposes: ['delivery'] },
      { id: 'phone', type: 'tel', label: 'Phone', purposes: ['delivery'], required: false },
    ],
    forms: [{ id: 'demo', always: ['email'], sequence: ['phone'] }],
  })
  const t = useServer(kind, { config })

  it('counts an optional field left empty as shown but not answered', async () => {
    for (const phone of ['+49 30 123456', '']) {
      const response = await t.browser().post('/v1/submissions', {
        formId: 'demo',
        idempotencyKey: crypto.randomUUID(),
        values: { email: 'x@example.com', phone },
      })
      expect(response.status).toBe(201)
    }
    const response = await t.server.app.request('http://trickle.test/v1/report', {
      headers: { authorization: `Bearer ${adminToken}` },
    })
    const [visit] = ((await response.json()) as Report).forms[0]!.visits
    expect(visit!.fields).toEqual([
      { fieldId: 'email', shown: 2, answered: 2, rate: 1 },
      { fieldId: 'phone', shown: 2, answered: 1, rate: 0.5 },
    ])
  })

  it('is switched off without an admin token, and says how to switch it on', async () => {
    const off = createTrickleServer({
      config,
      database: t.database,
      secret: testSecret,
      log: () => {},
    })
    const response = await off.app.request('http://trickle.test/v1/report', {
      headers: { authorization: 'Bearer anything' },
    })
    expect(response.status).toBe(404)
    expect(((await response.json()) as { message: string }).message).toContain(
      'TRICKLE_ADMIN_TOKEN',
    )
  })
})

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, expect, it } from 'vitest'
import { resolveAssets } from '../src/assets'
import { firstVisit } from './support/fixtures'
import { describeDatabases, query, useServer } from './support/testServer'
import { sql } from 'drizzle-orm'

const dir = mkdtempSync(join(tmpdir(), 'trickle-assets-'))
const pdf = Buffer.from('%PDF-1.4 the whitepaper\n')
writeFileSync(join(dir, 'whitepaper.pdf'), pdf)
writeFileSync(join(dir, 'checklist.txt'), 'the checklist\n')
writeFileSync(join(dir, 'not-a-form.pdf'), 'never served\n')
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const minute = 60 * 1000

describeDatabases('gated files', (kind) => {
  const t = useServer(kind, { assetsDir: dir })

  it('delivers the file after a submission, only with its token, and counts it', async () => {
    const tab = t.browser()
    const response = await tab.post('/v1/submissions', firstVisit('files@example.com'))
    const { download } = (await response.json()) as { download: { url: string; expiresAt: string } }
    expect(download.url).toMatch(/^\/v1\/assets\/whitepaper\?token=/)

    const file = await tab.get(download.url)
    expect(file.status).toBe(200)
    expect(file.headers.get('content-type')).toBe('application/pdf')
    expect(file.headers.get('content-disposition')).toBe('attachment; filename="whitepaper.pdf"')
    expect(Buffer.from(await file.arrayBuffer())).toEqual(pdf)

    expect((await tab.get('/v1/assets/whitepaper')).status).toBe(403)
    const otherFile = download.url.replace('/whitepaper?', '/checklist?')
    expect((await tab.get(otherFile)).status).toBe(403)
    expect((await tab.get('/v1/assets/not-a-form?token=x')).status).toBe(404)

    t.advance(11 * minute)
    try {
      const late = await tab.get(download.url)
      expect(late.status).toBe(403)
      expect(((await late.json()) as { error: string }).error).toBe('download-expired')
    } finally {
      t.advance(-11 * minute)
    }
    const rows = await query<{ via: string }>(
      t.database,
      sql`select via from downloads where form_id = 'whitepaper'`,
    )
    expect(rows).toEqual([{ via: 'form' }])
  })

  it('opens the gate with one click for a visitor with nothing left to ask', async () => {
    const tab = t.browser()
    const send = (values: Record<string, string>, consents: Record<string, boolean> = {}) =>
      tab.post('/v1/submissions', {
        formId: 'checklist',
        idempotencyKey: crypto.randomUUID(),
        locale: 'en',
        values,
        consents,
      })
    expect(
      (
        await send(
          { email: 'gate@example.com', company: 'Engines', industry: 'it' },
          { newsletter: false },
        )
      ).status,
    ).toBe(201)
    const halfway = (await (await tab.get('/v1/plan?form=checklist')).json()) as {
      download: unknown
    }
    expect(halfway.download).toBeNull()
    expect(
      (await send({ email: 'gate@example.com', jobRole: 'head', companySize: '50-249' })).status,
    ).toBe(201)

    const { plan, download } = (await (await tab.get('/v1/plan?form=checklist')).json()) as {
      plan: { complete: boolean }
      download: { url: string }
    }
    expect(plan.complete).toBe(true)
    const file = await tab.get(download.url)
    expect(file.status).toBe(200)
    expect(await file.text()).toBe('the checklist\n')
    const rows = await query<{ via: string }>(
      t.database,
      sql`select via from downloads where form_id = 'checklist' order by seq`,
    )
    expect(rows.map((r) => r.via)).toEqual(['open-gate'])
  })
})

it('maps files to forms by name and refuses an asset for a form that does not exist', () => {
  const assets = resolveAssets(['whitepaper', 'checklist'], { assetsDir: dir })
  expect([...assets.keys()].sort()).toEqual(['checklist', 'whitepaper'])
  expect(assets.get('checklist')?.contentType).toBe('text/plain; charset=utf-8')
  expect(() =>
    resolveAssets(['whitepaper'], { assets: { webinar: { path: join(dir, 'x.pdf') } } }),
  ).toThrow(/no form "webinar".*whitepaper/)
  expect(() => resolveAssets(['whitepaper'], { assetsDir: join(dir, 'missing') })).toThrow(
    /TRICKLE_ASSETS_DIR/,
  )
})

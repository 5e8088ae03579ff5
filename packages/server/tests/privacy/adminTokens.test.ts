import { expect, it } from 'vitest'
import { adminTokensOf, parseAdminTokens } from '../../src/requireAdmin'
import { firstVisit } from '../support/fixtures'
import { describeDatabases, useServer } from '../support/testServer'
import { desk } from './support'

const dpoToken = 'dpo-token-for-tests-0001'

describeDatabases('privacy desk: named tokens and client errors', (kind) => {
  const t = useServer(kind, { adminTokens: { dpo: dpoToken } })
  const request = (method: string, path: string, headers: Record<string, string> = {}) =>
    t.server.app.request(`http://trickle.test/v1/admin${path}`, { method, headers })

  it('answers 401 without a token and with a wrong one, on every desk route', async () => {
    const routes: [string, string][] = [
      ['GET', '/people?email=a%40example.com'],
      ['GET', '/people/export?email=a%40example.com'],
      ['GET', '/people/proof?email=a%40example.com&purpose=newsletter'],
      ['DELETE', '/people?email=a%40example.com'],
      ['POST', '/people/withdraw?email=a%40example.com&purpose=newsletter'],
      ['GET', '/erasures'],
      ['GET', '/audit'],
      ['POST', '/retention?apply=true'],
    ]
    for (const [method, path] of routes) {
      expect((await request(method, path)).status, `${method} ${path}`).toBe(401)
      const wrong = await request(method, path, { authorization: 'Bearer not-the-token' })
      expect(wrong.status).toBe(401)
      expect(((await wrong.json()) as { error: string }).error).toBe('unauthorized')
    }
  })

  it('names the token in the log and the audit log, and logs no address or value', async () => {
    const email = 'Logged.Person@Example.com'
    expect((await t.browser().post('/v1/submissions', firstVisit(email))).status).toBe(201)
    const dpo = desk(t, dpoToken)
    const admin = desk(t)
    expect((await dpo('GET', `/people?email=${encodeURIComponent(email)}`)).status).toBe(200)
    expect((await admin('GET', `/people/export?email=${encodeURIComponent(email)}`)).status).toBe(
      200,
    )
    expect((await dpo('DELETE', `/people?email=${encodeURIComponent(email)}`)).status).toBe(200)
    const desks = t.logs.filter((line) => line.includes('privacy desk'))
    expect(desks.some((line) => line.includes('privacy desk: dpo find'))).toBe(true)
    expect(desks.some((line) => line.includes('privacy desk: admin export'))).toBe(true)
    expect(desks.some((line) => line.includes('privacy desk: dpo erase'))).toBe(true)
    const all = t.logs.join('\n').toLowerCase()
    for (const value of [email.toLowerCase(), 'lovelace', 'analytical engines']) {
      expect(all).not.toContain(value)
    }
  })

  it('answers 422 with a reason for anything odd a client sends, never a 5xx', async () => {
    const dpo = desk(t, dpoToken)
    const odd = [
      ['GET', '/people'],
      ['GET', '/people?email=%00%40example.com'],
      ['GET', '/people?email=a%40example.com&email=b%40example.com'],
      ['GET', `/people?email=${'a'.repeat(5000)}%40example.com`],
      ['GET', '/people?email=%E2%80%AE%40x.y'],
      ['GET', '/people/export?email=a%40example.com&format=pdf'],
      ['GET', '/people/export?email=a%40example.com&locale=xx'],
      ['GET', '/people/proof?email=a%40example.com'],
      ['GET', '/people/proof?email=a%40example.com&purpose=__proto__'],
      ['POST', '/people/withdraw?email=a%40example.com&purpose=personalisation'],
      ['GET', '/erasures?limit=0'],
      ['GET', '/erasures?limit=abc'],
      ['GET', '/audit?before=-1'],
      ['GET', '/audit?limit=99999999999999999999'],
      ['POST', '/retention?apply=yes'],
      ['DELETE', `/people?email=a%40example.com&reason=${'r'.repeat(3000)}`],
    ] as const
    for (const [method, path] of odd) {
      const response = await dpo(method, path)
      expect(response.status, `${method} ${path}`).toBeLessThan(500)
      if (response.status >= 400) {
        const body = (await response.json()) as { error: string; message: string }
        expect(body.message.length, `${method} ${path}`).toBeGreaterThan(10)
      }
    }
    expect((await dpo('GET', '/people?email=broken')).status).toBe(422)
  })
})

it('reads TRICKLE_ADMIN_TOKENS and refuses names without tokens or a token given twice', () => {
  expect(parseAdminTokens('dpo:abc123, ops : def456')).toEqual({ dpo: 'abc123', ops: 'def456' })
  expect(parseAdminTokens(undefined)).toEqual({})
  expect(() => parseAdminTokens('dpo')).toThrow(/entry 1 is not "name:token"/)
  expect(() => parseAdminTokens('dpo:a,:b')).toThrow(/entry 2/)
  expect([...adminTokensOf({ adminToken: 't0', adminTokens: { dpo: 't1' } }).keys()]).toEqual([
    'admin',
    'dpo',
  ])
  expect(() => adminTokensOf({ adminTokens: { dpo: 't1', ops: 't1' } })).toThrow(/same token/)
  expect(() => adminTokensOf({ adminTokens: { 'bad name': 't1' } })).toThrow(/not a token name/)
})

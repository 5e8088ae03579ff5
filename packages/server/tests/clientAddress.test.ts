import { Hono } from 'hono'
import { describe, expect, test } from 'vitest'
import { clientAddress } from '../src/clientAddress'

const addressOf = async (headers: Record<string, string>, trustProxy: boolean) => {
  const app = new Hono()
  app.get('/', (c) => c.text(clientAddress(c, trustProxy)))
  return (await app.request('/', { headers })).text()
}

describe('clientAddress', () => {
  test('with trustProxy, the entry the proxy wrote counts, not one a client sent ahead of it', async () => {
    // A proxy that appends (a Next.js rewrite, nginx's $proxy_add_x_forwarded_for) keeps what
    // the client sent: rotating that first entry must not give a client a fresh rate limit.
    expect(await addressOf({ 'x-forwarded-for': '6.6.6.6, 203.0.113.7' }, true)).toBe('203.0.113.7')
    expect(await addressOf({ 'x-forwarded-for': '203.0.113.7' }, true)).toBe('203.0.113.7')
    expect(await addressOf({ 'x-forwarded-for': ' 198.51.100.2 ' }, true)).toBe('198.51.100.2')
  })

  test('without trustProxy, X-Forwarded-For is ignored', async () => {
    expect(await addressOf({ 'x-forwarded-for': '203.0.113.7' }, false)).toBe('unknown')
  })
})

import { createHash } from 'node:crypto'
import { expect, it } from 'vitest'
import { addressHash } from '../../src/privacy/addressHash'
import type { ConsentProof } from '../../src/privacy/proofOfConsent'
import { createSigner } from '../../src/signer'
import { origin } from '../support/browser'
import { firstVisit, testSecret } from '../support/fixtures'
import { describeDatabases, useServer } from '../support/testServer'
import { desk, visitorOf } from './support'

describeDatabases('privacy desk: proof of one consent', (kind) => {
  const t = useServer(kind)
  const admin = desk(t)

  it('proves a double opt-in: the ticked box with its exact text, and the link with the address it was mailed to', async () => {
    const tab = t.browser()
    const body = {
      ...firstVisit('Proof.Person@Example.com'),
      consents: { newsletter: true, sales: false },
    }
    expect((await tab.post('/v1/submissions', body)).status).toBe(201)
    const mail = t.mailer.sent.find((m) => m.to === 'Proof.Person@Example.com')!
    const token = new URL(mail.confirmUrl).searchParams.get('token') ?? ''
    const confirmed = await t.browser().request('/v1/doi/confirm', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin },
      body: new URLSearchParams({ token }).toString(),
    })
    expect(confirmed.status).toBe(200)

    const response = await admin(
      'GET',
      '/people/proof?email=proof.person%40example.com&purpose=newsletter',
    )
    expect(response.status).toBe(200)
    const proof = (await response.json()) as ConsentProof
    const expectedHash = addressHash(createSigner(testSecret), 'proof.person@example.com')
    expect(proof.addressHash).toBe(expectedHash)
    expect(proof.proofs.map((p) => [p.decision, p.action])).toEqual([
      ['granted', 'ticked-box'],
      ['confirmed', 'confirmation-link'],
    ])
    const [grant, confirmation] = proof.proofs
    expect(grant).toMatchObject({
      visitorId: visitorOf(tab.cookie),
      version: 2,
      locale: 'en',
      formId: 'whitepaper',
      textHashMatches: true,
      addressHashAtThatTime: expectedHash,
      mailedToHash: null,
    })
    expect(grant!.text).toBe(
      'Yes, I want to receive the monthly newsletter with expert articles by e-mail. I can withdraw this consent at any time.',
    )
    expect(grant!.textHash).toBe(createHash('sha256').update(grant!.text!).digest('hex'))
    expect(confirmation).toMatchObject({ mailedToHash: expectedHash, source: 'double-opt-in' })
    expect(Date.parse(confirmation!.mailedAt!)).toBeLessThanOrEqual(Date.parse(confirmation!.at))

    const page = await admin(
      'GET',
      '/people/proof?email=proof.person%40example.com&purpose=newsletter&format=html&locale=de',
    )
    expect(page.status).toBe(200)
    const html = await page.text()
    expect(html).toContain('Einwilligungsnachweis')
    expect(html).toContain(grant!.textHash!)
    expect(html).toContain('stimmt mit dem Text überein')
    expect(html).toContain('confirmation-link')
    expect(html).not.toContain('proof.person@example.com')
  })

  it('refuses an unknown purpose with the known ones, and a malformed address, with 422', async () => {
    const unknown = await admin('GET', '/people/proof?email=a%40example.com&purpose=newsleter')
    expect(unknown.status).toBe(422)
    const body = (await unknown.json()) as { error: string; message: string }
    expect(body.error).toBe('unknown-purpose')
    expect(body.message).toContain('newsletter')
    for (const email of [
      '',
      'not-an-address',
      'a b@example.com',
      `${'x'.repeat(300)}@example.com`,
    ]) {
      const bad = await admin(
        'GET',
        `/people/proof?email=${encodeURIComponent(email)}&purpose=newsletter`,
      )
      expect(bad.status).toBe(422)
      expect(((await bad.json()) as { error: string }).error).toBe('invalid-email')
    }
    const missing = await admin('GET', '/people/proof?purpose=newsletter')
    expect(missing.status).toBe(422)
  })
})

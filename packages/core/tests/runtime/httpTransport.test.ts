import { afterEach, describe, expect, it, vi } from 'vitest'
import { HttpTransportError, httpTransport } from '../../src/runtime/httpTransport'
import type { Submission, TransportRequest } from '../../src/types'

const submission: Submission = {
  formId: 'whitepaper',
  visitorId: 'v-1',
  at: '2025-03-01T10:00:00.000Z',
  locale: 'de',
  fieldIds: ['email'],
  values: { email: 'ada@example.com' },
  declined: [],
  consents: [],
}

const request: TransportRequest = {
  formId: 'whitepaper',
  visitorId: 'v-1',
  idempotencyKey: '0b6f8f5e-6c1e-4b8e-9a43-1f2a3b4c5d6e',
  locale: 'de',
  values: { email: 'ada@example.com' },
  consents: { newsletter: true },
  submission,
}

interface Call {
  url: string
  init: RequestInit
}

function fakeFetch(response: () => Response | Promise<Response>) {
  const calls: Call[] = []
  const fetch = vi.fn(async (url: RequestInfo | URL, init?: RequestInit) => {
    calls.push({ url: String(url), init: init ?? {} })
    return response()
  })
  return { fetch: fetch as unknown as typeof globalThis.fetch, calls }
}

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } })

const send = (transport: ReturnType<typeof httpTransport>) =>
  transport(request, { signal: new AbortController().signal })

afterEach(() => {
  vi.unstubAllGlobals()
})

describe('httpTransport', () => {
  it('posts only what the server re-checks, with the cookie, to /v1/submissions', async () => {
    const { fetch, calls } = fakeFetch(() => json(200, { ok: true }))
    await send(httpTransport({ baseUrl: 'https://forms.example.com/', fetch }))

    expect(calls).toHaveLength(1)
    const [call] = calls
    expect(call!.url).toBe('https://forms.example.com/v1/submissions')
    expect(call!.init.method).toBe('POST')
    expect(call!.init.credentials).toBe('include')
    expect(new Headers(call!.init.headers).get('content-type')).toBe('application/json')
    // The visitor id comes from the signed cookie and the server computes the submission itself.
    expect(JSON.parse(call!.init.body as string)).toEqual({
      formId: 'whitepaper',
      idempotencyKey: request.idempotencyKey,
      locale: 'de',
      values: { email: 'ada@example.com' },
      consents: { newsletter: true },
    })
  })

  it('sends to the page origin when baseUrl is empty', async () => {
    const { fetch, calls } = fakeFetch(() => json(200, {}))
    await send(httpTransport({ baseUrl: '', fetch }))
    expect(calls[0]!.url).toBe('/v1/submissions')
  })

  it('turns the server download path into a link on the server', async () => {
    const { fetch } = fakeFetch(() =>
      json(200, { download: { url: '/v1/assets/whitepaper?token=abc', expiresAt: 'x' } }),
    )
    const result = await send(httpTransport({ baseUrl: 'https://forms.example.com', fetch }))
    expect(result).toEqual({
      downloadUrl: 'https://forms.example.com/v1/assets/whitepaper?token=abc',
    })
  })

  it('resolves without a download link when the server offers none', async () => {
    const { fetch } = fakeFetch(() => json(200, { download: null }))
    await expect(send(httpTransport({ baseUrl: 'https://a.example', fetch }))).resolves.toEqual({})
  })

  it('rejects a refused submission with the server reason and the answer problems', async () => {
    const issues = [{ path: '/values/email', code: 'invalid-email', message: 'Enter an e-mail.' }]
    const { fetch } = fakeFetch(() =>
      json(422, { error: 'invalid-submission', message: 'Check your answers.', issues }),
    )
    const error = await send(httpTransport({ baseUrl: 'https://a.example', fetch })).catch(
      (cause: unknown) => cause,
    )
    expect(error).toBeInstanceOf(HttpTransportError)
    const refused = error as HttpTransportError
    expect(refused.status).toBe(422)
    expect(refused.code).toBe('invalid-submission')
    expect(refused.message).toBe('Check your answers. (HTTP 422)')
    expect(refused.errors).toEqual(issues)
  })

  it('explains a server error without a JSON body', async () => {
    const { fetch } = fakeFetch(() => new Response('<h1>Bad gateway</h1>', { status: 502 }))
    const error = (await send(httpTransport({ baseUrl: 'https://a.example', fetch })).catch(
      (cause: unknown) => cause,
    )) as HttpTransportError
    expect(error.status).toBe(502)
    expect(error.code).toBe('http-502')
    expect(error.message).toBe('the server had a problem (HTTP 502)')
  })

  it('says which server could not be reached', async () => {
    const fetch = (async () => {
      throw new TypeError('fetch failed')
    }) as typeof globalThis.fetch
    const error = (await send(httpTransport({ baseUrl: 'https://down.example', fetch })).catch(
      (cause: unknown) => cause,
    )) as HttpTransportError
    expect(error).toBeInstanceOf(HttpTransportError)
    expect(error.status).toBe(0)
    expect(error.code).toBe('network')
    expect(error.message).toContain('https://down.example')
  })

  it('passes an abort through unchanged, so a timeout stays a timeout', async () => {
    const controller = new AbortController()
    const fetch = ((_url: string, init: RequestInit) =>
      new Promise((_resolve, reject) => {
        init.signal?.addEventListener('abort', () =>
          reject(new DOMException('aborted', 'AbortError')),
        )
      })) as unknown as typeof globalThis.fetch
    const pending = httpTransport({ baseUrl: 'https://a.example', fetch })(request, {
      signal: controller.signal,
    })
    controller.abort()
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' })
  })

  it('looks up the global fetch when sending, not when created', async () => {
    const transport = httpTransport({ baseUrl: 'https://a.example' })
    const { fetch, calls } = fakeFetch(() => json(200, {}))
    vi.stubGlobal('fetch', fetch)
    await send(transport)
    expect(calls).toHaveLength(1)
  })
})

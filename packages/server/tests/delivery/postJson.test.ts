import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { createPostJson, type PostJson } from '../../src/delivery/postJson'

describe('createPostJson', () => {
  const cleanups: (() => Promise<void> | void)[] = []
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
  })

  /** Listens on 127.0.0.1; the server closes after the test. Resolves to its port. */
  async function start(server: Server): Promise<number> {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    cleanups.push(
      () =>
        new Promise<void>((resolve) => {
          server.closeAllConnections()
          server.close(() => resolve())
        }),
    )
    return (server.address() as AddressInfo).port
  }

  async function listen(
    answer: (request: IncomingMessage, body: string) => { status: number; body?: string },
  ): Promise<{ url: URL; requests: { headers: IncomingMessage['headers']; body: string }[] }> {
    const requests: { headers: IncomingMessage['headers']; body: string }[] = []
    const server: Server = createServer((request, response) => {
      let body = ''
      request.setEncoding('utf8')
      request.on('data', (chunk: string) => (body += chunk))
      request.on('end', () => {
        requests.push({ headers: request.headers, body })
        const { status, body: text = '' } = answer(request, body)
        response.writeHead(status, { location: '/elsewhere' }).end(text)
      })
    })
    const port = await start(server)
    return { url: new URL(`http://127.0.0.1:${port}/hooks?x=1`), requests }
  }

  function poster(): PostJson {
    const post = createPostJson()
    cleanups.push(() => post.close())
    return post
  }

  it('sends the body and headers and gives the status; a redirect is an answer, not followed', async () => {
    const { url, requests } = await listen((request) =>
      request.url === '/hooks?x=1' ? { status: 302, body: 'secret echo' } : { status: 200 },
    )
    const post = poster()
    const signal = new AbortController().signal
    const body = JSON.stringify({ type: 'submission.created', data: { ü: 'ß' } })
    expect(
      await post(url, { 'content-type': 'application/json', 'webhook-id': 'e1' }, body, signal),
    ).toEqual({
      status: 302,
    })
    expect(requests).toHaveLength(1)
    expect(requests[0]?.body).toBe(body)
    expect(requests[0]?.headers['webhook-id']).toBe('e1')
    expect(requests[0]?.headers['content-length']).toBe(String(Buffer.byteLength(body)))
    // Kept-alive connections serve many posts.
    const answers = await Promise.all(Array.from({ length: 40 }, () => post(url, {}, '{}', signal)))
    expect(answers.every((answer) => 'status' in answer && answer.status === 302)).toBe(true)
    expect(requests).toHaveLength(41)
  })

  it('names a network error by its code and an aborted post as aborted', async () => {
    const { url } = await listen(() => ({ status: 200 }))
    const post = poster()
    // A port nobody listens on: the one just used, closed again.
    const closed = await listen(() => ({ status: 200 }))
    await cleanups.pop()?.()
    expect(await post(closed.url, {}, '{}', new AbortController().signal)).toEqual({
      error: 'ECONNREFUSED',
    })
    const aborted = new AbortController()
    aborted.abort()
    expect(await post(url, {}, '{}', aborted.signal)).toEqual({ error: 'aborted' })
  })

  it('gives up on a receiver that never answers when the signal aborts', async () => {
    const port = await start(createServer(() => undefined))
    const post = poster()
    const controller = new AbortController()
    const answer = post(new URL(`http://127.0.0.1:${port}/`), {}, '{}', controller.signal)
    setTimeout(() => controller.abort(), 50)
    expect(await answer).toEqual({ error: 'aborted' })
  })

  it('does not send a post whose signal aborts before it left, and sends the others', async () => {
    const { url, requests } = await listen(() => ({ status: 200 }))
    const post = poster()
    const controller = new AbortController()
    const kept = post(url, { 'webhook-id': 'kept' }, '{}', new AbortController().signal)
    const dropped = post(url, { 'webhook-id': 'dropped' }, '{}', controller.signal)
    controller.abort()
    expect(await dropped).toEqual({ error: 'aborted' })
    expect(await kept).toEqual({ status: 200 })
    // One more round trip: a post sent by mistake would have arrived by now.
    expect(await post(url, { 'webhook-id': 'after' }, '{}', new AbortController().signal)).toEqual({
      status: 200,
    })
    expect(requests.map((request) => request.headers['webhook-id'])).toEqual(['kept', 'after'])
  })

  it('ends pending posts as aborted on close and starts again with the next post', async () => {
    const hanging = await start(createServer(() => undefined))
    const { url } = await listen(() => ({ status: 204 }))
    const post = poster()
    const signal = new AbortController().signal
    const pending = post(new URL(`http://127.0.0.1:${hanging}/`), {}, '{}', signal)
    // The post has reached the thread once another one has been answered.
    expect(await post(url, {}, '{}', signal)).toEqual({ status: 204 })
    post.close()
    expect(await pending).toEqual({ error: 'aborted' })
    expect(await post(url, {}, '{}', signal)).toEqual({ status: 204 })
  })

  it('closing one destination ends its posts only; the others go on', async () => {
    const hanging = await start(createServer(() => undefined))
    const { url } = await listen(() => ({ status: 200 }))
    const first = poster()
    const second = poster()
    const signal = new AbortController().signal
    const firstPending = first(new URL(`http://127.0.0.1:${hanging}/`), {}, '{}', signal)
    const secondPending = second(new URL(`http://127.0.0.1:${hanging}/`), {}, '{}', signal)
    expect(await second(url, {}, '{}', signal)).toEqual({ status: 200 })
    first.close()
    expect(await firstPending).toEqual({ error: 'aborted' })
    expect(await second(url, {}, '{}', signal)).toEqual({ status: 200 })
    second.close()
    expect(await secondPending).toEqual({ error: 'aborted' })
  })
})

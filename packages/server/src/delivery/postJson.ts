import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http'
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https'

/** How a POST ended: the receiver's status, or why no answer came. */
export type PostResult = { status: number } | { error: string }

export interface PostJson {
  (
    url: URL,
    headers: Record<string, string>,
    body: string,
    signal: AbortSignal,
  ): Promise<PostResult>
  /** Closes the kept-alive connections. */
  close(): void
}

/** Connections per receiver at most (a batch's attempts beyond it wait for a free one). */
const maxSockets = 16

/**
 * A POST over kept-alive connections with node:http, for the webhook adapter: per event it
 * costs a fraction of what `fetch` does (no web streams, no Request/Response objects), which
 * matters because deliveries share the server's thread with the requests it answers. Redirects
 * are not followed (a 3xx is an answer like any other); the answer's body is never read.
 */
export function createPostJson(): PostJson {
  const agents = {
    http: new HttpAgent({ keepAlive: true, maxSockets }),
    https: new HttpsAgent({ keepAlive: true, maxSockets }),
  }
  const post = (
    url: URL,
    headers: Record<string, string>,
    body: string,
    signal: AbortSignal,
  ): Promise<PostResult> =>
    new Promise((resolve) => {
      if (signal.aborted) {
        resolve({ error: 'aborted' })
        return
      }
      const https = url.protocol === 'https:'
      const send = https ? httpsRequest : httpRequest
      const request = send(url, {
        method: 'POST',
        agent: https ? agents.https : agents.http,
        headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
        signal,
      })
      request.once('response', (response: IncomingMessage) => {
        // Drain without reading: the answer could echo personal values into the logs.
        response.resume()
        response.once('end', () => resolve({ status: response.statusCode ?? 0 }))
        response.once('error', () => resolve({ status: response.statusCode ?? 0 }))
      })
      request.once('error', (error: NodeJS.ErrnoException) => {
        resolve({ error: signal.aborted ? 'aborted' : (error.code ?? error.name) })
      })
      request.end(body)
    })
  return Object.assign(post, {
    close() {
      agents.http.destroy()
      agents.https.destroy()
    },
  })
}

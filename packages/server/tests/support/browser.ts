import type { Hono } from 'hono'
import type { AppEnv } from '../../src/serverContext'
import { visitorCookieName } from '../../src/visitorCookie'

export const origin = 'http://trickle.test'

/**
 * One browser talking to the app in-process: keeps the visitor cookie like a browser does
 * (set by Set-Cookie, cleared by an expired one), and sends it with every request.
 */
export function browser(app: Hono<AppEnv>) {
  let cookie: string | undefined
  const request = async (path: string, init: RequestInit = {}): Promise<Response> => {
    const headers = new Headers(init.headers)
    if (cookie !== undefined) headers.set('cookie', `${visitorCookieName}=${cookie}`)
    const response = await app.request(`${origin}${path}`, { ...init, headers })
    for (const line of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';')
      const [name, ...rest] = pair.split('=')
      if (name?.trim() !== visitorCookieName) continue
      const expired = attributes.some((a) => /^\s*max-age=0\s*$/i.test(a))
      cookie = expired ? undefined : rest.join('=')
    }
    return response
  }
  return {
    request,
    get: (path: string, headers?: Record<string, string>) =>
      request(path, headers ? { headers } : {}),
    post: (path: string, body?: unknown, headers?: Record<string, string>) =>
      request(path, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      }),
    delete: (path: string) => request(path, { method: 'DELETE' }),
    /** The raw cookie value (`<visitor id>.<signature>`), or undefined. */
    get cookie() {
      return cookie
    },
    set cookie(value: string | undefined) {
      cookie = value
    },
  }
}

export type Browser = ReturnType<typeof browser>

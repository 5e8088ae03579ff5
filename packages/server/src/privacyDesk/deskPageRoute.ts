import type { Context, Hono } from 'hono'
import { pageLanguage, type PageLanguage } from '../confirmPage'
import type { AppEnv, ServerContext } from '../serverContext'
import {
  deskContentSecurityPolicy,
  deskDisabledPage,
  deskOpenFailedPage,
  deskOpenPath,
  deskPage,
  deskPath,
  deskScriptPath,
  deskStylePath,
} from './deskPage'
import { deskScript } from './deskScript'
import { deskStyle } from './deskStyle'

/** The printable pages the desk can open in a new tab, and the API route behind each. */
const printable = {
  export: '/v1/admin/people/export',
  proof: '/v1/admin/people/proof',
} as const

/**
 * The privacy desk at `/admin/privacy`: a page for the data protection officer (HTML, a plain
 * script and a stylesheet, no build step) that calls the admin API with the admin token the
 * officer types in. Without an admin token it says how to switch the admin routes on.
 */
export function deskPageRoute(app: Hono<AppEnv>, ctx: Pick<ServerContext, 'adminTokens'>): void {
  const language = (c: Context): PageLanguage =>
    pageLanguage(c.req.query('lang'), c.req.header('accept-language'))
  const deskHeaders = (c: Context) => {
    c.header('content-security-policy', deskContentSecurityPolicy)
    c.header('cache-control', 'no-store')
    c.header('referrer-policy', 'same-origin')
    c.header('x-robots-tag', 'noindex')
  }
  const enabled = () => ctx.adminTokens.size > 0

  app.get(deskPath, async (c) => {
    deskHeaders(c)
    c.header('vary', 'accept-language')
    if (!enabled()) return c.html(await deskDisabledPage(language(c)), 404)
    return c.html(await deskPage(language(c)))
  })

  app.get(deskScriptPath, (c) => {
    deskHeaders(c)
    c.header('content-type', 'text/javascript; charset=utf-8')
    c.header('vary', 'accept-language')
    return c.body(deskScript(language(c)))
  })

  app.get(deskStylePath, (c) => {
    deskHeaders(c)
    c.header('content-type', 'text/css; charset=utf-8')
    return c.body(deskStyle)
  })

  // Opens a printable export or proof in a new tab: the desk posts the token and the address in
  // the body (never in an address bar or history), and this route asks the API with them, so the
  // page keeps the API's own headers instead of inheriting the desk's policy.
  app.post(deskOpenPath, async (c) => {
    const refuse = async (lang: PageLanguage, message: string, status: 403 | 422 | 401 | 404) => {
      deskHeaders(c)
      return c.html(await deskOpenFailedPage(lang, message), status)
    }
    // Only the desk itself posts here (a foreign or opaque origin is refused).
    const origin = c.req.header('origin')
    const own = new URL(c.req.url)
    const sameSite = (value: string) =>
      URL.canParse(value) && (value === own.origin || new URL(value).host === c.req.header('host'))
    if (origin !== undefined && !sameSite(origin)) {
      return refuse(language(c), 'origin-not-allowed', 403)
    }
    const body = await c.req.parseBody().catch(() => ({}) as Record<string, unknown>)
    const field = (name: string) => {
      const value = body[name]
      return typeof value === 'string' ? value.slice(0, 1000) : ''
    }
    const lang: PageLanguage = field('locale') === 'de' ? 'de' : 'en'
    const view = field('view')
    if (view !== 'export' && view !== 'proof') {
      return refuse(lang, 'view must be "export" or "proof"', 422)
    }
    const target = new URL(printable[view], own.origin)
    target.searchParams.set('email', field('email'))
    if (view === 'proof') target.searchParams.set('purpose', field('purpose'))
    target.searchParams.set('format', 'html')
    target.searchParams.set('locale', lang)
    const answer = await app.request(target.toString(), {
      headers: { authorization: `Bearer ${field('token')}` },
    })
    const type = answer.headers.get('content-type') ?? ''
    if (!answer.ok || !type.startsWith('text/html')) {
      const text = await answer.text()
      let message = `${answer.status}`
      try {
        const parsed = JSON.parse(text) as {
          error?: { message?: string } | string
          message?: string
        }
        message =
          (typeof parsed.error === 'object' ? parsed.error.message : undefined) ??
          parsed.message ??
          (typeof parsed.error === 'string' ? parsed.error : message)
      } catch {
        // not JSON
      }
      const status =
        answer.status === 401 || answer.status === 404 || answer.status === 403
          ? answer.status
          : 422
      return refuse(lang, message, status)
    }
    // The API's page with the API's headers (its own policy), never cached.
    const headers = new Headers(answer.headers)
    headers.set('cache-control', 'no-store')
    headers.delete('content-disposition')
    return new Response(answer.body, { status: answer.status, headers })
  })
}

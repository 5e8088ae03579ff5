import { studioAssets, studioPage } from '@trickle/studio'
import type { Context, Hono } from 'hono'
import { pageLanguage, type PageLanguage } from '../confirmPage'
import type { AppEnv, ServerContext } from '../serverContext'

/** Where the studio lives on the server; its script and stylesheet sit below it. */
export const studioPath = '/admin/studio'

const disabled: Record<PageLanguage, { title: string; text: string }> = {
  en: {
    title: 'The studio is switched off',
    text: 'The studio reads the admin API. Set TRICKLE_ADMIN_TOKEN on the server to switch it on.',
  },
  de: {
    title: 'Das Studio ist ausgeschaltet',
    text: 'Das Studio liest die Admin-API. Setzen Sie TRICKLE_ADMIN_TOKEN auf dem Server, um es einzuschalten.',
  },
}

/**
 * The marketer's studio at `/admin/studio` (the page of `@trickle/studio`, prebuilt): it asks
 * for the admin token, reads the server's config and report through the admin API (which checks
 * the token), and saves by download: the server never rewrites its own config. Without an admin
 * token it says how to switch the admin routes on.
 */
export function studioRoute(app: Hono<AppEnv>, ctx: Pick<ServerContext, 'adminTokens'>): void {
  const headers = (c: Context, policy: string) => {
    c.header('content-security-policy', policy)
    c.header('cache-control', 'no-store')
    c.header('referrer-policy', 'same-origin')
    c.header('x-robots-tag', 'noindex')
  }
  const assetPolicy = "default-src 'none'; frame-ancestors 'none'"

  app.get(studioPath, (c) => {
    const language = pageLanguage(c.req.query('lang'), c.req.header('accept-language'))
    c.header('vary', 'accept-language')
    if (ctx.adminTokens.size === 0) {
      headers(c, "default-src 'none'; frame-ancestors 'none'; base-uri 'none'")
      const t = disabled[language]
      return c.html(
        `<!doctype html><html lang="${language}"><head><meta charset="utf-8"><title>${t.title}</title></head><body><main><h1>${t.title}</h1><p>${t.text}</p></main></body></html>`,
        404,
      )
    }
    const page = studioPage({
      mode: 'server',
      assetBase: studioPath,
      fileName: 'trickle.config.json',
      locale: language,
    })
    headers(c, page.contentSecurityPolicy)
    return c.html(page.html)
  })

  app.get(`${studioPath}/studio.js`, async (c) => {
    headers(c, assetPolicy)
    c.header('content-type', 'text/javascript; charset=utf-8')
    return c.body((await studioAssets()).script)
  })

  app.get(`${studioPath}/studio.css`, async (c) => {
    headers(c, assetPolicy)
    c.header('content-type', 'text/css; charset=utf-8')
    return c.body((await studioAssets()).style)
  })
}

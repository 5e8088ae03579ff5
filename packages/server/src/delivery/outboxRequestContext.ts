import type { Context } from 'hono'
import { getCookie } from 'hono/cookie'

/**
 * What a submission request tells the destinations besides the answers: the page it was sent
 * from (the `Referer`, without query and fragment: they may carry personal values or tracking
 * ids) and HubSpot's visitor cookie `hubspotutk` (the API is served under the site's own domain,
 * so the browser sends it along; Trickle never sets or reads it in the browser).
 */
export function outboxRequestContext(c: Context): { pageUri?: string; hutk?: string } {
  const result: { pageUri?: string; hutk?: string } = {}
  const referer = c.req.header('referer')
  if (referer !== undefined && referer.length <= 2048 && URL.canParse(referer)) {
    const url = new URL(referer)
    if (url.protocol === 'https:' || url.protocol === 'http:') {
      result.pageUri = `${url.origin}${url.pathname}`
    }
  }
  const hutk = getCookie(c, 'hubspotutk')
  if (hutk !== undefined && /^[A-Za-z0-9-]{1,64}$/.test(hutk)) result.hutk = hutk
  return result
}

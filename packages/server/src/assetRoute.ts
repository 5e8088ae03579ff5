import { readFile } from 'node:fs/promises'
import type { Hono } from 'hono'
import { ApiError } from './apiError'
import { recordDownload } from './profileStore'
import type { AppEnv, ServerContext } from './serverContext'

/**
 * `GET /v1/assets/:formId?token=...`: the gated file of a form, only with a valid, unexpired
 * download token for that form. Every delivery is counted (form or open gate) for the report.
 */
export function assetRoute(app: Hono<AppEnv>, ctx: ServerContext): void {
  app.get('/assets/:formId', async (c) => {
    const formId = c.req.param('formId')
    const asset = ctx.assets.get(formId)
    if (!asset) throw new ApiError(404, 'unknown-asset', 'There is no file behind this form.')
    const now = ctx.now()
    const opened = ctx.signer.open('download', c.req.query('token'), now)
    if (!opened.ok) {
      throw new ApiError(
        403,
        opened.reason === 'expired' ? 'download-expired' : 'download-denied',
        opened.reason === 'expired'
          ? 'This download link has expired. Open the form again to get a new one.'
          : 'This download needs a valid link from the form.',
      )
    }
    const { f, via } = opened.payload
    if (f !== formId) {
      throw new ApiError(403, 'download-denied', 'This download link belongs to another file.')
    }
    let content: Buffer
    try {
      content = await readFile(asset.path)
    } catch {
      ctx.log(`[trickle] the file of form "${formId}" cannot be read: ${asset.path}`)
      throw new ApiError(
        404,
        'unknown-asset',
        'The file behind this form is missing on the server.',
      )
    }
    const visitor = c.get('visitor')
    // Linked only to a visitor who still exists (an erased one may hold an old link).
    await recordDownload(ctx.database.db, {
      visitorId: visitor.isNew ? null : visitor.id,
      formId,
      via: via === 'open-gate' ? 'open-gate' : 'form',
      at: now,
    })
    return c.body(new Uint8Array(content), 200, {
      'content-type': asset.contentType,
      'content-disposition': `attachment; filename="${asset.filename.replace(/["\\\r\n]/g, '_')}"`,
      'content-length': String(content.byteLength),
    })
  })
}

import { createHash, timingSafeEqual } from 'node:crypto'
import { ApiError } from './apiError'
import type { AppContext, ServerContext } from './serverContext'

/**
 * The gate of every admin route (`/v1/report`, `/v1/admin/…`): `Authorization: Bearer <admin
 * token>`. Without a configured token the admin routes do not exist (404 that says how to switch
 * them on); a missing or wrong token is a 401. The comparison takes the same time whatever was sent.
 */
export function requireAdmin(ctx: Pick<ServerContext, 'adminToken'>, c: AppContext): void {
  const { adminToken } = ctx
  if (!adminToken) {
    throw new ApiError(
      404,
      'admin-disabled',
      'The admin routes (report, deliveries) are disabled: start the server with an admin token (TRICKLE_ADMIN_TOKEN).',
    )
  }
  const given = /^Bearer\s+(.+)$/i.exec(c.req.header('authorization') ?? '')?.[1]?.trim() ?? ''
  // Compare digests: equal length, constant time, whatever was sent.
  const digest = (value: string) => createHash('sha256').update(value).digest()
  if (!given || !timingSafeEqual(digest(given), digest(adminToken))) {
    throw new ApiError(
      401,
      'unauthorized',
      'Send the admin token as "Authorization: Bearer <token>".',
    )
  }
}

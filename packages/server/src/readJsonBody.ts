import type { Context } from 'hono'
import { ApiError } from './apiError'
import { assertStorableText } from './storableText'

/** Default largest accepted request body: a form submission is a few kilobytes. */
export const defaultBodyLimit = 64 * 1024

const decoder = new TextDecoder('utf-8', { fatal: true })

/**
 * Reads a strict JSON object body: `Content-Type: application/json`, valid UTF-8, valid JSON,
 * an object at the top, at most `limit` bytes (read as a stream and cancelled past the limit,
 * whatever Content-Length says), and no text a database cannot store (NUL, lone surrogates)
 * in any key or string. Anything else is a 4xx with a reason. The result is still `unknown`
 * in spirit: callers validate every property.
 */
export async function readJsonBody(
  c: Context,
  limit: number = defaultBodyLimit,
): Promise<Record<string, unknown>> {
  const type = c.req.header('content-type') ?? ''
  const mediaType = type.split(';')[0]?.trim().toLowerCase()
  if (mediaType !== 'application/json') {
    throw new ApiError(
      415,
      'unsupported-media-type',
      `Send the body as JSON with "Content-Type: application/json" (got ${
        type ? `"${type.slice(0, 80)}"` : 'no Content-Type'
      }).`,
    )
  }
  const charset = /charset=([^;]+)/i.exec(type)?.[1]?.trim().toLowerCase()
  if (charset && charset !== 'utf-8' && charset !== 'utf8') {
    throw new ApiError(415, 'unsupported-charset', 'Send the JSON body encoded as UTF-8.')
  }
  const declared = Number(c.req.header('content-length'))
  if (Number.isFinite(declared) && declared > limit) throw tooLarge(limit)
  const bytes = await readAtMost(c.req.raw.body, limit)
  if (bytes.byteLength === 0) {
    throw new ApiError(400, 'empty-body', 'The request body is empty; send a JSON object.')
  }
  let text: string
  try {
    text = decoder.decode(bytes)
  } catch {
    throw new ApiError(400, 'invalid-encoding', 'The body is not valid UTF-8 text.')
  }
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    throw new ApiError(400, 'invalid-json', 'The body is not valid JSON.')
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new ApiError(400, 'invalid-json', 'The body must be a JSON object ({...}).')
  }
  assertStorableText(parsed)
  return parsed as Record<string, unknown>
}

/** The bytes of a body stream; past `limit` bytes it stops reading, cancels and throws a 413. */
async function readAtMost(
  body: ReadableStream<Uint8Array> | null,
  limit: number,
): Promise<Uint8Array> {
  if (body === null) return new Uint8Array(0)
  const reader = body.getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    size += value.byteLength
    if (size > limit) {
      await reader.cancel().catch(() => undefined)
      throw tooLarge(limit)
    }
    chunks.push(value)
  }
  const bytes = new Uint8Array(size)
  let offset = 0
  for (const chunk of chunks) {
    bytes.set(chunk, offset)
    offset += chunk.byteLength
  }
  return bytes
}

/** The 413 of a body larger than `limit` bytes. */
export function tooLarge(limit: number): ApiError {
  return new ApiError(
    413,
    'body-too-large',
    `The body is larger than ${Math.round(limit / 1024)} KiB; send only the answers of the form.`,
  )
}

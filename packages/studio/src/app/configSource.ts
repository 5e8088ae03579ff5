import type { StudioBoot } from '../studioBoot'

/** Why loading or saving failed, in words the page shows. */
export class ConfigSourceError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message)
    this.name = 'ConfigSourceError'
  }
}

async function reason(response: Response): Promise<string> {
  const text = await response.text().catch(() => '')
  try {
    const body = JSON.parse(text) as { error?: { message?: string } | string; message?: string }
    const error = typeof body.error === 'string' ? body.error : body.error?.message
    return error ?? body.message ?? `HTTP ${response.status}`
  } catch {
    return text.trim() || `HTTP ${response.status}`
  }
}

/**
 * The config text: from the file `trickle studio` serves (file mode), or from the server's
 * admin API with the admin token (server mode, where the server's config is shown as JSON).
 */
export async function loadConfigText(boot: StudioBoot, token: string | null): Promise<string> {
  if (boot.mode === 'file') {
    const response = await fetch(boot.configPath, { cache: 'no-store' })
    if (!response.ok) throw new ConfigSourceError(response.status, await reason(response))
    return response.text()
  }
  const response = await fetch('/v1/admin/config', {
    cache: 'no-store',
    headers: { authorization: `Bearer ${token ?? ''}` },
  })
  if (!response.ok) throw new ConfigSourceError(response.status, await reason(response))
  const body = (await response.json()) as { config?: unknown; source?: unknown }
  if (typeof body.source === 'string') return body.source
  return `${JSON.stringify(body.config, null, 2)}\n`
}

/**
 * Saves the text: file mode writes the file back (the CLI checks it and swaps it in whole);
 * server mode offers it as a download (the server never rewrites its own config).
 */
export async function saveConfigText(
  boot: StudioBoot,
  text: string,
): Promise<'saved' | 'downloaded'> {
  if (boot.mode === 'file') {
    const response = await fetch(boot.configPath, {
      method: 'PUT',
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: text,
    })
    if (!response.ok) throw new ConfigSourceError(response.status, await reason(response))
    return 'saved'
  }
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }))
  const link = document.createElement('a')
  link.href = url
  link.download = boot.fileName
  document.body.append(link)
  link.click()
  link.remove()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
  return 'downloaded'
}

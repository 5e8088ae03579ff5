// @vitest-environment node
import { describe, expect, test } from 'vitest'
import { studioBootId } from '../src/studioBoot'
import { studioPage } from '../src/studioPage'

const bootOf = (html: string): unknown =>
  JSON.parse(
    new RegExp(`<script type="application/json" id="${studioBootId}">(.*?)</script>`).exec(
      html,
    )?.[1] ?? 'null',
  )

describe('studioPage', () => {
  test('loads only its own script and stylesheet, under a policy with a fresh nonce', () => {
    const first = studioPage({ mode: 'server', assetBase: '/admin/studio' })
    const second = studioPage({ mode: 'server', assetBase: '/admin/studio' })
    expect(first.html).toContain('<script type="module" src="/admin/studio/studio.js"></script>')
    expect(first.html).toContain('<link rel="stylesheet" href="/admin/studio/studio.css" />')
    expect(first.contentSecurityPolicy).toContain("script-src 'self'")
    expect(first.contentSecurityPolicy).not.toContain('unsafe-inline')
    const nonce = (bootOf(first.html) as { nonce: string }).nonce
    expect(first.contentSecurityPolicy).toContain(`'nonce-${nonce}'`)
    expect((bootOf(second.html) as { nonce: string }).nonce).not.toBe(nonce)
  })

  test('the boot data cannot close its script element', () => {
    const page = studioPage({ mode: 'file', fileName: '</script><script>alert(1)</script>.json' })
    expect(page.html.match(/<\/script>/g)).toHaveLength(2)
    expect(bootOf(page.html)).toMatchObject({
      mode: 'file',
      fileName: '</script><script>alert(1)</script>.json',
      configPath: '/studio/config',
    })
  })
})

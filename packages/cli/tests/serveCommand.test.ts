import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'

const root = resolve(import.meta.dirname, '../../..')
const whitepaper = resolve(root, 'packages/core/tests/fixtures/b2b-whitepaper.json')
const dataDir = mkdtempSync(join(tmpdir(), 'trickle-serve-'))

afterAll(() => rmSync(dataDir, { recursive: true, force: true }))

describe('trickle serve', () => {
  it('starts the server with its embedded database, answers, and stops on SIGTERM', async () => {
    // The sources through tsx, so the test needs no build of the server package.
    const child = spawn(
      process.execPath,
      [
        '--conditions=@trickle/source',
        '--import',
        'tsx',
        'packages/cli/src/bin.ts',
        'serve',
        '--config',
        whitepaper,
        '--port',
        '0',
        '--data',
        dataDir,
      ],
      { cwd: root, env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] },
    )
    let output = ''
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
    const url = await new Promise<string>((done, fail) => {
      const timer = setTimeout(() => fail(new Error(`no startup line:\n${output}`)), 60_000)
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString()
        const match = /listening on (http:\/\/\S+)/.exec(output)
        if (match?.[1]) {
          clearTimeout(timer)
          done(match[1])
        }
      })
      child.once('exit', (code) => fail(new Error(`exited with ${code}:\n${output}`)))
    })
    expect(output).toContain('PGlite')

    const response = await fetch(`${url}/v1/plan?form=whitepaper`)
    expect(response.status).toBe(200)
    const body = (await response.json()) as { plan?: { fields: { id: string }[] } }
    expect(body.plan?.fields.map((f) => f.id)).toEqual([
      'email',
      'firstName',
      'lastName',
      'company',
    ])

    const exit = new Promise<number | null>((done) => child.once('exit', done))
    child.kill('SIGTERM')
    expect(await exit).toBe(0)
  }, 90_000)
})

import { execFile, execFileSync } from 'node:child_process'
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, describe, expect, it } from 'vitest'
import { installPackedApp } from './support/packedApp'

const run = promisify(execFile)
const cliDir = resolve(import.meta.dirname, '..')
const root = resolve(cliDir, '../..')
const whitepaper = resolve(root, 'packages/core/tests/fixtures/b2b-whitepaper.json')
const broken = resolve(import.meta.dirname, 'fixtures/broken.json')
const manifest = JSON.parse(readFileSync(join(cliDir, 'package.json'), 'utf8')) as {
  bin: Record<string, string>
}

/** Runs a command; never throws on a non-zero exit. */
async function exec(file: string, args: string[], cwd: string) {
  try {
    const { stdout, stderr } = await run(file, args, {
      cwd,
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
      timeout: 120_000,
    })
    return { code: 0, stdout, stderr }
  } catch (error) {
    const { code, stdout, stderr } = error as { code: number; stdout: string; stderr: string }
    return { code, stdout, stderr }
  }
}

const temporary: string[] = []
afterAll(() => {
  for (const dir of temporary) rmSync(dir, { recursive: true, force: true })
})

describe('the trickle bin', () => {
  it('is one checked-in file, so npm links it at install time and `npx @trickle/cli` finds it', () => {
    // One bin: `npx @trickle/cli` runs a package's only bin whatever its name.
    expect(Object.keys(manifest.bin)).toEqual(['trickle'])
    const bin = manifest.bin.trickle ?? ''
    expect(readFileSync(join(cliDir, bin), 'utf8')).toMatch(/^#!\/usr\/bin\/env node\n/)
    // Not a build output: `git check-ignore` exits 1 for a path git keeps.
    expect(() => execFileSync('git', ['check-ignore', '-q', bin], { cwd: cliDir })).toThrow()
  })

  it('runs the TypeScript sources in a checkout where nothing is built yet', async () => {
    // A copy of the package without dist/, inside the repository so it finds its workspaces.
    const cache = join(root, 'node_modules', '.cache')
    mkdirSync(cache, { recursive: true })
    const copy = mkdtempSync(join(cache, 'trickle-cli-unbuilt-'))
    temporary.push(copy)
    for (const part of ['bin', 'src', 'package.json']) {
      cpSync(join(cliDir, part), join(copy, part), { recursive: true })
    }
    const bin = join(copy, manifest.bin.trickle ?? '')
    const valid = await exec(process.execPath, [bin, 'validate', whitepaper], copy)
    expect(valid).toMatchObject({ code: 0, stderr: '' })
    expect(valid.stdout).toContain('is valid')
    const invalid = await exec(process.execPath, [bin, 'validate', broken], copy)
    expect(invalid.code).toBe(1)
    expect(invalid.stderr + invalid.stdout).toContain('unknown-property')
  })

  it('works for an app that installed the packed packages: npx @trickle/cli validate', async () => {
    // The global setup built the core, the studio and the CLI; the server ships in the app too.
    execFileSync('npm', ['run', 'build', '--silent', '-w', '@trickle/server'], {
      cwd: root,
      stdio: ['ignore', 'ignore', 'inherit'],
    })
    const dir = mkdtempSync(join(tmpdir(), 'trickle-packed-'))
    temporary.push(dir)
    installPackedApp(dir, ['@trickle/core', '@trickle/studio', '@trickle/server', '@trickle/cli'])
    const app = join(dir, 'app')
    writeFileSync(join(app, 'trickle.config.json'), readFileSync(whitepaper))
    writeFileSync(join(app, 'broken.config.json'), readFileSync(broken))

    const valid = await exec(
      'npx',
      ['--offline', '@trickle/cli', 'validate', 'trickle.config.json'],
      app,
    )
    expect(valid).toMatchObject({ code: 0, stderr: '' })
    expect(valid.stdout).toContain('trickle.config.json is valid')
    const invalid = await exec(
      'npx',
      ['--offline', '@trickle/cli', 'validate', 'broken.config.json'],
      app,
    )
    expect(invalid.code).toBe(1)
    expect(invalid.stderr + invalid.stdout).toContain('unknown-property')
    // The bin, not dist/bin.js, is what npm linked.
    const linked = await exec('npx', ['--offline', 'trickle', '--help'], app)
    expect(linked.stdout).toContain('trickle validate')
  }, 180_000)
})

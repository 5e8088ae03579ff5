import { execFileSync } from 'node:child_process'
import { resolve } from 'node:path'

/**
 * The CLI tests run the built binary, as a user would. Build the core and the studio (the
 * binary imports their dist) and the CLI once before the suite.
 */
export function setup(): void {
  const root = resolve(import.meta.dirname, '../../../..')
  for (const workspace of ['@trickle/core', '@trickle/studio', '@trickle/cli']) {
    execFileSync('npm', ['run', 'build', '--silent', '-w', workspace], {
      cwd: root,
      stdio: ['ignore', 'ignore', 'inherit'],
    })
  }
}

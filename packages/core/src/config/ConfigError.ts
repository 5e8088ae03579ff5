import type { ConfigIssue } from './configIssueCodes'

/** How many issues the error message lists; `.issues` always has all of them. */
const listed = 20

/** Thrown by `assertConfig`: the config has problems, listed in `.issues` and in the message. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError'
  readonly issues: readonly ConfigIssue[]

  constructor(issues: readonly ConfigIssue[]) {
    const count = issues.length === 1 ? '1 problem' : `${issues.length} problems`
    const lines = issues.slice(0, listed).map((issue) => {
      const where = issue.path === '' ? '(root)' : issue.path
      return `  ${where} [${issue.code}] ${issue.message}`
    })
    if (issues.length > listed) lines.push(`  ...and ${issues.length - listed} more (see .issues)`)
    super(`The Trickle config has ${count}:\n${lines.join('\n')}`)
    this.issues = issues
  }
}

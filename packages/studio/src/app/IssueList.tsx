import type { ConfigCheck } from './editor/configDiagnostics'
import { format, type StudioMessages } from './messages'

interface IssueListProps {
  check: ConfigCheck | null
  t: StudioMessages
  /** Moves the editor's cursor to the issue. */
  onJump: (offset: number) => void
}

/** The config's problems beside the editor; each one jumps to its line. */
export function IssueList({ check, t, onJump }: IssueListProps) {
  const diagnostics = check?.diagnostics ?? []
  return (
    <section className="issues" aria-labelledby="studio-issues-heading">
      <h2 id="studio-issues-heading">{t.issuesHeading}</h2>
      {check && diagnostics.length === 0 && <p className="no-issues">{t.noIssues}</p>}
      <ul>
        {diagnostics.map((diagnostic, index) => (
          <li
            key={`${diagnostic.from}-${diagnostic.code}-${index}`}
            data-severity={diagnostic.severity}
          >
            <button
              type="button"
              className="issue"
              data-line={diagnostic.line}
              data-code={diagnostic.code}
              onClick={() => onJump(diagnostic.from)}
            >
              <span className="issue-where">
                {diagnostic.severity === 'error' ? t.error : t.warning},{' '}
                {format(t.issueLine, { line: diagnostic.line })}
              </span>
              <span className="issue-message">{diagnostic.message}</span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  )
}

import { useId, useSyncExternalStore } from 'react'
import type { Paper } from '../papers'
import { fill } from '../siteCopy'
import { useSite } from '../siteContext'

export interface PaperCardProps {
  paper: Paper
  onOpen: (paper: Paper) => void
}

export function PaperCard({ paper, onOpen }: PaperCardProps) {
  const { route, copy, trickle } = useSite()
  const titleId = useId()
  const getUnlocked = () => Object.hasOwn(trickle.getState().unlocked, paper.formId)
  const unlocked = useSyncExternalStore(trickle.subscribe, getUnlocked, getUnlocked)
  const locale = route.locale
  return (
    <article className="paper-card" aria-labelledby={titleId} data-paper={paper.formId}>
      <div className="paper-cover" style={{ backgroundColor: paper.color }} aria-hidden="true">
        <span className="paper-cover-kicker">{paper.kicker.en}</span>
        <span className="paper-cover-title">{paper.title.en}</span>
        <span className="paper-cover-rule" />
        <span className="paper-cover-brand">Fernhollow Systems</span>
      </div>
      <div className="paper-body">
        <p className="paper-kicker">{paper.kicker[locale]}</p>
        <h3 id={titleId}>{paper.title[locale]}</h3>
        <p className="paper-summary">{paper.summary[locale]}</p>
        <p className="paper-meta">{fill(copy.paperMeta, { pages: paper.pages })}</p>
        <button
          className="button paper-button"
          type="button"
          aria-haspopup="dialog"
          aria-describedby={titleId}
          onClick={() => onOpen(paper)}
        >
          {unlocked ? copy.downloadAgain : copy.getPaper}
        </button>
      </div>
    </article>
  )
}

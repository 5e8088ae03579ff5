import { GatedDownload } from '@trickle/react'
import { useEffect, useId, useRef } from 'react'
import type { Paper } from '../papers'
import { useSite } from '../siteContext'
import { useDownloadHref } from '../useDownloadHref'

export interface GateDialogProps {
  paper: Paper
  onClose: () => void
}

/**
 * The gate of one paper in a modal dialog. Only the open paper's form is in the page, so field
 * ids stay unique; the browser traps the focus inside and gives it back to the card's button.
 */
export function GateDialog({ paper, onClose }: GateDialogProps) {
  const { route, copy } = useSite()
  const dialog = useRef<HTMLDialogElement>(null)
  const titleId = useId()
  const title = paper.title[route.locale]
  const download = useDownloadHref(paper)

  useEffect(() => {
    // Unmounting removes the element, which ends the modal state: no close() in a cleanup
    // (it would fire `close` and unmount the dialog again under StrictMode's double effects).
    const element = dialog.current
    if (element && !element.open) element.showModal()
  }, [])

  return (
    <dialog
      ref={dialog}
      className="gate-dialog"
      aria-labelledby={titleId}
      data-paper={paper.formId}
      data-download-source={download.source}
      onClose={onClose}
    >
      <div className="gate-dialog-cover" style={{ backgroundColor: paper.color }}>
        <p className="gate-dialog-kicker">{paper.kicker[route.locale]}</p>
        <h2 id={titleId}>{title}</h2>
        <button
          className="gate-dialog-close"
          type="button"
          aria-label={copy.close}
          onClick={() => dialog.current?.close()}
        >
          <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false">
            <path d="M6 6l12 12M18 6L6 18" />
          </svg>
        </button>
      </div>
      <div className="gate-dialog-body">
        <p className="gate-dialog-intro">{copy.gateIntro}</p>
        <GatedDownload formId={paper.formId} asset={{ href: download.href, title }} />
      </div>
    </dialog>
  )
}

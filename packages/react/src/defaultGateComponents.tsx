import type { DownloadProps, SuccessProps } from './components'
import { formatMessage } from './messages'
import { NotYou } from './NotYou'

/** A button and a link to the file; in one-click mode following either records the download. */
export function DownloadLinks({ title, href, onDownload, buttonRef, messages }: DownloadProps) {
  const link = { href, onClick: onDownload }
  return (
    <>
      <a
        {...link}
        className="trickle-button trickle-download-button"
        ref={buttonRef}
        download=""
        data-trickle-download="button"
      >
        {formatMessage(messages.downloadButton, { title })}
      </a>
      <a
        {...link}
        className="trickle-download-link"
        target="_blank"
        rel="noopener noreferrer"
        data-trickle-download="link"
      >
        {formatMessage(messages.downloadLink, { title })}
      </a>
    </>
  )
}

/** The download, then "Next visitor" (kiosk) or "Not you? Start over" (a recognised visitor). */
export function SuccessView({ download, onNextVisitor, onStartOver, messages }: SuccessProps) {
  return (
    <div className="trickle-download">
      {download}
      {onNextVisitor ? (
        <button
          type="button"
          className="trickle-button trickle-next-visitor"
          data-trickle-action="next-visitor"
          onClick={onNextVisitor}
        >
          {messages.nextVisitor}
        </button>
      ) : onStartOver ? (
        <NotYou messages={messages} onStartOver={onStartOver} />
      ) : null}
    </div>
  )
}

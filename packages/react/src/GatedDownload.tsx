import { useEffect, useRef } from 'react'
import { formatMessage } from './messages'
import { NotYou } from './NotYou'
import { ProgressiveForm } from './ProgressiveForm'
import type { FormId } from './register'
import { hasForm, UnknownForm } from './UnknownForm'
import type { SubmitSuccess } from './useProgressiveForm'
import { hasProfile, useStoreValue } from './useStoreValue'
import { useTrickle } from './useTrickle'

export interface GatedAsset {
  /** Where the file is; also recorded with the unlock. */
  href: string
  /** Shown on the download button, e.g. "The 2025 B2B buyer study". */
  title: string
}

export interface GatedDownloadProps {
  /** A form of the config; an unknown id renders a development message, in production nothing. */
  formId: FormId
  asset: GatedAsset
  /** Called after a successful submission, before the download is shown. */
  onSubmitted?: (result: SubmitSuccess) => void
  className?: string
}

/** `form`: ask first; `one-click`: nothing left to ask (open gate); `ready`: unlocked. */
export type GateMode = 'form' | 'one-click' | 'ready'

/**
 * A download behind a progressive form. After a successful submit it shows the download (a
 * button and a link) and remembers the unlock. With `openGate` and nothing left to ask, a
 * recognised visitor downloads with one click, which is still recorded as a download.
 */
export function GatedDownload(props: GatedDownloadProps) {
  const { trickle } = useTrickle()
  return hasForm(trickle.config, props.formId) ? (
    <KnownGate {...props} />
  ) : (
    <UnknownForm formId={props.formId} component="GatedDownload" />
  )
}

function KnownGate({ formId, asset, onSubmitted, className }: GatedDownloadProps) {
  const { trickle, messages } = useTrickle()
  const openGate = trickle.config.forms.find((f) => f.id === formId)?.openGate
  const mode = useStoreValue(trickle, (state): GateMode =>
    Object.hasOwn(state.unlocked, formId) || state.forms[formId]?.status === 'success'
      ? 'ready'
      : openGate && trickle.plan(formId).complete
        ? 'one-click'
        : 'form',
  )
  const downloadUrl = useStoreValue(trickle, (state) => state.forms[formId]?.downloadUrl)
  const known = useStoreValue(trickle, hasProfile)
  const kiosk = trickle.persist === 'none'
  const title = { title: asset.title }
  // The button and the link; in one-click mode, following one records the download.
  const link = {
    href: downloadUrl ?? asset.href,
    onClick:
      mode === 'one-click'
        ? () => trickle.unlock(formId, { href: asset.href, oneClick: true })
        : undefined,
  }

  useEffect(() => {
    if (mode === 'one-click') trickle.markShown(trickle.plan(formId))
  }, [trickle, mode, formId])

  const button = useRef<HTMLAnchorElement>(null)
  const previous = useRef(mode)
  useEffect(() => {
    // The submit button is gone: move the focus to the download it unlocked.
    if (previous.current === 'form' && mode === 'ready') button.current?.focus()
    previous.current = mode
  }, [mode])

  // Kiosk: the next person meets the form again, when this one is done or the gate closes.
  useEffect(() => (kiosk ? () => trickle.dismiss(formId) : undefined), [kiosk, trickle, formId])

  return (
    <div
      className={className ? `trickle-gate ${className}` : 'trickle-gate'}
      data-trickle-gate={formId}
      data-trickle-mode={mode}
    >
      <div className="trickle-status" role="status">
        {{ form: '', 'one-click': messages.oneClickIntro, ready: messages.downloadReady }[mode]}
      </div>
      {mode === 'form' ? (
        <ProgressiveForm
          formId={formId}
          submitLabel={formatMessage(messages.downloadSubmit, title)}
          onSubmitted={(result) => {
            trickle.unlock(formId, { href: asset.href })
            onSubmitted?.(result)
          }}
        />
      ) : (
        <div className="trickle-download">
          <a
            {...link}
            className="trickle-button trickle-download-button"
            ref={button}
            download=""
            data-trickle-download="button"
          >
            {formatMessage(messages.downloadButton, title)}
          </a>
          <a
            {...link}
            className="trickle-download-link"
            target="_blank"
            rel="noopener noreferrer"
            data-trickle-download="link"
          >
            {formatMessage(messages.downloadLink, title)}
          </a>
          {kiosk ? (
            <button
              type="button"
              className="trickle-button trickle-next-visitor"
              data-trickle-action="next-visitor"
              onClick={() => trickle.dismiss(formId)}
            >
              {messages.nextVisitor}
            </button>
          ) : known ? (
            <NotYou messages={messages} onStartOver={() => trickle.reset()} />
          ) : null}
        </div>
      )}
    </div>
  )
}

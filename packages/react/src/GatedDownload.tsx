import { useEffect, useRef, useSyncExternalStore } from 'react'
import { formatMessage } from './messages'
import { NotYou } from './NotYou'
import { ProgressiveForm } from './ProgressiveForm'
import type { SubmitSuccess } from './useProgressiveForm'
import { useTrickle } from './useTrickle'

export interface GatedAsset {
  /** Where the file is; also recorded with the unlock. */
  href: string
  /** Shown on the download button, e.g. "The 2025 B2B buyer study". */
  title: string
}

export interface GatedDownloadProps {
  formId: string
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
export function GatedDownload({ formId, asset, onSubmitted, className }: GatedDownloadProps) {
  const { trickle, messages } = useTrickle()
  const getPlan = () => trickle.plan(formId)
  const plan = useSyncExternalStore(trickle.subscribe, getPlan, getPlan)
  const getUnlocked = () => {
    const { unlocked } = trickle.getState()
    return Object.hasOwn(unlocked, formId) ? unlocked[formId] : undefined
  }
  const unlocked = useSyncExternalStore(trickle.subscribe, getUnlocked, getUnlocked)
  const getForm = () => trickle.getState().forms[formId]
  const formState = useSyncExternalStore(trickle.subscribe, getForm, getForm)
  const getKnown = () => Object.keys(trickle.getState().profile.fields).length > 0
  const known = useSyncExternalStore(trickle.subscribe, getKnown, getKnown)

  const openGate = trickle.config.forms.find((form) => form.id === formId)?.openGate === true
  const mode: GateMode =
    unlocked !== undefined || formState?.status === 'success'
      ? 'ready'
      : openGate && plan.complete
        ? 'one-click'
        : 'form'
  const href = formState?.downloadUrl ?? asset.href
  const values = { title: asset.title }

  useEffect(() => {
    if (mode === 'one-click') trickle.markShown(plan)
  }, [trickle, mode, plan])

  const button = useRef<HTMLAnchorElement>(null)
  const previous = useRef(mode)
  useEffect(() => {
    // The submit button is gone: move the focus to the download it unlocked.
    if (previous.current === 'form' && mode === 'ready') button.current?.focus()
    previous.current = mode
  }, [mode])

  // Kiosk: the next person meets the form again, when this one is done or the gate closes.
  const kiosk = trickle.persist === 'none'
  useEffect(() => {
    if (!kiosk) return undefined
    return () => trickle.dismiss(formId)
  }, [kiosk, trickle, formId])

  const recordOneClick =
    mode === 'one-click'
      ? () => trickle.unlock(formId, { href: asset.href, oneClick: true })
      : undefined

  return (
    <div
      className={className ? `trickle-gate ${className}` : 'trickle-gate'}
      data-trickle-gate={formId}
      data-trickle-mode={mode}
    >
      <div className="trickle-status" role="status">
        {mode === 'ready'
          ? messages.downloadReady
          : mode === 'one-click'
            ? messages.oneClickIntro
            : ''}
      </div>
      {mode === 'form' ? (
        <ProgressiveForm
          formId={formId}
          submitLabel={formatMessage(messages.downloadSubmit, values)}
          onSubmitted={(result) => {
            trickle.unlock(formId, { href: asset.href })
            onSubmitted?.(result)
          }}
        />
      ) : (
        <div className="trickle-download">
          <a
            className="trickle-button trickle-download-button"
            ref={button}
            href={href}
            download=""
            data-trickle-download="button"
            onClick={recordOneClick}
          >
            {formatMessage(messages.downloadButton, values)}
          </a>
          <a
            className="trickle-download-link"
            href={href}
            target="_blank"
            rel="noopener noreferrer"
            data-trickle-download="link"
            onClick={recordOneClick}
          >
            {formatMessage(messages.downloadLink, values)}
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

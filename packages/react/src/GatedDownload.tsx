import type { GateState, SubmitSuccess } from '@trickle/core'
import { useEffect, useRef } from 'react'
import { formatMessage } from './messages'
import { ProgressiveForm } from './ProgressiveForm'
import type { FormId } from './register'
import { hasForm, UnknownForm } from './UnknownForm'
import { useGatedDownload } from './useGatedDownload'
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
export type GateMode = GateState

/**
 * A download behind a progressive form, rendered from `useGatedDownload`: the form, then the
 * download (`components.download` inside `components.success`). With an open gate and nothing
 * left to ask, a recognised visitor downloads with one click, which is still recorded.
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
  const { messages, components } = useTrickle()
  const gate = useGatedDownload(formId, { href: asset.href, ...(onSubmitted && { onSubmitted }) })
  const { download: Download, success: Success } = components
  const button = useRef<HTMLAnchorElement>(null)
  const previous = useRef(gate.gate)
  useEffect(() => {
    // The submit button is gone: move the focus to the download it unlocked.
    if (previous.current === 'form' && gate.gate === 'ready') button.current?.focus()
    previous.current = gate.gate
  }, [gate.gate])

  return (
    <div
      className={className ? `trickle-gate ${className}` : 'trickle-gate'}
      data-trickle-gate={formId}
      data-trickle-mode={gate.gate}
    >
      <div className="trickle-status" role="status">
        {
          { form: '', 'one-click': messages.oneClickIntro, ready: messages.downloadReady }[
            gate.gate
          ]
        }
      </div>
      {gate.gate === 'form' ? (
        <ProgressiveForm
          formId={formId}
          session={gate.session}
          submitLabel={formatMessage(messages.downloadSubmit, { title: asset.title })}
        />
      ) : (
        <Success
          formId={formId}
          gate={gate.gate}
          download={
            <Download
              formId={formId}
              title={asset.title}
              href={gate.href}
              onDownload={gate.gate === 'one-click' ? gate.unlock : undefined}
              buttonRef={button}
              messages={messages}
            />
          }
          onNextVisitor={gate.kiosk ? gate.dismiss : null}
          onStartOver={!gate.kiosk && gate.known ? gate.startOver : null}
          messages={messages}
        />
      )}
    </div>
  )
}

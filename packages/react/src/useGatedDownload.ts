import type { FormSession, FormSessionSnapshot, GateState, SubmitSuccess } from '@trickle/core'
import type { FormId } from './register'
import { useFormSession } from './useFormSession'
import { useFormSnapshot } from './useFormSnapshot'

export interface UseGatedDownloadOptions {
  /** Where the file is; recorded with the unlock. */
  href: string
  /** Called after a successful submission, once the download is unlocked. */
  onSubmitted?: (result: SubmitSuccess) => void
}

export interface GatedDownloadApi extends FormSessionSnapshot {
  /** `form`: ask first; `one-click`: nothing left to ask; `ready`: unlocked. */
  gate: GateState
  /** The link to offer: the transport's download link, else the asset's. */
  href: string
  /** Records a one-click download (call it when the link is followed in `one-click`). */
  unlock: () => void
  /** "Not you?": forgets the visitor. */
  startOver: () => void
  /** Kiosk: the next person meets the form again. */
  dismiss: () => void
  /** The session, for `useProgressiveForm(formId, { session })` or your own form. */
  session: FormSession
}

/**
 * A download behind a progressive form, headless: the gate state of the core's form session
 * and its actions. Render your own form in `form` state (or `<ProgressiveForm>` with this
 * session); the kiosk gate is dismissed when the component goes away.
 */
export function useGatedDownload(
  formId: FormId,
  options: UseGatedDownloadOptions,
): GatedDownloadApi {
  const { href, onSubmitted } = options
  const session = useFormSession(formId, { gate: { href }, ...(onSubmitted && { onSubmitted }) })
  const snapshot = useFormSnapshot(session)
  return {
    ...snapshot,
    href: snapshot.downloadUrl ?? href,
    unlock: session.unlock,
    startOver: session.startOver,
    dismiss: session.dismiss,
    session,
  }
}

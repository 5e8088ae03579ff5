import type { Messages } from './messages'

export interface NotYouProps {
  messages: Messages
  onStartOver: () => void
}

/** "Not you? Start over": on a shared device a visitor can always drop the recognised profile. */
export function NotYou({ messages, onStartOver }: NotYouProps) {
  return (
    <p className="trickle-not-you" data-trickle-not-you="">
      {messages.notYou}{' '}
      <button className="trickle-link" type="button" onClick={onStartOver}>
        {messages.startOver}
      </button>
    </p>
  )
}

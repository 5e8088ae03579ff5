import { createHash } from 'node:crypto'
import type { Person, PersonConsent } from './findPeople'

/** How a consent event came about. */
export type ConsentAction =
  'ticked-box' | 'left-unticked' | 'confirmation-link' | 'withdrawal' | 'address-changed' | 'other'

/** One consent event of the purpose, with what proves it. */
export interface ConsentProofEntry {
  visitorId: string
  seq: number
  at: string
  decision: string
  version: number
  locale: string | null
  formId: string | null
  source: string | null
  /** The exact text shown (from `consent_texts`), or null for an event without a text. */
  text: string | null
  textHash: string | null
  /** Whether SHA-256 of `text` is `textHash`: the text is the one the visitor saw. */
  textHashMatches: boolean
  action: ConsentAction
  /** A double opt-in confirmation: the keyed hash of the address the link was mailed to. */
  mailedToHash: string | null
  mailedAt: string | null
  /** The keyed hash of the profile's address when the event was recorded, where known. */
  addressHashAtThatTime: string | null
}

/** `GET /v1/admin/people/proof`: every event of one purpose across the person's profiles. */
export interface ConsentProof {
  purposeId: string
  addressHash: string
  proofs: ConsentProofEntry[]
}

function actionOf(event: PersonConsent): ConsentAction {
  if (event.decision === 'confirmed') return 'confirmation-link'
  if (event.decision === 'withdrawn') return 'withdrawal'
  if (event.source === 'address-changed') return 'address-changed'
  if (event.decision === 'granted') return 'ticked-box'
  if (event.decision === 'denied') return 'left-unticked'
  return 'other'
}

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex')

/**
 * The proof of one purpose's consent (GDPR Art. 7(1)): who (visitor, the address as a keyed
 * hash), when, which version, the exact text with its hash checked, language, form, and how
 * (a ticked box, a confirmation link with the address it was mailed to and when).
 */
export function proofOfConsent(
  people: readonly Person[],
  purposeId: string,
  addressHash: string,
): ConsentProof {
  const proofs = people.flatMap((person) =>
    person.consents
      .filter((event) => event.purposeId === purposeId)
      .map((event): ConsentProofEntry => {
        const confirmation = event.decision === 'confirmed'
        return {
          visitorId: person.visitorId,
          seq: event.seq,
          at: event.at,
          decision: event.decision,
          version: event.version,
          locale: event.locale,
          formId: event.formId,
          source: event.source,
          text: event.text,
          textHash: event.textHash,
          textHashMatches:
            event.text !== null && event.textHash !== null && sha256(event.text) === event.textHash,
          action: actionOf(event),
          mailedToHash: confirmation ? event.addressHash : null,
          mailedAt: event.mailedAt,
          addressHashAtThatTime: event.addressHash,
        }
      }),
  )
  proofs.sort((a, b) => a.at.localeCompare(b.at) || a.seq - b.seq)
  return { purposeId, addressHash, proofs }
}

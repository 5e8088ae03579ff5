import type { PointerSegment } from '../jsonPointer'
import { isId, isRecord, own } from '../jsonValue'

export type Path = readonly PointerSegment[]

/** The languages config issues are written in. */
export const messageLocales = ['en', 'de'] as const
export type MessageLocale = (typeof messageLocales)[number]

/** The entries a message may name by id: `field "company"`, `Formular "whitepaper"`. */
export type EntryNoun = 'purpose' | 'field' | 'form' | 'destination'

/** An entry of a config list, named by its id when it has a well-formed one. */
export interface EntryRef {
  noun: EntryNoun
  section: string
  index: number
  id?: string | undefined
}

/** The words of one language that every message is built from. */
export interface Vocabulary {
  theConfig: string
  nouns: Readonly<Record<EntryNoun, string>>
  list: string
  object: string
  notJson: (type: string) => string
  andMore: (count: number) => string
  didYouMean: (suggestion: string) => string
}

/** What message templates use to name places, values and lists in the issue's language. */
export interface Words {
  /** Where something is, as a marketer reads it: `form "whitepaper" (forms[0]) › sequence[2]`. */
  at(path: Path): string
  /** A value as it appears in a message: strings quoted and shortened, containers named. */
  q(value: unknown): string
  /** A list, cut after `max` items so a message stays readable. */
  list(items: readonly string[], max?: number): string
  /** An entry: `field "company"`, or `fields[3]` when its id is broken. */
  name(entry: EntryRef): string
  capitalize(text: string): string
}

const plainKey = /^[A-Za-z_$][A-Za-z0-9_$]*$/
const maxQuoted = 60
const namedSections: Readonly<Record<string, EntryNoun>> = {
  purposes: 'purpose',
  fields: 'field',
  forms: 'form',
  destinations: 'destination',
}

/** A path written the way JavaScript would: `forms[0].askIf.all[1]`. */
export function plainPath(path: Path): string {
  let text = ''
  for (const segment of path) {
    if (typeof segment === 'number') text += `[${segment}]`
    else if (segment.length <= maxQuoted && plainKey.test(segment)) {
      text += text === '' ? segment : `.${segment}`
    } else
      text += `[${JSON.stringify(segment.length > maxQuoted ? `${segment.slice(0, maxQuoted)}...` : segment)}]`
  }
  return text
}

export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1)
}

/**
 * The words of `vocabulary`, naming entries of `root` by their ids: a message says
 * `field "company" (fields[3]) › purposes`, not `fields[3].purposes`.
 */
export function createWords(vocabulary: Vocabulary, root: unknown): Words {
  const q = (value: unknown): string => {
    if (typeof value === 'string') {
      return JSON.stringify(value.length > maxQuoted ? `${value.slice(0, maxQuoted)}...` : value)
    }
    if (typeof value === 'number' || typeof value === 'boolean' || value === null) {
      return String(value)
    }
    if (Array.isArray(value)) return vocabulary.list
    if (typeof value === 'object') return vocabulary.object
    return vocabulary.notJson(typeof value)
  }
  const name = ({ noun, section, index, id }: EntryRef): string =>
    id !== undefined && isId(id) ? `${vocabulary.nouns[noun]} ${q(id)}` : `${section}[${index}]`
  const idAt = (section: string, index: number): string | undefined => {
    const list = isRecord(root) ? own(root, section) : undefined
    const entry = Array.isArray(list) ? (list as unknown[])[index] : undefined
    const id = isRecord(entry) ? own(entry, 'id') : undefined
    return isId(id) ? id : undefined
  }
  const at = (path: Path): string => {
    if (path.length === 0) return vocabulary.theConfig
    const [section, index] = path
    const noun = typeof section === 'string' ? namedSections[section] : undefined
    if (noun === undefined || typeof index !== 'number') return plainPath(path)
    const id = idAt(section as string, index)
    if (id === undefined) return plainPath(path)
    const entry = `${name({ noun, section: section as string, index, id })} (${plainPath(path.slice(0, 2))})`
    return path.length === 2 ? entry : `${entry} › ${plainPath(path.slice(2))}`
  }
  const list = (items: readonly string[], max = 12): string =>
    items.length <= max
      ? items.join(', ')
      : `${items.slice(0, max).join(', ')} ${vocabulary.andMore(items.length - max)}`
  return { at, q, list, name, capitalize }
}

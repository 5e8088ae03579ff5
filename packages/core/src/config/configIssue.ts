import type { ConfigIssue, ConfigIssueCode } from './configIssueCodes'
import { capitalize, createWords, type MessageLocale, type Path, type Words } from './configWords'
import { toJsonPointer } from '../jsonPointer'
import { messagesDe, vocabularyDe } from './messages/messagesDe'
import {
  messagesEn,
  vocabularyEn,
  type MessageCatalog,
  type MessageKey,
  type MessageParams,
} from './messages/messagesEn'

export type { Path } from './configWords'

const catalogs: Readonly<
  Record<MessageLocale, { messages: MessageCatalog; vocabulary: typeof vocabularyEn }>
> = {
  en: { messages: messagesEn, vocabulary: vocabularyEn },
  de: { messages: messagesDe, vocabulary: vocabularyDe },
}

/** The issue code of a message key: `too-short.empty` is a `too-short` issue. */
export function codeOf(key: MessageKey): ConfigIssueCode {
  return key.split('.')[0] as ConfigIssueCode
}

/**
 * Writes config issues in one language: every check reports through `issue`, which takes a
 * message from the catalog of that language, fills in its parameters and adds the
 * did-you-mean question when there is a suggestion.
 */
export interface IssueWriter {
  locale: MessageLocale
  words: Words
  issue<K extends MessageKey>(
    path: Path,
    key: K,
    params: MessageParams<K>,
    suggestion?: string,
  ): ConfigIssue
}

/** An issue writer for `locale`; `root` is the input, so messages can name entries by id. */
export function createIssueWriter(locale: MessageLocale, root: unknown): IssueWriter {
  const { messages, vocabulary } = catalogs[locale]
  const words = createWords(vocabulary, root)
  const startsWithName = (message: string): boolean =>
    message.startsWith(vocabulary.theConfig) ||
    Object.values(vocabulary.nouns).some((noun) => message.startsWith(`${noun} "`))
  return {
    locale,
    words,
    issue(path, key, params, suggestion) {
      const write = messages[key] as (params: MessageParams<typeof key>, words: Words) => string
      let message = write(params, words)
      // Messages may start with a place; only a name ("the config", field "x") gets a capital.
      if (startsWithName(message)) message = capitalize(message)
      const code = codeOf(key)
      if (suggestion === undefined) return { path: toJsonPointer(path), code, message }
      return {
        path: toJsonPointer(path),
        code,
        message: `${message} ${vocabulary.didYouMean(suggestion)}`,
        suggestion,
      }
    },
  }
}

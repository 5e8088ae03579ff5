import type { ConfigIssue } from './configIssueCodes'
import { createIssueWriter, type IssueWriter, type Path } from './configIssue'
import type { EntryNoun, EntryRef, MessageLocale } from './configWords'
import type { MessageKey, MessageParams } from './messages/messagesEn'
import {
  fieldTypes,
  legalBases,
  localePattern,
  type FieldType,
  type LegalBasis,
} from './configSchema'
import { didYouMean } from './didYouMean'
import { isId, isRecord, own, type JsonRecord } from '../jsonValue'

/** One purpose, field or form of the input, found by its well-formed id. */
export interface Entry {
  index: number
  record: JsonRecord
}

export interface PurposeEntry extends Entry {
  /** `undefined` when the basis is missing or misspelled (the schema reports that). */
  basis: LegalBasis | undefined
}

export interface FieldEntry extends Entry {
  type: FieldType | undefined
}

/**
 * What the meaning checks read from a config that may be broken anywhere. A list is `complete`
 * when every entry has a well-formed id. `malformedIds` has an entry for each referenced list
 * that is a list at all (only then can a reference be called unknown): the ids of its entries
 * that are text but no id (`"last name"`, `"constructor"`), so that a reference meant for one of
 * them is not reported twice.
 */
export interface ConfigCatalog {
  root: JsonRecord
  /** The configured locales, or `undefined` when the list itself is broken. */
  locales: readonly string[] | undefined
  /** Every purpose that is an object, in order, whatever its id. */
  purposeList: PurposeEntry[]
  /** Purposes by id: the first of each well-formed id. */
  purposes: Map<string, PurposeEntry>
  purposesComplete: boolean
  fieldList: FieldEntry[]
  fields: Map<string, FieldEntry>
  fieldsComplete: boolean
  /** Per readable `purposes`, `fields` and `forms` list: the ids that are text but not well-formed. */
  malformedIds: Map<ReferencedSection, string[]>
  formList: Entry[]
  forms: Map<string, Entry>
  formsComplete: boolean
  errors: ConfigIssue[]
  warnings: ConfigIssue[]
  /** Writes the issues in the language asked for. */
  writer: IssueWriter
}

/** Reports an error or a warning through the catalog's writer (see `messagesEn` for the keys). */
export function report<K extends MessageKey>(
  catalog: ConfigCatalog,
  severity: 'errors' | 'warnings',
  path: Path,
  key: K,
  params: MessageParams<K>,
  suggestion?: string,
): void {
  catalog[severity].push(catalog.writer.issue(path, key, params, suggestion))
}

/** The lists that other parts of a config refer to by id. */
export type ReferencedSection = 'purposes' | 'fields' | 'forms'

/**
 * Whether a reference to `id` names nothing in `section`. Not when the list is unreadable (its
 * shape is reported), nor when `id` is probably meant for an entry whose own id is malformed
 * (`lastName` for `"last name"`): fixing that id fixes the reference. Any other malformed id
 * hides nothing: `tailr` is unknown whether or not another purpose is called `constructor`.
 */
export function namesNothing(
  catalog: ConfigCatalog,
  section: ReferencedSection,
  id: string,
): boolean {
  const known = catalog[section]
  const malformed = catalog.malformedIds.get(section)
  if (known.has(id) || malformed === undefined) return false
  return !malformed.some(
    (malformed) => malformed === id || didYouMean(id, [malformed]) !== undefined,
  )
}

/** An entry as messages name it: `purpose "newsletter"`, or `purposes[2]` when its id is broken. */
export function refOf(noun: EntryNoun, section: string, entry: Entry): EntryRef {
  const id = own(entry.record, 'id')
  return { noun, section, index: entry.index, id: isId(id) ? id : undefined }
}

/** Reads ids and locales, reporting duplicates at their second occurrence. */
export function readConfigCatalog(root: JsonRecord, locale: MessageLocale = 'en'): ConfigCatalog {
  const catalog: ConfigCatalog = {
    writer: createIssueWriter(locale, root),
    root,
    locales: undefined,
    purposeList: [],
    purposes: new Map(),
    purposesComplete: false,
    fieldList: [],
    fields: new Map(),
    fieldsComplete: false,
    formList: [],
    forms: new Map(),
    formsComplete: false,
    malformedIds: new Map(),
    errors: [],
    warnings: [],
  }
  catalog.locales = readLocales(catalog)
  catalog.purposesComplete = readList(
    catalog,
    'purposes',
    (entry) => {
      const basis = own(entry.record, 'basis')
      return { ...entry, basis: legalBases.find((each) => each === basis) }
    },
    catalog.purposeList,
    catalog.purposes,
  )
  catalog.fieldsComplete = readList(
    catalog,
    'fields',
    (entry) => {
      const type = own(entry.record, 'type')
      return { ...entry, type: fieldTypes.find((each) => each === type) }
    },
    catalog.fieldList,
    catalog.fields,
  )
  catalog.formsComplete = readList(
    catalog,
    'forms',
    (entry) => entry,
    catalog.formList,
    catalog.forms,
  )
  return catalog
}

function readLocales(catalog: ConfigCatalog): readonly string[] | undefined {
  const value = own(catalog.root, 'locales')
  if (value === undefined) return ['en']
  if (!Array.isArray(value) || value.length === 0) return undefined
  const locales: string[] = []
  let sound = true
  value.forEach((locale: unknown, index) => {
    if (typeof locale !== 'string' || !localePattern.test(locale)) {
      sound = false
    } else if (locales.includes(locale)) {
      report(catalog, 'errors', ['locales', index], 'duplicate-locale', { locale })
    } else {
      locales.push(locale)
    }
  })
  return sound ? locales : undefined
}

function readList<T extends Entry>(
  catalog: ConfigCatalog,
  section: ReferencedSection,
  toEntry: (entry: Entry) => T,
  all: T[],
  byId: Map<string, T>,
): boolean {
  const list = own(catalog.root, section)
  if (!Array.isArray(list)) return false
  const malformed: string[] = []
  catalog.malformedIds.set(section, malformed)
  let complete = true
  list.forEach((record: unknown, index) => {
    if (!isRecord(record)) {
      complete = false
      return
    }
    const entry = toEntry({ index, record })
    all.push(entry)
    const id = own(record, 'id')
    if (!isId(id)) {
      complete = false
      if (typeof id === 'string') malformed.push(id)
      return
    }
    const first = byId.get(id)
    if (first === undefined) {
      byId.set(id, entry)
      return
    }
    const path: Path = [section, index, 'id']
    report(catalog, 'errors', path, 'duplicate-id', { id, first: `${section}[${first.index}]` })
  })
  return complete
}

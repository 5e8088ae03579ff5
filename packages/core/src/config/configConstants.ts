/**
 * The constants of the config format. They live apart from the zod schema so that runtime code
 * (storage recovery, the planner) can use them without bundling the schema.
 */

/** Ids of purposes, fields, forms. `constructor` and `prototype` are excluded by the lookahead. */
export const idPattern = /^(?!(?:constructor|prototype)$)[A-Za-z][A-Za-z0-9_-]{0,63}$/

/** Names that are never valid ids: they collide with properties every JavaScript object has. */
export const reservedIds = ['__proto__', 'constructor', 'prototype'] as const

/** BCP 47 language tags as marketers write them: `en`, `de`, `de-CH`, `pt-BR`. */
export const localePattern = /^[a-z]{2,3}(?:-[A-Z]{2})?$/

/**
 * Links of the config (`links.privacy`, `links.imprint`) end up in an `href`: only `https://`,
 * `http://`, `mailto:` and paths on the same site (`/privacy`, not `//host`) are allowed, with
 * no spaces or control characters anywhere (browsers drop those, so `java\tscript:` would run).
 * Anything else (`javascript:`, `data:`, `vbscript:`) could run code in the visitor's browser.
 */
export const linkPattern =
  /^(?:\/(?![/\\])[!-~\u0080-\uffff]*|(?:https?:\/\/|mailto:)[!-~\u0080-\uffff]+)$/

/** The longest link a config may hold. */
export const maxLinkLength = 2000

export const fieldTypes = [
  'text',
  'email',
  'tel',
  'url',
  'number',
  'textarea',
  'select',
  'radio',
  'multiselect',
  'checkbox',
  'country',
] as const

/** Field types whose answers come from `options`. */
export const optionFieldTypes = ['select', 'radio', 'multiselect'] as const

export const legalBases = ['consent', 'contract', 'legitimate-interest'] as const

/** The kinds of destination a config can name. */
export const destinationTypes = ['webhook', 'hubspot'] as const

/** A HubSpot account (portal) id: digits only. */
export const portalIdPattern = /^\d{1,20}$/

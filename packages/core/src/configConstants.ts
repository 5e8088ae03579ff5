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

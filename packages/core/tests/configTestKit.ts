/**
 * Helpers for the config tests: edit a copy of the fixture by JSON Pointer, resolve pointers
 * independently of the code under test, and check the invariants every parse result keeps.
 */
import { configIssueCodes, type ConfigIssue } from '../src/config/configIssueCodes'
import type { ParseConfigResult } from '../src/config/parseConfig'
import fixture from './fixtures/b2b-whitepaper.json'

export type Edit =
  { set: string; to: unknown } | { remove: string } | { push: string; value: unknown }

function segmentsOf(pointer: string): string[] {
  if (pointer === '') return []
  return pointer
    .slice(1)
    .split('/')
    .map((segment) => segment.replaceAll('~1', '/').replaceAll('~0', '~'))
}

/** Written separately from src/jsonPointer.ts, so the tests do not trust the code they check. */
export function pointsInto(document: unknown, pointer: string): boolean {
  if (pointer !== '' && !pointer.startsWith('/')) return false
  let value = document
  for (const segment of segmentsOf(pointer)) {
    if (Array.isArray(value)) {
      if (!/^(0|[1-9][0-9]*)$/.test(segment) || Number(segment) >= value.length) return false
      value = value[Number(segment)]
    } else if (typeof value === 'object' && value !== null && Object.hasOwn(value, segment)) {
      value = (value as Record<string, unknown>)[segment]
    } else {
      return false
    }
  }
  return true
}

function containerAt(document: unknown, segments: string[]): Record<string, unknown> {
  let value = document
  for (const segment of segments) value = (value as Record<string, unknown>)[segment]
  if (typeof value !== 'object' || value === null) throw new Error('edit outside the document')
  return value as Record<string, unknown>
}

/** A fresh copy of the fixture (as JSON.parse gives it) with the edits applied. */
export function fixtureWith(...edits: Edit[]): unknown {
  const document: unknown = JSON.parse(JSON.stringify(fixture))
  for (const edit of edits) {
    if ('push' in edit) {
      const list = containerAt(document, segmentsOf(edit.push))
      if (!Array.isArray(list)) throw new Error(`${edit.push} is not a list`)
      list.push(edit.value)
      continue
    }
    const pointer = 'set' in edit ? edit.set : edit.remove
    const segments = segmentsOf(pointer)
    const key = segments.pop() ?? ''
    const parent = containerAt(document, segments)
    if ('remove' in edit) {
      if (Array.isArray(parent)) parent.splice(Number(key), 1)
      else Reflect.deleteProperty(parent, key)
    } else {
      Object.defineProperty(parent, key, {
        value: edit.to,
        writable: true,
        enumerable: true,
        configurable: true,
      })
    }
  }
  return document
}

/** The pairs a test compares: where and what, in order. */
export const where = (issues: readonly ConfigIssue[]): [string, string][] =>
  issues.map((issue) => [issue.path, issue.code])

export const issuesOf = (result: ParseConfigResult): ConfigIssue[] =>
  result.ok ? [] : result.issues

const knownCodes = new Set<string>(configIssueCodes)

/**
 * What every result must satisfy, whatever the input. Plain checks rather than `expect` calls:
 * property tests run this 10,000 times.
 */
export function expectWellFormed(input: unknown, result: ParseConfigResult): void {
  const fail = (problem: string): never => {
    throw new Error(`${problem}\nresult: ${JSON.stringify(result).slice(0, 2000)}`)
  }
  if (result.ok ? typeof result.config !== 'object' : result.issues.length === 0) {
    fail('ok must come with a config, not ok with at least one issue')
  }
  for (const issue of [...issuesOf(result), ...result.warnings]) {
    if (!pointsInto(input, issue.path))
      fail(`path ${JSON.stringify(issue.path)} is not in the input`)
    if (!knownCodes.has(issue.code)) fail(`unknown code ${issue.code}`)
    // 'unreadable' is the last resort for values JSON cannot hold; JSON input never needs it.
    if (issue.code === 'unreadable') fail('JSON input was unreadable')
    if (issue.message.length < 10 || issue.message.length > 2000) fail('message length')
    if (issue.message.includes('Invalid input')) fail('a default zod message leaked')
  }
}

export function deepFreeze<T>(value: T): T {
  const stack: unknown[] = [value]
  while (stack.length > 0) {
    const next = stack.pop()
    if (typeof next !== 'object' || next === null || Object.isFrozen(next)) continue
    Object.freeze(next)
    for (const key of Object.keys(next)) stack.push((next as Record<string, unknown>)[key])
  }
  return value
}

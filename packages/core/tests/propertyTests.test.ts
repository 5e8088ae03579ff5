/// <reference types="node" />
/**
 * Property tests must not depend on how fast the machine is: each bounds its work by count
 * (an explicit `numRuns`) and gives its test a timeout that fits that count with a wide margin,
 * far above Vitest's default of 5 s, so a busy 2-core machine runs them as a fast one does.
 * This checks every property test of the repository, by reading the test files.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'
import { repoRoot } from './docBlocks'

/** The smallest timeout a property test may set: six times Vitest's default. */
const minTimeoutMs = 30_000

const testFile = /\.test\.tsx?$/

function testFiles(dir: string): string[] {
  const files: string[] = []
  const stack = [dir]
  while (stack.length > 0) {
    const current = stack.pop() as string
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      if (entry.name === 'node_modules' || entry.name === 'dist') continue
      const path = join(current, entry.name)
      if (entry.isDirectory()) stack.push(path)
      else if (testFile.test(entry.name)) files.push(path)
    }
  }
  return files
}

const roots = ['packages', 'examples', 'compat', 'bench'].map((name) => join(repoRoot, name))

function safeTestFiles(root: string): string[] {
  try {
    return testFiles(root)
  } catch {
    return []
  }
}

interface PropertyCall {
  where: string
  numRuns: boolean
  timeoutMs: number | undefined
}

const isIdentifier = (node: ts.Node, name: string): boolean =>
  ts.isIdentifier(node) && node.text === name

/** `fc.assert(...)` */
function isAssert(node: ts.Node): node is ts.CallExpression {
  return (
    ts.isCallExpression(node) &&
    ts.isPropertyAccessExpression(node.expression) &&
    isIdentifier(node.expression.expression, 'fc') &&
    node.expression.name.text === 'assert'
  )
}

/** `it(...)`, `test(...)`, `it.each(...)(...)` and friends: the test that holds a node. */
function isTestCall(node: ts.Node): node is ts.CallExpression {
  if (!ts.isCallExpression(node)) return false
  let callee: ts.Expression = node.expression
  while (ts.isCallExpression(callee) || ts.isPropertyAccessExpression(callee)) {
    callee = callee.expression
  }
  return isIdentifier(callee, 'it') || isIdentifier(callee, 'test')
}

/** The object literal an expression stands for: written inline, or a `const` of this file. */
function objectOf(
  expression: ts.Expression | undefined,
  file: ts.SourceFile,
): ts.ObjectLiteralExpression | undefined {
  if (expression === undefined) return undefined
  if (ts.isObjectLiteralExpression(expression)) return expression
  if (!ts.isIdentifier(expression)) return undefined
  let found: ts.ObjectLiteralExpression | undefined
  const visit = (node: ts.Node): void => {
    if (
      ts.isVariableDeclaration(node) &&
      isIdentifier(node.name, expression.text) &&
      node.initializer !== undefined &&
      ts.isObjectLiteralExpression(node.initializer)
    ) {
      found = node.initializer
    }
    ts.forEachChild(node, visit)
  }
  visit(file)
  return found
}

function hasProperty(object: ts.ObjectLiteralExpression | undefined, name: string): boolean {
  return (
    object?.properties.some(
      (property) =>
        property.name !== undefined &&
        ts.isIdentifier(property.name) &&
        property.name.text === name,
    ) === true
  )
}

/** The `timeout` of a test call: `it(name, { timeout }, fn)` or `it(name, fn, timeout)`. */
function timeoutOf(call: ts.CallExpression, file: ts.SourceFile): number | undefined {
  for (const argument of call.arguments) {
    if (ts.isNumericLiteral(argument)) return Number(argument.text.replaceAll('_', ''))
    const options = objectOf(argument, file)
    const timeout = options?.properties.find(
      (property): property is ts.PropertyAssignment =>
        ts.isPropertyAssignment(property) &&
        ts.isIdentifier(property.name) &&
        property.name.text === 'timeout',
    )
    if (timeout !== undefined && ts.isNumericLiteral(timeout.initializer)) {
      return Number(timeout.initializer.text.replaceAll('_', ''))
    }
  }
  return undefined
}

function propertyCalls(path: string): PropertyCall[] {
  const text = readFileSync(path, 'utf8')
  if (!text.includes('fc.assert')) return []
  const file = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true)
  const calls: PropertyCall[] = []
  const visit = (node: ts.Node): void => {
    if (isAssert(node)) {
      let test: ts.Node | undefined = node.parent
      while (test !== undefined && !isTestCall(test)) test = test.parent
      const line = file.getLineAndCharacterOfPosition(node.getStart()).line + 1
      calls.push({
        where: `${relative(repoRoot, path)}:${line}`,
        numRuns: hasProperty(objectOf(node.arguments[1], file), 'numRuns'),
        timeoutMs: test === undefined ? undefined : timeoutOf(test as ts.CallExpression, file),
      })
    }
    ts.forEachChild(node, visit)
  }
  visit(file)
  return calls
}

describe('property tests', () => {
  const calls = roots.flatMap(safeTestFiles).flatMap(propertyCalls)

  it('are found in every package that has them', () => {
    const places = new Set(calls.map((call) => call.where.split('/')[1]))
    expect([...places].sort()).toEqual(expect.arrayContaining(['cli', 'core', 'server']))
  })

  it(`bound their runs by count and give their test a timeout of at least ${minTimeoutMs / 1000} s`, () => {
    const unbounded = calls.filter((call) => !call.numRuns).map((call) => call.where)
    const tight = calls
      .filter((call) => call.timeoutMs === undefined || call.timeoutMs < minTimeoutMs)
      .map((call) => `${call.where} (timeout ${call.timeoutMs ?? 'default 5000'} ms)`)
    expect({ unbounded, tight }).toEqual({ unbounded: [], tight: [] })
  })
})

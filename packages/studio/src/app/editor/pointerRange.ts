import type { SyntaxNode, Tree } from '@lezer/common'
import { parseJsonPointer } from '@trickle/core'

/** A span of the editor's text. */
export interface TextRange {
  from: number
  to: number
}

const valueTypes = new Set(['Object', 'Array', 'String', 'Number', 'True', 'False', 'Null'])

function valueOf(node: SyntaxNode): SyntaxNode | null {
  for (let child = node.firstChild; child; child = child.nextSibling) {
    if (valueTypes.has(child.name)) return child
  }
  return null
}

function propertyName(text: string, node: SyntaxNode): string | undefined {
  const name = node.getChild('PropertyName')
  if (!name) return undefined
  try {
    return JSON.parse(text.slice(name.from, name.to)) as string
  } catch {
    return undefined
  }
}

function lineEnd(text: string, from: number): number {
  const end = text.indexOf('\n', from)
  return end === -1 ? text.length : end
}

/** The syntax nodes a JSON Pointer reaches: the deepest value and, for a property, its name. */
export interface PointerNode {
  node: SyntaxNode
  name: SyntaxNode | null
  /** Whether the whole pointer was found (else `node` is the deepest part that exists). */
  found: boolean
}

/** Follows a JSON Pointer through the syntax tree (last key wins, as in `JSON.parse`). */
export function pointerNode(text: string, tree: Tree, pointer: string): PointerNode | null {
  const top = valueOf(tree.topNode)
  if (!top) return null
  let node: SyntaxNode = top
  let name: SyntaxNode | null = null
  for (const segment of parseJsonPointer(pointer) ?? []) {
    let next: SyntaxNode | null = null
    let nextName: SyntaxNode | null = null
    if (node.name === 'Object') {
      for (const property of node.getChildren('Property')) {
        if (propertyName(text, property) === segment) {
          next = valueOf(property)
          nextName = property.getChild('PropertyName')
        }
      }
    } else if (node.name === 'Array' && /^(0|[1-9]\d*)$/.test(segment)) {
      let index = 0
      for (let child = node.firstChild; child; child = child.nextSibling) {
        if (!valueTypes.has(child.name)) continue
        if (index++ === Number(segment)) {
          next = child
          break
        }
      }
    }
    if (!next) return { node, name, found: false }
    node = next
    name = nextName
  }
  return { node, name, found: true }
}

/**
 * Where a JSON Pointer (an issue's `path`) sits in the text: the value it names, or the
 * property's name when the issue is about the key (unknown or repeated). A container value
 * (object, array) is marked on its first line only. A pointer that goes further than the text
 * (a missing property) marks the deepest part that exists.
 */
export function pointerRange(
  text: string,
  tree: Tree,
  pointer: string,
  { key = false }: { key?: boolean } = {},
): TextRange {
  const found = pointerNode(text, tree, pointer)
  if (!found) return { from: 0, to: Math.min(text.length, lineEnd(text, 0)) }
  const { node, name } = found
  if (name && (key || node.name === 'Object' || node.name === 'Array')) {
    return { from: name.from, to: name.to }
  }
  if (node.name === 'Object' || node.name === 'Array') {
    return { from: node.from, to: Math.min(node.to, lineEnd(text, node.from)) }
  }
  return { from: node.from, to: node.to }
}

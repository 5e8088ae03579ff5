import { jsonLanguage } from '@codemirror/lang-json'
import { pointerNode } from './pointerRange'

/** One change to the editor's text. */
export interface TextChange {
  from: number
  to: number
  insert: string
}

/**
 * The change that sets one form's `sequence` in the config text to `sequence`, touching nothing
 * else (formatting, other keys and comments-free JSON around it stay as they are). Null when the
 * text is not JSON or has no such form.
 */
export function sequenceEdit(
  text: string,
  formId: string,
  sequence: readonly string[],
): TextChange | null {
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch {
    return null
  }
  const forms = (data as { forms?: unknown } | null)?.forms
  if (!Array.isArray(forms)) return null
  const index = forms.findIndex((form: unknown) => (form as { id?: unknown } | null)?.id === formId)
  if (index === -1) return null
  const tree = jsonLanguage.parser.parse(text)
  const existing = pointerNode(text, tree, `/forms/${index}/sequence`)
  if (!existing) return null
  if (existing.found) {
    const { node } = existing
    const oneLine = !text.slice(node.from, node.to).includes('\n')
    const inner = lineIndent(text, node.from)
    const insert = oneLine
      ? JSON.stringify(sequence).replace(/","/g, '", "')
      : `[\n${sequence.map((id) => `${inner}  ${JSON.stringify(id)}`).join(',\n')}\n${inner}]`
    return { from: node.from, to: node.to, insert }
  }
  // The form has no sequence yet: add one as its first property.
  const form = pointerNode(text, tree, `/forms/${index}`)
  if (!form?.found || form.node.name !== 'Object') return null
  const at = form.node.from + 1
  const inner = `${lineIndent(text, form.node.from)}  `
  return { from: at, to: at, insert: `\n${inner}"sequence": ${JSON.stringify(sequence)},` }
}

/** The indentation of the line `offset` is on. */
function lineIndent(text: string, offset: number): string {
  const start = text.lastIndexOf('\n', offset - 1) + 1
  return /^[ \t]*/.exec(text.slice(start))?.[0] ?? ''
}

// Stand-ins for three modules of codemirror-json-schema (see vite.app.config.ts): the studio
// edits JSON only, and the config schema's descriptions are plain text, not Markdown.

const escapes: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
}

/** Plain text as HTML: escaped, paragraphs kept (the library puts the result in innerHTML). */
export function renderMarkdown(text: string, inline = true): string {
  const escaped = String(text).replace(/[&<>"']/g, (char) => escapes[char] ?? char)
  if (inline) return escaped
  return escaped
    .split(/\n{2,}/)
    .map((paragraph) => `<p>${paragraph}</p>`)
    .join('')
}

function jsonOnly(): never {
  throw new Error('The studio edits JSON only.')
}

export const parseJSON5DocumentState = jsonOnly
export const parseYAMLDocumentState = jsonOnly

/**
 * The Unicode properties both engines know: `Any` and the general categories (`\p{L}`,
 * `\p{Lu}`...; the pattern is valid JavaScript already, so a short name is one). Scripts
 * (`\p{Script=Greek}`) and long names (`\p{Letter}`) are written differently in RE2.
 */
const sharedProperty = /^(?:Any|LC|[CLMNPSZ][a-z]?)$/

/**
 * The first construct of a pattern (already valid JavaScript with the `u` flag) that a
 * linear-time engine such as RE2 cannot run, quoted for a message; `undefined` when there is
 * none. Lookarounds and backreferences are what needs backtracking; `\u`, `\c`, `[\b]`, `[]`,
 * `[^]`, other Unicode properties and repeat counts above 1000 are only written differently
 * (or not at all) in RE2. Pure and small, so that the browser rejects what the server would.
 */
export function unsupportedPatternSyntax(pattern: string): string | undefined {
  let inClass = false
  for (let i = 0; i < pattern.length; i++) {
    const rest = pattern.slice(i, i + 24)
    if (rest.startsWith('\\')) {
      const next = rest.charAt(1)
      if (/[1-9kuc]/.test(next) || (inClass && next === 'b')) return `"${rest.slice(0, 2)}"`
      if (next === 'p' || next === 'P') {
        const end = pattern.indexOf('}', i)
        if (!sharedProperty.test(pattern.slice(i + 3, end))) return `"${pattern.slice(i, end + 1)}"`
        i = end
      } else i += 1
    } else if (inClass) {
      inClass = rest[0] !== ']'
    } else if (rest[0] === '[') {
      const empty = /^\[\^?\]/.exec(rest)
      if (empty) return `"${empty[0]}"`
      inClass = true
      if (rest[1] === '^') i += 1
    } else {
      const found = /^\(\?<?[=!]|^\{(\d+)(?:,(\d*))?\}/.exec(rest)
      if (found && (found[1] === undefined || Math.max(+found[1], +(found[2] ?? 0)) > 1000)) {
        return `"${found[0]}"`
      }
    }
  }
  return undefined
}

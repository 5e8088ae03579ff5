/**
 * The Unicode properties both engines know: the general categories (`\p{L}`, `\p{Lu}`...) and
 * `Any`. Scripts (`\p{Script=Greek}`) and long names (`\p{Letter}`) are written differently.
 */
const sharedProperties = new Set(
  'Any L Lu Ll Lt Lm Lo LC M Mn Mc Me N Nd Nl No P Pc Pd Ps Pe Pi Pf Po S Sm Sc Sk So Z Zs Zl Zp C Cc Cf Cs Co Cn'.split(
    ' ',
  ),
)

/** RE2 refuses larger repeat counts. */
const maxRepeat = 1000

const lookarounds: [string, string][] = [
  ['(?=', 'a lookahead "(?="'],
  ['(?!', 'a negative lookahead "(?!"'],
  ['(?<=', 'a lookbehind "(?<="'],
  ['(?<!', 'a negative lookbehind "(?<!"'],
]

/**
 * The first construct of a pattern (already valid for JavaScript with the `u` flag) that a
 * linear-time engine such as RE2 cannot run, described for a message; `undefined` when there is
 * none. Lookarounds and backreferences are what make backtracking necessary; the other
 * constructs are only spelled differently in RE2. Pure, one pass, no dependencies: the browser
 * bundle stays small, and the browser rejects the same configs as the server.
 */
export function unsupportedPatternSyntax(pattern: string): string | undefined {
  let inClass = false
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i]
    if (char === '\\') {
      const escape = readEscape(pattern, i, inClass)
      if (typeof escape === 'string') return escape
      i = escape
    } else if (inClass) {
      if (char === ']') inClass = false
    } else if (char === '[') {
      if (pattern.startsWith(']', i + 1)) return 'an empty class "[]"'
      if (pattern.startsWith('^]', i + 1))
        return 'the class "[^]" (write "[\\s\\S]" for any character)'
      inClass = true
      if (pattern[i + 1] === '^') i += 1
    } else if (char === '(') {
      const found = lookarounds.find(([opening]) => pattern.startsWith(opening, i))
      if (found !== undefined) return found[1]
    } else if (char === '{') {
      const counts = /^\{(\d+)(?:,(\d*))?\}/.exec(pattern.slice(i, i + 24))
      if (counts?.slice(1).some((count) => count !== undefined && Number(count) > maxRepeat)) {
        return `a repeat count above ${maxRepeat} "${counts[0]}"`
      }
    }
  }
  return undefined
}

/** Checks the escape at `start`; returns the index of its last character, or the problem. */
function readEscape(pattern: string, start: number, inClass: boolean): number | string {
  const next = pattern[start + 1] ?? ''
  if (/[1-9]/.test(next)) return `a backreference "\\${next}"`
  if (next === 'k') return 'a named backreference "\\k<...>"'
  if (next === 'u') return 'a "\\u" escape (write the character itself)'
  if (next === 'c') return `a control escape "\\c"`
  if (next === 'b' && inClass) return 'a backspace "[\\b]" in a class'
  if (next === 'p' || next === 'P') {
    const end = pattern.indexOf('}', start)
    const name = end === -1 ? '' : pattern.slice(start + 3, end)
    if (!sharedProperties.has(name)) {
      return `the Unicode property "\\${next}{${name.slice(0, 40)}}" (use a general category such as \\p{L} or \\p{Lu})`
    }
    return end
  }
  return start + 1
}

/** A compiled field pattern: whether an answer matches. */
export interface PatternMatcher {
  test(text: string): boolean
}

/**
 * Compiles the regular expression of a field's `pattern`. It receives the pattern anchored to
 * the whole answer (`^(?:pattern)$`, see `anchoredPattern`) and throws when it cannot compile
 * it. The default, `compileNativePattern`, is the JavaScript engine with the `u` flag, as in the
 * browser. The server and the CLI pass one backed by RE2 (re2js), which takes time linear in the
 * answer's length whatever the pattern: a pattern such as `([a-z]+)+$` cannot stall them.
 */
export type CompilePattern = (source: string) => PatternMatcher

/** The JavaScript engine with the `u` flag: the browser's engine, and the default everywhere. */
export const compileNativePattern: CompilePattern = (source) => new RegExp(source, 'u')

/** A field's pattern as it is evaluated: it must match the whole answer. */
export function anchoredPattern(pattern: string): string {
  return `^(?:${pattern})$`
}

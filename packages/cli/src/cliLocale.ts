/** The languages the CLI's own messages are written in. */
export const messageLanguages = ['en', 'de'] as const
export type MessageLanguage = (typeof messageLanguages)[number]

/**
 * The language of the CLI's messages: `--locale` when given (`de`, `de-AT` and `de_DE.UTF-8`
 * all mean German), else the system locale (`LC_ALL`, `LC_MESSAGES`, `LANG`, as a shell sets
 * them), else English. A language without messages falls back to English.
 */
export function messageLanguage(
  flag: string | undefined,
  env: Readonly<Record<string, string | undefined>> = process.env,
): MessageLanguage {
  const wanted = flag ?? env.LC_ALL ?? env.LC_MESSAGES ?? env.LANG ?? ''
  const language =
    wanted
      .trim()
      .toLowerCase()
      .split(/[-_.@]/)[0] ?? ''
  return (messageLanguages as readonly string[]).includes(language)
    ? (language as MessageLanguage)
    : 'en'
}

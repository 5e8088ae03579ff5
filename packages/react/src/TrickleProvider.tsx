import { defaultLocale } from '@trickle/core'
import type { Trickle } from '@trickle/core'
import { createContext, useEffect, useMemo, type ReactNode } from 'react'
import type { TrickleComponents } from './components'
import { defaultComponents } from './defaultComponents'
import { resolveMessages, type Messages } from './messages'

export interface TrickleContextValue {
  trickle: Trickle
  /** The active locale: the `locale` prop, else the config's first locale. */
  locale: string
  /** The built-in catalogue of the locale with the `messages` overrides applied. */
  messages: Messages
  /** The default components with the `components` overrides applied. */
  components: TrickleComponents
}

export const TrickleContext = createContext<TrickleContextValue | null>(null)

export interface TrickleProviderProps {
  /** The store from `createTrickle`; create it once (module scope or `useState(() => ...)`). */
  trickle: Trickle
  /** One of `config.locales`; default: the first. */
  locale?: string
  /** Overrides of UI strings for the active locale. Pass a stable object. */
  messages?: Partial<Messages>
  /** Replacements for field types, the consent checkbox, the submit button or the layout. */
  components?: Partial<TrickleComponents>
  children?: ReactNode
}

export function TrickleProvider({
  trickle,
  locale,
  messages,
  components,
  children,
}: TrickleProviderProps) {
  const activeLocale = locale ?? defaultLocale(trickle.config)
  useEffect(() => {
    // A store created with `skipHydration` (server-rendered pages) reads its storage after the
    // first client render, so that render matches the server's HTML.
    if (!trickle.getState().hydrated) trickle.hydrate()
  }, [trickle])
  const value = useMemo<TrickleContextValue>(
    () => ({
      trickle,
      locale: activeLocale,
      messages: resolveMessages(activeLocale, messages),
      components: { ...defaultComponents, ...components },
    }),
    [trickle, activeLocale, messages, components],
  )
  // `.Provider`, not `<TrickleContext value>`: rendering a context directly is React 19 only.
  return <TrickleContext.Provider value={value}>{children}</TrickleContext.Provider>
}

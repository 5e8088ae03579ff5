import { defaultLocale, type Trickle } from '@trickle/core'
import { mountGate } from '../../vanilla/src/mountGate'

export interface TrickleGateSetup {
  /** The page's store, shared by every gate on it (one visitor, one profile). */
  trickle: Trickle
  /** One of the config's locales; default: the page's `<html lang>` when the config has it. */
  locale?: string
}

/**
 * Defines `<trickle-gate form="whitepaper" href="/files/playbook.pdf">` (its first heading
 * names the download). Each element renders the core's form session of its form through the
 * plain-DOM gate while it is in the document, and unmounts it when it leaves.
 */
export function defineTrickleGate(setup: TrickleGateSetup, name = 'trickle-gate'): void {
  if (customElements.get(name)) return
  const { trickle } = setup
  const { locales } = trickle.config
  const pageLocale = (): string => {
    const lang = document.documentElement.lang
    return setup.locale ?? (locales.includes(lang) ? lang : defaultLocale(trickle.config))
  }

  class TrickleGate extends HTMLElement {
    #unmount: (() => void) | null = null

    connectedCallback(): void {
      const formId = this.getAttribute('form') ?? ''
      const href = this.getAttribute('href') ?? ''
      const title = this.querySelector('h1, h2, h3')?.textContent?.trim() || formId
      this.#unmount = mountGate(this, {
        trickle,
        formId,
        locale: pageLocale(),
        asset: { href, title },
      })
    }

    disconnectedCallback(): void {
      this.#unmount?.()
      this.#unmount = null
    }
  }
  customElements.define(name, TrickleGate)
}

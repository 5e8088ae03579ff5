import { navigate } from '../route'
import { siteLocales } from '../siteCopy'
import { useSite } from '../siteContext'

const names = { de: 'Deutsch', en: 'English' } as const

/** DE | EN. The language lives in the URL (`?lang=`), so nothing is stored for it. */
export function LanguageSwitch() {
  const { route, copy } = useSite()
  return (
    <ul className="language-switch" aria-label={copy.languageLabel}>
      {siteLocales.map((locale) => {
        const url = new URL(window.location.href)
        url.searchParams.set('lang', locale)
        const href = `${url.pathname}${url.search}`
        const current = locale === route.locale
        return (
          <li key={locale}>
            <a
              href={href}
              lang={locale}
              hrefLang={locale}
              aria-current={current ? 'true' : undefined}
              onClick={(event) => {
                event.preventDefault()
                navigate(href, { replace: true })
              }}
            >
              <abbr title={names[locale]}>{locale.toUpperCase()}</abbr>
            </a>
          </li>
        )
      })}
    </ul>
  )
}

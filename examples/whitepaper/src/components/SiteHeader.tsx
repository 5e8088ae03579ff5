import { hrefFor } from '../route'
import { useSite } from '../siteContext'
import { LanguageSwitch } from './LanguageSwitch'
import { Logo } from './Logo'

export function SiteHeader() {
  const { route, copy } = useSite()
  return (
    <header className="site-header">
      <div className="container site-header-inner">
        <a className="brand" href={hrefFor('library', route)} aria-label="Fernhollow Systems">
          <Logo />
        </a>
        <nav className="site-nav" aria-label={copy.navLabel}>
          <a
            href={`${hrefFor('library', route)}#library`}
            aria-current={route.page === 'library' ? 'page' : undefined}
          >
            {copy.navLibrary}
          </a>
          <a
            href={hrefFor('privacy', route)}
            aria-current={route.page === 'privacy' ? 'page' : undefined}
          >
            {copy.navPrivacy}
          </a>
        </nav>
        <LanguageSwitch />
      </div>
    </header>
  )
}

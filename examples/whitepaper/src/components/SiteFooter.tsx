import { hrefFor } from '../route'
import { useSite } from '../siteContext'
import { Logo } from './Logo'

export function SiteFooter() {
  const { route, copy } = useSite()
  return (
    <footer className="site-footer">
      <div className="container site-footer-inner">
        <div className="site-footer-about">
          <Logo />
          <p>{copy.footerAbout}</p>
          <p className="site-footer-address">{copy.footerAddress}</p>
        </div>
        <ul className="site-footer-links">
          <li>
            <a href={hrefFor('privacy', route)}>{copy.navPrivacy}</a>
          </li>
          {route.kiosk ? null : (
            <li>
              <a href={hrefFor('library', { ...route, kiosk: true })} data-full-load="">
                {copy.footerKiosk}
              </a>
            </li>
          )}
          <li>
            <a href={hrefFor('admin', route)}>{copy.footerAdmin}</a>
          </li>
        </ul>
      </div>
      <div className="container site-footer-demo">
        <p>{copy.footerDemo}</p>
      </div>
    </footer>
  )
}

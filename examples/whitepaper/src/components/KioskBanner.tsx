import { hrefFor } from '../route'
import { useSite } from '../siteContext'

/** Shown on the trade-fair tablet. Leaving reloads the page, which drops the kiosk store. */
export function KioskBanner() {
  const { route, copy } = useSite()
  return (
    <div className="kiosk-banner" role="note">
      <div className="container kiosk-banner-inner">
        <span>{copy.kioskBanner}</span>
        <a href={hrefFor('library', { ...route, kiosk: false })} data-full-load="">
          {copy.kioskExit}
        </a>
      </div>
    </div>
  )
}

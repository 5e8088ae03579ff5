import { useEffect } from 'react'
import { hrefFor } from '../route'
import { useSite } from '../siteContext'

export function NotFoundPage() {
  const { route, copy } = useSite()
  useEffect(() => {
    document.title = `${copy.notFoundTitle} · Fernhollow Systems`
  }, [copy])
  return (
    <section className="page">
      <div className="container narrow">
        <h1>{copy.notFoundTitle}</h1>
        <p>
          <a href={hrefFor('library', route)}>{copy.backToLibrary}</a>
        </p>
      </div>
    </section>
  )
}

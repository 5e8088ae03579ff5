import { useEffect, useState } from 'react'
import { GateDialog } from '../components/GateDialog'
import { HeroIllustration } from '../components/HeroIllustration'
import { PaperCard } from '../components/PaperCard'
import { papers, type Paper } from '../papers'
import { useSite } from '../siteContext'

export function LibraryPage() {
  const { copy, server } = useSite()
  const [open, setOpen] = useState<Paper | null>(null)

  useEffect(() => {
    document.title = `${copy.libraryTitle} · Fernhollow Systems`
  }, [copy])

  return (
    <>
      <section className="hero">
        <div className="container hero-inner">
          <div className="hero-text">
            <p className="kicker">{copy.heroKicker}</p>
            <h1>{copy.heroTitle}</h1>
            <p className="hero-lead">{copy.heroLead}</p>
            <a className="button button-light" href="#library">
              {copy.heroCta}
            </a>
          </div>
          <HeroIllustration />
        </div>
        <div className="container">
          <dl className="hero-stats">
            {copy.heroStats.map((stat) => (
              <div key={stat.label}>
                <dt>{stat.label}</dt>
                <dd>{stat.value}</dd>
              </div>
            ))}
          </dl>
        </div>
      </section>

      <section className="how" aria-labelledby="how-title">
        <div className="container">
          <h2 id="how-title">{copy.howTitle}</h2>
          <ol className="how-steps">
            {copy.howSteps.map((step) => (
              <li key={step}>{step}</li>
            ))}
          </ol>
        </div>
      </section>

      <section className="library" id="library" aria-labelledby="library-title">
        <div className="container">
          <div className="section-head">
            <h2 id="library-title">{copy.libraryTitle}</h2>
            <p>{copy.libraryLead}</p>
          </div>
          <div className="paper-grid">
            {papers.map((paper) => (
              <PaperCard key={paper.formId} paper={paper} onOpen={setOpen} />
            ))}
          </div>
          <p className="mode-note" data-mode={server ? 'server' : 'local'}>
            {server ? copy.modeServer : copy.modeLocal}
          </p>
        </div>
      </section>

      {open ? <GateDialog paper={open} onClose={() => setOpen(null)} /> : null}
    </>
  )
}

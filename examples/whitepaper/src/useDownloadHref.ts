import { useEffect, useState, useSyncExternalStore } from 'react'
import type { Paper } from './papers'
import { fetchOpenGateLink } from './serverApi'
import { useSite } from './siteContext'

/**
 * Where a paper's download button points. Right after a submission the gate uses the link the
 * server returned. Otherwise, with a server and nothing left to ask (open gate), the server's
 * one-click link, which carries a download token and is counted in the report; without a
 * server, the PDF as the site serves it.
 */
export function useDownloadHref(paper: Paper): { href: string; source: 'server' | 'site' } {
  const { trickle, server } = useSite()
  const getComplete = () => trickle.plan(paper.formId).complete
  const complete = useSyncExternalStore(trickle.subscribe, getComplete, getComplete)
  const [link, setLink] = useState<{ formId: string; url: string } | null>(null)

  useEffect(() => {
    if (server === null || !complete) return
    let current = true
    fetchOpenGateLink(paper.formId).then(
      (url) => {
        if (current && url !== null) setLink({ formId: paper.formId, url })
      },
      () => undefined, // the site's copy stays as the fallback
    )
    return () => {
      current = false
    }
  }, [server, complete, paper.formId])

  return server !== null && complete && link?.formId === paper.formId
    ? { href: link.url, source: 'server' }
    : { href: paper.localHref, source: 'site' }
}

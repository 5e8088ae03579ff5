import benchmarkUrl from '../assets/benchmark.pdf?url'
import checklistUrl from '../assets/checklist.pdf?url'
import securityGuideUrl from '../assets/security-guide.pdf?url'
import whitepaperUrl from '../assets/whitepaper.pdf?url'
import type { SiteLocale } from './siteCopy'

/**
 * One gated PDF of the library. Each has its own Trickle form (a gate stays open once
 * unlocked), and the forms share the profile: what one form learned, the next one skips.
 * The PDFs are made by scripts/make-pdfs.mjs and named after their form, as the server expects.
 */
export interface Paper {
  /** The Trickle form in front of it; also the asset id on the server. */
  formId: string
  /** The PDF as served by the site itself (used when no Trickle server runs). */
  localHref: string
  pages: number
  /** Cover colour, as in the PDF. */
  color: string
  kicker: Record<SiteLocale, string>
  title: Record<SiteLocale, string>
  summary: Record<SiteLocale, string>
}

export const papers: readonly Paper[] = [
  {
    formId: 'whitepaper',
    localHref: whitepaperUrl,
    pages: 3,
    color: '#0d5450',
    kicker: { en: 'Playbook', de: 'Playbook' },
    title: {
      en: 'The Predictive Maintenance Playbook',
      de: 'Das Playbook für vorausschauende Wartung',
    },
    summary: {
      en: 'From the first sensor to fewer unplanned stops in twelve weeks, one line at a time.',
      de: 'Vom ersten Sensor zu weniger ungeplanten Stillständen in zwölf Wochen, Linie für Linie.',
    },
  },
  {
    formId: 'benchmark',
    localHref: benchmarkUrl,
    pages: 3,
    color: '#59305c',
    kicker: { en: 'Benchmark study', de: 'Benchmark-Studie' },
    title: {
      en: 'Supply Chain Resilience Benchmark',
      de: 'Benchmark: Resiliente Lieferketten',
    },
    summary: {
      en: 'How 240 mid-sized manufacturers prepare for the next supply disruption.',
      de: 'Wie sich 240 mittelständische Hersteller auf die nächste Lieferkrise vorbereiten.',
    },
  },
  {
    formId: 'security-guide',
    localHref: securityGuideUrl,
    pages: 3,
    color: '#8c381f',
    kicker: { en: 'Guide', de: 'Leitfaden' },
    title: {
      en: 'Securing the Shop Floor',
      de: 'Sicherheit in der Produktion',
    },
    summary: {
      en: 'Five measures that close most gaps in production networks without stopping a line.',
      de: 'Fünf Maßnahmen, die die meisten Lücken im Produktionsnetz schließen, ohne Stillstand.',
    },
  },
  {
    formId: 'checklist',
    localHref: checklistUrl,
    pages: 3,
    color: '#1c4073',
    kicker: { en: 'Checklist', de: 'Checkliste' },
    title: {
      en: 'Cloud ERP Migration: a 90-Day Checklist',
      de: 'Cloud-ERP-Migration: die 90-Tage-Checkliste',
    },
    summary: {
      en: 'What to decide, clean and test before the cut-over weekend, week by week.',
      de: 'Was vor dem Umstellungswochenende zu entscheiden, zu bereinigen und zu testen ist.',
    },
  },
]

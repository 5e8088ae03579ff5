import { markdownTable } from '../lib/markdownTable.mjs'
import { ms, times } from '../lib/stats.mjs'

/** The index lookup against the scan of the same database: how many times faster at p50 and p99. */
export function privacyPairs(privacy) {
  const pairs = []
  for (const database of ['PGlite', 'PostgreSQL']) {
    const of = (variant) =>
      privacy.scenarios.find((s) => s.database === database && s.variant === variant)
    const index = of('index')
    const scan = of('scan')
    if (!index || !scan) continue
    pairs.push({
      database,
      index,
      scan,
      route: of('route'),
      p50Speedup: scan.p50Ms / index.p50Ms,
      p99Speedup: scan.p99Ms / index.p99Ms,
    })
  }
  return pairs
}

const variants = {
  index: 'address index (keyed hash)',
  scan: 'no index: scan of the e-mail values',
  route: 'whole `GET /v1/admin/people` (index)',
}

/** Part 5 of docs/benchmarks.md: find a person by e-mail among 100,000 profiles. */
export function privacySection(privacy) {
  const rows = privacy.scenarios.map((s) => {
    const index = privacy.scenarios.find((i) => i.database === s.database && i.variant === 'index')
    return [
      s.database,
      variants[s.variant] ?? s.variant,
      String(s.lookups),
      ms(s.p50Ms),
      ms(s.p99Ms),
      s.variant === 'index' ? '1×' : times(s.p50Ms / index.p50Ms),
    ]
  })
  const lines = [
    '## 5. Privacy desk: find a person by e-mail',
    '',
    `The desk looks a person up by e-mail address among ${privacy.profiles.toLocaleString('en')} profiles (each with an address and a first name, written with bulk SQL), the address typed in another case with spaces around, as in a letter. The same ${privacy.lookupsPerVariant} addresses are looked up one after the other (at most ${privacy.variantLimitMs / 1000} s per variant, after ${privacy.warmups} unrecorded ones): through \`address_index\` (the keyed hash of the normalised address, computed as the server does), the same question without the index (\`lower(btrim(value #>> '{}'))\` over the e-mail values in \`field_values\`), and the server's whole \`GET /v1/admin/people\` (index, profiles, audit entry; in process, without HTTP). \`bench/privacy/measurePrivacy.mjs\`.`,
    '',
    markdownTable(['Database', 'Lookup', 'Lookups', 'p50', 'p99', 'p50 ÷ index'], rows, [
      'l',
      'l',
      'r',
      'r',
      'r',
      'r',
    ]),
    '',
  ]
  if (privacy.postgresSkipped) lines.push(`PostgreSQL not measured: ${privacy.postgresSkipped}`, '')
  for (const pair of privacyPairs(privacy)) {
    lines.push(
      `- ${pair.database}: the index answers ${times(pair.p50Speedup)} faster than the scan at p50 (${ms(pair.index.p50Ms)} against ${ms(pair.scan.p50Ms)}), ${times(pair.p99Speedup)} at p99; profiles written in ${(pair.index.fillMs / 1000).toFixed(1)} s.`,
    )
  }
  lines.push('')
  return lines.join('\n')
}

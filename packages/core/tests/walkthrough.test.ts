import { describe, expect, it } from 'vitest'
import committed from '../../../docs/walkthrough.md?raw'

import { walkthroughMarkdown } from '../scripts/walkthroughMarkdown'

describe('docs/walkthrough.md', () => {
  it('is exactly what the code produces now (run npx tsx packages/core/scripts/walkthrough.ts)', () => {
    expect(committed, 'docs/walkthrough.md is out of date: regenerate it').toBe(
      walkthroughMarkdown(),
    )
  })

  it('shows three visits of the whitepaper form with their decisions', () => {
    const markdown = walkthroughMarkdown()
    expect(markdown.match(/^## Visit \d/gm)).toEqual(['## Visit 1', '## Visit 2', '## Visit 3'])
    expect(markdown).toContain('jobRole      yes    stale')
    expect(markdown).toContain('budget       yes    unknown')
  })
})

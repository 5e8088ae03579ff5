import axe from 'axe-core'

/**
 * Runs axe-core on a rendered container and returns the violations (rule id: nodes).
 * Disabled: `color-contrast` (jsdom does no layout or painting, so colours cannot be computed)
 * and `region` (a component is embedded in the host page's landmarks, which a test has none of).
 */
export async function axeViolations(container: Element): Promise<string[]> {
  const results = await axe.run(container, {
    rules: { 'color-contrast': { enabled: false }, region: { enabled: false } },
  })
  return results.violations.map(
    (violation) =>
      `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.html).join(', ')})`,
  )
}

import Ajv2020 from 'ajv/dist/2020'
import { format, resolveConfig } from 'prettier'
import { describe, expect, it } from 'vitest'
import { configIssueCodes } from '../src/config/configIssueCodes'
import { configJsonSchema } from '../src/config/configJsonSchema'
import { configReferenceExample, renderConfigReference } from '../scripts/configReference'
import {
  configSchema,
  fieldSchema,
  hubspotDestinationSchema,
  formSchema,
  linksSchema,
  optionSchema,
  purposeSchema,
  webhookDestinationSchema,
} from '../src/config/configSchema'
import { parseConfig } from '../src/config/parseConfig'

const escape = (text: string): string => text.replace(/[$^.*+?()[\]{}|\\]/g, '\\$&')
const docUrl = new URL('../../../docs/config-reference.md', import.meta.url)

/** What `npm run docs -w @trickle/core` writes: the rendered reference, formatted by Prettier. */
async function generated(): Promise<string> {
  const options = await resolveConfig(docUrl)
  return format(renderConfigReference(), { ...options, parser: 'markdown' })
}

describe('docs/config-reference.md', () => {
  it('matches the config schema (regenerate with `npm run docs -w @trickle/core`)', async () => {
    await expect(
      await generated(),
      'docs/config-reference.md is out of date: run `npm run docs -w @trickle/core` and commit the result',
    ).toMatchFileSnapshot(docUrl.pathname)
  })

  it('documents every property of every object and every issue code', async () => {
    const doc = await generated()
    for (const schema of [
      configSchema,
      purposeSchema,
      fieldSchema,
      optionSchema,
      formSchema,
      linksSchema,
      webhookDestinationSchema,
      hubspotDestinationSchema,
    ]) {
      for (const key of Object.keys(schema.def.shape))
        expect(doc).toMatch(new RegExp(`\\| \`${escape(key)}\` +\\|`))
    }
    for (const code of configIssueCodes)
      expect(doc).toMatch(new RegExp(`\\| \`${code}\` +\\| (error|warning) +\\|`))
  })

  it('shows an example that parses cleanly and passes the JSON Schema', () => {
    const result = parseConfig(configReferenceExample)
    expect(result.ok ? [] : result.issues).toEqual([])
    expect(result.warnings).toEqual([])
    expect(
      new Ajv2020({ strict: true, allowUnionTypes: true }).validate(
        configJsonSchema,
        configReferenceExample,
      ),
    ).toBe(true)
  })
})

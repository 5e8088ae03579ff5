import { describe, expect, it } from 'vitest'
import { destinationEnv } from '../../src/config/destinationEnv'

describe('destinationEnv', () => {
  it('names the variables after the id, upper-cased, with - written as _', () => {
    expect(destinationEnv({ id: 'crm' })).toEqual({
      url: 'TRICKLE_DESTINATION_CRM_URL',
      secret: 'TRICKLE_DESTINATION_CRM_SECRET',
    })
    expect(destinationEnv({ id: 'hubSpot-eu_2' })).toEqual({
      url: 'TRICKLE_DESTINATION_HUBSPOT_EU_2_URL',
      secret: 'TRICKLE_DESTINATION_HUBSPOT_EU_2_SECRET',
    })
  })
})

import * as planner from '../../core/src/plan/planVisit'
import { describe, expect, it, vi } from 'vitest'
import { firstVisit } from './support/fixtures'
import { describeDatabases, useServer } from './support/testServer'

// Every importer of the core's planner (applySubmission, the routes) gets this counting copy.
vi.mock('../../core/src/plan/planVisit', async (importOriginal) => {
  const original = await importOriginal<typeof planner>()
  return { planVisit: vi.fn(original.planVisit) }
})
const planVisit = vi.mocked(planner.planVisit)

describeDatabases('planner calls per submission', (kind) => {
  const t = useServer(kind)

  describe('POST /v1/submissions', () => {
    it('plans twice for an accepted submission: to check it, and the next plan it answers with', async () => {
      const tab = t.browser()
      planVisit.mockClear()
      const response = await tab.post('/v1/submissions', firstVisit('count@example.com'))
      expect(response.status).toBe(201)
      expect(planVisit).toHaveBeenCalledTimes(2)
      // The check plans with the answers as draft; the answer plans the next visit without.
      expect(planVisit.mock.calls[0]?.[2].draft?.values).toMatchObject({
        email: 'count@example.com',
      })
      expect(planVisit.mock.calls[1]?.[2].draft).toBeUndefined()
    })

    it('plans twice for a refused one too (the check, and the plan of the 409)', async () => {
      const tab = t.browser()
      const body = firstVisit('late@example.com')
      planVisit.mockClear()
      const response = await tab.post('/v1/submissions', {
        ...body,
        values: { ...body.values, budget: '<10k' },
      })
      expect(response.status).toBe(409)
      expect(planVisit).toHaveBeenCalledTimes(2)
    })
  })
})

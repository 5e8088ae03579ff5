import { randomUUID } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import * as z from 'zod/mini'

/**
 * A local HubSpot that checks requests the way the documented APIs do, for tests:
 * - Forms API v3, secure submit (host api.hsforms.com):
 *   `POST /submissions/v3/integration/secure/submit/{portalId}/{formGuid}` with a private-app
 *   token (`Authorization: Bearer`), a JSON body `{ fields: [{ objectTypeId?, name, value }],
 *   submittedAt?, context?: { hutk?, pageUri?, pageName?, ... }, legalConsentOptions?:
 *   { consent: { consentToProcess, text, communications: [{ value, subscriptionTypeId, text }] } }
 *   | { legitimateInterest: { value, subscriptionTypeId, legalBasis, text } } }`;
 *   200 `{ inlineMessage }`; 400 with `errors: [{ message, errorType }]`; 401 without a valid
 *   token; 404 for a form GUID the portal does not have.
 * - Communication Preferences API v3 (host api.hubapi.com): `POST
 *   /communication-preferences/v3/unsubscribe` and `/subscribe` with `{ emailAddress,
 *   subscriptionId, legalBasis?, legalBasisExplanation? }`; 200 with the subscription status;
 *   400 when the contact already has that status (HubSpot's message names the address).
 * Both APIs are served under one base URL, as Trickle's configurable base URL expects.
 */

export interface FakeHubspotOptions {
  token: string
  portalId: string
  /** Form GUID -> the contact properties the HubSpot form has (`required` must be sent). */
  forms: Record<string, { fields: readonly string[]; required?: readonly string[] }>
  /** Subscription type ids the portal defines. */
  subscriptionTypes: readonly number[]
}

export interface RecordedRequest {
  method: string
  path: string
  authorization: string | undefined
  contentType: string | undefined
  body: unknown
  /** What the fake answered. */
  status: number
}

export interface FakeHubspot {
  /** The base URL (http://127.0.0.1:port), for both APIs. */
  url: string
  /** Every request, in order of arrival. */
  requests: RecordedRequest[]
  /** The bodies of accepted form submissions, by form GUID. */
  submissions: { formGuid: string; body: HubspotSubmissionBody }[]
  /** Subscription status by e-mail address and subscription type id. */
  status(emailAddress: string, subscriptionTypeId: number): 'SUBSCRIBED' | 'NOT_SUBSCRIBED' | null
  /** The next `count` requests are answered with `status` (default 500) before any check. */
  failNext(count: number, status?: number): void
  close(): Promise<void>
}

const submitPath = /^\/submissions\/v3\/integration\/secure\/submit\/([^/]+)\/([^/]+)$/

const submissionField = z.strictObject({
  objectTypeId: z.optional(z.string().check(z.regex(/^\d+-\d+$/))),
  name: z.string().check(z.minLength(1)),
  value: z.string(),
})

const communication = z.strictObject({
  value: z.boolean(),
  subscriptionTypeId: z.int().check(z.positive()),
  text: z.string(),
})

const submissionBody = z.strictObject({
  fields: z.array(submissionField).check(z.minLength(1), z.maxLength(1000)),
  submittedAt: z.optional(z.string().check(z.regex(/^\d{13}$/))),
  context: z.optional(
    z.strictObject({
      hutk: z.optional(z.string().check(z.minLength(1))),
      ipAddress: z.optional(z.string()),
      pageUri: z.optional(z.string()),
      pageName: z.optional(z.string()),
      pageId: z.optional(z.string()),
      sfdcCampaignId: z.optional(z.string()),
      goToWebinarWebinarKey: z.optional(z.string()),
    }),
  ),
  legalConsentOptions: z.optional(
    z.union([
      z.strictObject({
        consent: z.strictObject({
          consentToProcess: z.boolean(),
          text: z.string(),
          communications: z.optional(z.array(communication)),
        }),
      }),
      z.strictObject({
        legitimateInterest: z.strictObject({
          value: z.boolean(),
          subscriptionTypeId: z.int().check(z.positive()),
          legalBasis: z.enum(['LEAD', 'CUSTOMER']),
          text: z.string(),
        }),
      }),
    ]),
  ),
  skipValidation: z.optional(z.boolean()),
})

export type HubspotSubmissionBody = z.output<typeof submissionBody>

const statusRequest = z.strictObject({
  emailAddress: z.string().check(z.email()),
  subscriptionId: z.string().check(z.regex(/^\d+$/)),
  legalBasis: z.optional(
    z.enum([
      'LEGITIMATE_INTEREST_PQL',
      'LEGITIMATE_INTEREST_CLIENT',
      'PERFORMANCE_OF_CONTRACT',
      'CONSENT_WITH_NOTICE',
      'NON_GDPR',
      'PROCESS_AND_STORE',
      'LEGITIMATE_INTEREST_OTHER',
    ]),
  ),
  legalBasisExplanation: z.optional(z.string()),
})

const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

export async function startFakeHubspot(options: FakeHubspotOptions): Promise<FakeHubspot> {
  const requests: RecordedRequest[] = []
  const submissions: FakeHubspot['submissions'] = []
  const statuses = new Map<string, 'SUBSCRIBED' | 'NOT_SUBSCRIBED'>()
  const failures: number[] = []

  const handle = (request: IncomingMessage, raw: string): { status: number; body: unknown } => {
    const failure = failures.shift()
    if (failure !== undefined) return error(failure, 'INTERNAL_ERROR', 'The fake was told to fail.')
    const path = request.url ?? ''
    const submit = submitPath.exec(path)
    const known = submit !== null || path.startsWith('/communication-preferences/v3/')
    if (!known) return error(404, 'OBJECT_NOT_FOUND', 'Not found')
    if (request.method !== 'POST') return error(405, 'METHOD_NOT_ALLOWED', 'Method not allowed')
    if (request.headers.authorization !== `Bearer ${options.token}`) {
      return error(
        401,
        'INVALID_AUTHENTICATION',
        'Authentication credentials not found. This API supports OAuth 2.0 authentication.',
      )
    }
    if (!(request.headers['content-type'] ?? '').startsWith('application/json')) {
      return error(415, 'VALIDATION_ERROR', 'Content-Type must be application/json')
    }
    let json: unknown
    try {
      json = JSON.parse(raw)
    } catch {
      return error(400, 'VALIDATION_ERROR', 'Invalid input JSON')
    }
    if (submit !== null) return submitForm(submit[1] ?? '', submit[2] ?? '', json)
    if (path === '/communication-preferences/v3/unsubscribe')
      return setStatus(json, 'NOT_SUBSCRIBED')
    if (path === '/communication-preferences/v3/subscribe') return setStatus(json, 'SUBSCRIBED')
    return error(404, 'OBJECT_NOT_FOUND', 'Not found')
  }

  const submitForm = (portalId: string, formGuid: string, json: unknown) => {
    const form = options.forms[formGuid]
    if (portalId !== options.portalId || form === undefined) {
      return error(404, 'OBJECT_NOT_FOUND', `Form ${formGuid} not found in portal ${portalId}`)
    }
    const parsed = submissionBody.safeParse(json)
    if (!parsed.success) return invalid('INVALID_METADATA', 'The request body is not valid')
    const body = parsed.data
    const names = new Set(body.fields.map((field) => field.name))
    for (const field of body.fields) {
      if (!form.fields.includes(field.name)) {
        return invalid('FIELD_NOT_IN_FORM_DEFINITION', `Error in 'fields.${field.name}'.`)
      }
      if (field.name === 'email' && !emailPattern.test(field.value)) {
        return invalid('INVALID_EMAIL', `Error in 'fields.email'. Invalid email address`)
      }
    }
    for (const name of form.required ?? []) {
      if (!names.has(name)) return invalid('REQUIRED_FIELD', `Error in 'fields.${name}'.`)
    }
    const consent =
      body.legalConsentOptions && 'consent' in body.legalConsentOptions
        ? body.legalConsentOptions.consent
        : undefined
    for (const item of consent?.communications ?? []) {
      if (!options.subscriptionTypes.includes(item.subscriptionTypeId)) {
        return invalid('INVALID_METADATA', `Unknown subscription type ${item.subscriptionTypeId}`)
      }
    }
    const email = body.fields.find((field) => field.name === 'email')?.value
    if (email !== undefined) {
      for (const item of consent?.communications ?? []) {
        const key = `${email}|${item.subscriptionTypeId}`
        // A form submission records a granted subscription; an unticked box changes nothing.
        if (item.value) statuses.set(key, 'SUBSCRIBED')
      }
    }
    submissions.push({ formGuid, body })
    return { status: 200, body: { inlineMessage: 'Thanks for submitting the form.' } }
  }

  const setStatus = (json: unknown, target: 'SUBSCRIBED' | 'NOT_SUBSCRIBED') => {
    const parsed = statusRequest.safeParse(json)
    if (!parsed.success) return error(400, 'VALIDATION_ERROR', 'Invalid input JSON on line 1')
    const { emailAddress, subscriptionId } = parsed.data
    const id = Number(subscriptionId)
    if (!options.subscriptionTypes.includes(id)) {
      return error(400, 'VALIDATION_ERROR', `Subscription ${subscriptionId} does not exist`)
    }
    const key = `${emailAddress}|${id}`
    if (statuses.get(key) === target) {
      const already = target === 'SUBSCRIBED' ? 'subscribed to' : 'unsubscribed from'
      return error(
        400,
        'VALIDATION_ERROR',
        `${emailAddress} is already ${already} subscription ${id}`,
      )
    }
    statuses.set(key, target)
    return {
      status: 200,
      body: {
        id: subscriptionId,
        name: `Subscription ${id}`,
        description: '',
        status: target,
        sourceOfStatus: 'SUBSCRIPTION_STATUS',
        ...(parsed.data.legalBasis ? { legalBasis: parsed.data.legalBasis } : {}),
        ...(parsed.data.legalBasisExplanation
          ? { legalBasisExplanation: parsed.data.legalBasisExplanation }
          : {}),
      },
    }
  }

  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8')
      const answer = handle(request, raw)
      let body: unknown = raw
      try {
        body = JSON.parse(raw)
      } catch {
        // kept as text
      }
      requests.push({
        method: request.method ?? '',
        path: request.url ?? '',
        authorization: request.headers.authorization,
        contentType: request.headers['content-type'],
        body,
        status: answer.status,
      })
      response.writeHead(answer.status, { 'content-type': 'application/json;charset=utf-8' })
      response.end(JSON.stringify(answer.body))
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    submissions,
    status: (emailAddress, id) => statuses.get(`${emailAddress}|${id}`) ?? null,
    failNext(count, status = 500) {
      for (let i = 0; i < count; i++) failures.push(status)
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections()
        server.close((err) => (err ? reject(err) : resolve()))
      }),
  }
}

function error(status: number, category: string, message: string) {
  return { status, body: { status: 'error', message, correlationId: randomUUID(), category } }
}

/** The Forms API's 400: the reasons are in `errors`, each with an `errorType`. */
function invalid(errorType: string, message: string) {
  return {
    status: 400,
    body: {
      status: 'error',
      message: 'The request is not valid',
      correlationId: randomUUID(),
      errors: [{ message, errorType }],
    },
  }
}

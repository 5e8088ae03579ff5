import { createRequire } from 'node:module'
import { Worker } from 'node:worker_threads'

/** How a POST ended: the receiver's status, or why no answer came. */
export type PostResult = { status: number } | { error: string }

export interface PostJson {
  (
    url: URL,
    headers: Record<string, string>,
    body: string,
    signal: AbortSignal,
  ): Promise<PostResult>
  /**
   * Ends this destination's pending POSTs as aborted; the sending thread and its kept-alive
   * connections end with the last destination's close.
   */
  close(): void
}

/** Connections per receiver at most (a batch's attempts beyond it wait for a free one). */
const connections = 16

/** A POST as the sending thread takes it. */
interface ThreadRequest {
  id: number
  origin: string
  path: string
  headers: Record<string, string>
  body: string
}

/** What the sending thread answers, several at a time. */
type ThreadAnswer = { id: number } & PostResult

/**
 * The sending thread's program (CommonJS, started with `eval`, so it needs no file of its own
 * in the sources or in `dist`). It takes batches of POSTs (`{ requests }`) and cancellations
 * (`{ cancel: ids }`), sends each with undici's `dispatch` over kept-alive connections, and
 * answers `{ id, status }` or `{ id, error }` (a network error's code, never its message), the
 * answers of one turn of its event loop in one message. The receiver's answer body is discarded
 * unread; redirects are not followed (a 3xx is an answer like any other).
 */
const threadProgram = `
const { parentPort, workerData } = require('node:worker_threads')
const { Agent, errors } = require(workerData.undici)
const agent = new Agent({ connections: workerData.connections })
// id -> undici's controller of the request once it started (null before).
const running = new Map()
let answers = []
const sendAnswers = () => {
  const batch = answers
  answers = []
  parentPort.postMessage(batch)
}
const answer = (id, result) => {
  if (!running.delete(id)) return
  if (answers.push({ id, ...result }) === 1) setImmediate(sendAnswers)
}
const describe = (error) => {
  if (error instanceof errors.UndiciError) return error.code
  if (typeof error?.code === 'string') return error.code
  return error instanceof Error ? error.name : 'unknown error'
}
parentPort.on('message', (message) => {
  for (const request of message.requests ?? []) {
    running.set(request.id, null)
    let status = 0
    try {
      agent.dispatch(
        { origin: request.origin, path: request.path, method: 'POST', headers: request.headers, body: request.body },
        {
          onRequestStart(controller) {
            if (running.has(request.id)) running.set(request.id, controller)
            else controller.abort(new errors.RequestAbortedError())
          },
          onResponseStart(_controller, statusCode) { status = statusCode },
          onResponseData() {},
          onResponseEnd() { answer(request.id, { status }) },
          onResponseError(_controller, error) { answer(request.id, { error: describe(error) }) },
        },
      )
    } catch (error) {
      answer(request.id, { error: describe(error) })
    }
  }
  // After the requests: a POST cancelled before it reached the thread is not sent.
  for (const id of message.cancel ?? []) {
    running.get(id)?.abort(new errors.RequestAbortedError())
    answer(id, { error: 'aborted' })
  }
})
`

/** A POST's answer, once it comes (or its end: aborted, the thread gone). */
type Settle = (result: PostResult) => void

/**
 * The sending thread of the process, shared by every `PostJson` (every webhook destination of
 * every server in it): started with the first POST, ended with the last user's `close()`, and
 * never keeping the process alive while no POST is pending.
 */
const sender = {
  worker: undefined as Worker | undefined,
  users: 0,
  nextId: 0,
  /** POSTs of this turn, not yet passed to the thread. */
  outgoing: [] as ThreadRequest[],
  /** POSTs passed to the thread and aborted since. */
  cancelled: [] as number[],
  /** Whether a flush is due at the end of this turn. */
  scheduled: false,
  pending: new Map<number, Settle>(),
}

function settle(id: number, result: PostResult): void {
  const resolve = sender.pending.get(id)
  if (resolve === undefined) return
  sender.pending.delete(id)
  resolve(result)
  if (sender.pending.size === 0) sender.worker?.unref()
}

function startThread(): Worker {
  const worker = new Worker(threadProgram, {
    eval: true,
    workerData: { undici: createRequire(import.meta.url).resolve('undici'), connections },
  })
  worker.on('message', (answers: ThreadAnswer[]) => {
    for (const { id, ...result } of answers) settle(id, result)
  })
  const ended = (reason: string) => {
    if (sender.worker !== worker) return
    sender.worker = undefined
    for (const id of [...sender.pending.keys()]) settle(id, { error: reason })
  }
  worker.on('error', (error) => ended(`sending thread failed: ${error.name}`))
  worker.on('exit', () => ended('sending thread ended'))
  return worker
}

/** Passes this turn's POSTs and cancellations to the thread, in one message. */
function flush(): void {
  const { outgoing: requests, cancelled: cancel } = sender
  sender.scheduled = false
  sender.outgoing = []
  sender.cancelled = []
  // Cancellations alone need no thread when there is none (it took their POSTs with it).
  if (requests.length === 0 && (cancel.length === 0 || sender.worker === undefined)) return
  sender.worker ??= startThread()
  sender.worker.ref()
  sender.worker.postMessage({ requests, cancel })
}

function scheduleFlush(): void {
  if (sender.scheduled) return
  sender.scheduled = true
  queueMicrotask(flush)
}

/** Ends pending POSTs as aborted: one still waiting for its turn is never sent, one sent is cancelled. */
function abort(ids: Iterable<number>): void {
  const aborted = new Set([...ids].filter((id) => sender.pending.has(id)))
  if (aborted.size === 0) return
  const waiting = new Set<number>()
  sender.outgoing = sender.outgoing.filter((request) => {
    if (!aborted.has(request.id)) return true
    waiting.add(request.id)
    return false
  })
  for (const id of aborted) {
    settle(id, { error: 'aborted' })
    if (!waiting.has(id)) sender.cancelled.push(id)
  }
  if (sender.cancelled.length > 0) scheduleFlush()
}

/**
 * POSTs for the webhook adapter, sent from a thread of their own with undici (the HTTP client
 * under Node's own `fetch`, kept by the Node.js project) over kept-alive connections. The
 * request handling thread only passes each signed body on (batched per turn) and takes the
 * status back: the HTTP work of the deliveries (undici's request and response handling, the
 * socket writes and reads) no longer queues behind the submissions it serves, nor they behind
 * it. One thread serves every destination of the process (see `sender`). An aborted `signal`
 * ends its POSTs at once as `{ error: 'aborted' }`; `close()` ends this destination's.
 */
export function createPostJson(): PostJson {
  let attached = false
  /** This destination's pending POSTs. */
  const mine = new Set<number>()
  /** The pending POSTs of each signal seen (one abort listener per signal). */
  const bySignal = new WeakMap<AbortSignal, Set<number>>()

  const group = (signal: AbortSignal): Set<number> => {
    let ids = bySignal.get(signal)
    if (ids === undefined) {
      const ofSignal = new Set<number>()
      ids = ofSignal
      bySignal.set(signal, ofSignal)
      signal.addEventListener('abort', () => abort(ofSignal), { once: true })
    }
    return ids
  }

  const post = (
    url: URL,
    headers: Record<string, string>,
    body: string,
    signal: AbortSignal,
  ): Promise<PostResult> => {
    if (signal.aborted) return Promise.resolve({ error: 'aborted' })
    if (!attached) {
      attached = true
      sender.users += 1
    }
    const id = (sender.nextId += 1)
    const ofSignal = group(signal)
    ofSignal.add(id)
    mine.add(id)
    const answered = new Promise<PostResult>((resolve) => {
      sender.pending.set(id, (result) => {
        ofSignal.delete(id)
        mine.delete(id)
        resolve(result)
      })
    })
    sender.outgoing.push({
      id,
      origin: url.origin,
      path: `${url.pathname}${url.search}`,
      headers,
      body,
    })
    scheduleFlush()
    return answered
  }

  return Object.assign(post, {
    close() {
      abort(mine)
      if (!attached) return
      attached = false
      sender.users -= 1
      if (sender.users > 0) return
      // The last user: the thread and its connections end.
      const worker = sender.worker
      sender.worker = undefined
      void worker?.terminate().catch(() => undefined)
    },
  })
}

import Form from '@rjsf/core'
import type { RJSFSchema, UiSchema } from '@rjsf/utils'
import validator from '@rjsf/validator-ajv8'
import { assertConfig, createTrickle, memoryStorage } from '@trickle/core'
import { ProgressiveForm, TrickleProvider } from '@trickle/react'
import { flushSync } from 'react-dom'
import { createRoot, type Root } from 'react-dom/client'
import { renderFields, typingFieldId } from './renderFields.mjs'

type Library = 'trickle' | 'rjsf'

const fields = renderFields()
// Validated once at page load, as an app does; not part of any measurement.
const config = assertConfig(fields.trickleConfig)
const schema = fields.schema as RJSFSchema
const uiSchema = fields.uiSchema as UiSchema

/** Resolves in a new task, after the tasks React queued before it (effects, scheduler work). */
const nextTask = () =>
  new Promise<void>((resolve) => {
    const channel = new MessageChannel()
    channel.port1.onmessage = () => resolve()
    channel.port2.postMessage(null)
  })

function formOf(library: Library) {
  if (library === 'trickle') {
    // A new store per mount: its first plan is computed while rendering, as on a page load.
    const trickle = createTrickle({ config, storage: memoryStorage() })
    return (
      <TrickleProvider trickle={trickle}>
        <ProgressiveForm formId="bench" />
      </TrickleProvider>
    )
  }
  return <Form schema={schema} uiSchema={uiSchema} validator={validator} />
}

let mounted: { root: Root; container: HTMLElement; library: Library } | null = null
let typing: { durations: number[]; start: number | null; stop: () => void } | null = null

/**
 * Mounts one library's 30-field form and returns the milliseconds from the render call until
 * the DOM is committed and laid out, or, when the library changes the DOM later (effects,
 * deferred work), until its last DOM change within the next three tasks.
 */
async function mount(library: Library): Promise<{ ms: number; fields: number; elements: number }> {
  if (mounted) throw new Error('unmount the previous form first')
  const container = document.createElement('div')
  document.body.append(container)
  const element = formOf(library)
  let lastChange = 0
  const observer = new MutationObserver(() => {
    lastChange = performance.now()
  })
  observer.observe(container, {
    subtree: true,
    childList: true,
    attributes: true,
    characterData: true,
  })
  performance.mark(`${library}-mount-start`)
  const start = performance.now()
  const root = createRoot(container)
  flushSync(() => root.render(element))
  container.getBoundingClientRect()
  const committed = performance.now()
  for (let i = 0; i < 3; i++) await nextTask()
  observer.disconnect()
  const ms = Math.max(committed, lastChange) - start
  performance.measure(`${library}-mount`, { start, duration: ms })
  mounted = { root, container, library }
  const names = new Set(
    [...container.querySelectorAll('input, select, textarea')].map((el) => el.getAttribute('name')),
  )
  names.delete(null)
  return { ms, fields: names.size, elements: container.getElementsByTagName('*').length }
}

/** A CSS selector of the typing field in the mounted form. */
function typingSelector(): string {
  if (!mounted) throw new Error('mount a form first')
  return mounted.library === 'trickle'
    ? `input[name="values.${typingFieldId}"]`
    : `#root_${typingFieldId}`
}

/**
 * Starts timing keystrokes: from the keydown (capture, before any handler) until the input
 * event has gone through the library (its render and commit) and the layout is computed, or,
 * when the library changes the DOM later (deferred work), until its last DOM change within the
 * next three tasks. The browser's own work between tasks (painting) is not counted.
 */
function startTyping(): void {
  const state = { durations: [] as number[], start: null as number | null, stop: () => {} }
  let lastChange: number | null = null
  const observer = new MutationObserver(() => {
    if (state.start !== null) lastChange = performance.now()
  })
  observer.observe(document.body, {
    subtree: true,
    childList: true,
    attributes: true,
    characterData: true,
  })
  const onKeyDown = () => {
    if (state.start !== null) return
    state.start = performance.now()
    lastChange = null
  }
  const onInput = () => {
    document.body.getBoundingClientRect()
    const handled = performance.now()
    void (async () => {
      for (let i = 0; i < 3; i++) await nextTask()
      if (state.start !== null) {
        state.durations.push(Math.max(handled, lastChange ?? 0) - state.start)
      }
      state.start = null
    })()
  }
  window.addEventListener('keydown', onKeyDown, true)
  window.addEventListener('input', onInput)
  state.stop = () => {
    observer.disconnect()
    window.removeEventListener('keydown', onKeyDown, true)
    window.removeEventListener('input', onInput)
  }
  typing = state
}

/** Resolves once `count` keystrokes have been timed (at most 200 tasks later). */
async function keystrokesDone(count: number): Promise<number> {
  for (let i = 0; i < 200 && (typing?.durations.length ?? 0) < count; i++) await nextTask()
  return typing?.durations.length ?? 0
}

/** Stops timing; returns the keystroke durations and the field's value (to check the typing). */
function stopTyping(): { durations: number[]; value: string } {
  if (!typing || !mounted) throw new Error('startTyping first')
  typing.stop()
  const field = mounted.container.querySelector<HTMLInputElement>(typingSelector())
  const result = { durations: typing.durations, value: field?.value ?? '' }
  typing = null
  return result
}

function unmount(): void {
  if (!mounted) return
  mounted.root.unmount()
  mounted.container.remove()
  mounted = null
}

Object.assign(window, {
  renderBench: { mount, typingSelector, startTyping, keystrokesDone, stopTyping, unmount },
})
document.title = 'ready'

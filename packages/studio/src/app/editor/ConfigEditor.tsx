import { json, jsonLanguage } from '@codemirror/lang-json'
import { linter, lintGutter, type Diagnostic } from '@codemirror/lint'
import { Compartment } from '@codemirror/state'
import { EditorView, hoverTooltip } from '@codemirror/view'
import { basicSetup } from 'codemirror'
import {
  jsonCompletion,
  jsonSchemaHover,
  stateExtensions,
  updateSchema,
} from 'codemirror-json-schema'
import { forwardRef, useEffect, useImperativeHandle, useRef, useState } from 'react'
import type { StudioLocale } from '../messages'
import { configDiagnostics, type ConfigCheck } from './configDiagnostics'
import { configSchemaFor } from './configSchemaFor'
import { sequenceEdit } from './sequenceEdit'

/** What the studio does with the editor from outside. */
export interface ConfigEditorHandle {
  /** Puts the cursor at `offset`, scrolls there and focuses the editor. */
  jumpTo(offset: number): void
  /** Rewrites a form's sequence in one undoable change; false when the form is not found. */
  setSequence(formId: string, sequence: readonly string[]): boolean
  text(): string
}

interface ConfigEditorProps {
  /** The text to start with (the editor owns it afterwards). */
  initialText: string
  locale: StudioLocale
  label: string
  nonce: string
  /** Each check of the text (debounced while typing). */
  onCheck: (check: ConfigCheck, text: string) => void
}

/**
 * The JSON editor: CodeMirror 6 with JSON syntax, completion and hover docs from the config's
 * JSON Schema (codemirror-json-schema), and the studio's own linter, which places each
 * `parseConfig` issue at the line its JSON Pointer names.
 */
export const ConfigEditor = forwardRef<ConfigEditorHandle, ConfigEditorProps>(function ConfigEditor(
  { initialText, locale, label, nonce, onCheck },
  ref,
) {
  const host = useRef<HTMLDivElement>(null)
  const [labelling] = useState(() => new Compartment())
  const [linting] = useState(() => new Compartment())
  const view = useRef<EditorView | null>(null)
  const localeRef = useRef(locale)
  const onCheckRef = useRef(onCheck)
  onCheckRef.current = onCheck

  useEffect(() => {
    if (!host.current) return
    const editor = new EditorView({
      parent: host.current,
      doc: initialText,
      extensions: [
        basicSetup,
        json(),
        jsonLanguage.data.of({ autocomplete: jsonCompletion() }),
        hoverTooltip(jsonSchemaHover()),
        stateExtensions(configSchemaFor(localeRef.current)),
        linting.of(configLinter(localeRef, onCheckRef)),
        lintGutter(),
        EditorView.cspNonce.of(nonce),
        // An explicit tab stop: checkers then see the scrolling area has keyboard access.
        EditorView.contentAttributes.of({ tabindex: '0' }),
        labelling.of(EditorView.contentAttributes.of({ 'aria-label': label })),
        EditorView.lineWrapping,
      ],
    })
    view.current = editor
    return () => {
      editor.destroy()
      view.current = null
    }
    // The editor is created once; the text, locale and label changes are pushed below.
  }, [])

  useEffect(() => {
    localeRef.current = locale
    const editor = view.current
    if (!editor) return
    updateSchema(editor, configSchemaFor(locale))
    // A new linter checks the text again at once, so the messages follow the language (forcing
    // the old one does nothing while the text is unchanged).
    editor.dispatch({
      effects: [
        labelling.reconfigure(EditorView.contentAttributes.of({ 'aria-label': label })),
        linting.reconfigure(configLinter(localeRef, onCheckRef)),
      ],
    })
  }, [locale, label])

  useImperativeHandle(
    ref,
    () => ({
      jumpTo(offset) {
        const editor = view.current
        if (!editor) return
        const at = Math.min(offset, editor.state.doc.length)
        editor.dispatch({ selection: { anchor: at }, scrollIntoView: true })
        editor.focus()
      },
      setSequence(formId, sequence) {
        const editor = view.current
        if (!editor) return false
        const change = sequenceEdit(editor.state.doc.toString(), formId, sequence)
        if (!change) return false
        editor.dispatch({ changes: change, userEvent: 'input.sequence', scrollIntoView: true })
        return true
      },
      text: () => view.current?.state.doc.toString() ?? initialText,
    }),
    [initialText],
  )

  return <div className="editor" ref={host} />
})

/** The studio's linter: `configDiagnostics` in the current language, reported to `onCheck` too. */
function configLinter(
  localeRef: { readonly current: StudioLocale },
  onCheckRef: { readonly current: ConfigEditorProps['onCheck'] },
) {
  return linter(
    (editor): Diagnostic[] => {
      const text = editor.state.doc.toString()
      const check = configDiagnostics(text, localeRef.current)
      onCheckRef.current(check, text)
      return check.diagnostics.map(({ from, to, severity, message, code }) => ({
        from: Math.min(from, editor.state.doc.length),
        to: Math.min(to, editor.state.doc.length),
        severity,
        message,
        source: code,
      }))
    },
    { delay: 300 },
  )
}

import type { Config } from '@trickle/core'
import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'react'
import { ReportTab } from '../report/ReportTab'
import { createStudioApi, type StudioApi } from '../studioApi'
import type { StudioBoot } from '../studioBoot'
import { ConfigSourceError, loadConfigText, saveConfigText } from './configSource'
import { ConfigEditor, type ConfigEditorHandle } from './editor/ConfigEditor'
import { configDiagnostics, type ConfigCheck } from './editor/configDiagnostics'
import { IssueList } from './IssueList'
import {
  format,
  studioLocaleOf,
  studioLocales,
  studioMessages,
  type StudioLocale,
} from './messages'
import { Preview, type PreviewOrder } from './preview/Preview'
import { TokenForm } from './TokenForm'

type Tab = 'editor' | 'report'
type Loaded =
  { state: 'loading' } | { state: 'failed'; message: string } | { state: 'ready'; text: string }
type SaveStatus = { kind: 'idle' | 'saving' | 'done' | 'failed'; text: string }

const tokenKey = 'trickle-studio-token'

/** The studio: the config editor with its problems, the live preview, and the report tab. */
export function Studio({ boot }: { boot: StudioBoot }) {
  const [locale, setLocale] = useState<StudioLocale>(
    () => boot.locale ?? studioLocaleOf(globalThis.navigator?.language),
  )
  const t = studioMessages[locale]
  const id = useId()
  const [token, setToken] = useState<string | null>(() =>
    boot.mode === 'server' ? sessionStorage.getItem(tokenKey) : null,
  )
  const [tokenError, setTokenError] = useState('')
  const [loaded, setLoaded] = useState<Loaded>({ state: 'loading' })
  const [check, setCheck] = useState<ConfigCheck | null>(null)
  const [lastGood, setLastGood] = useState<Config | null>(null)
  const [text, setText] = useState('')
  const [savedText, setSavedText] = useState('')
  const [save, setSave] = useState<SaveStatus>({ kind: 'idle', text: '' })
  const [tab, setTab] = useState<Tab>('editor')
  const [order, setOrder] = useState<PreviewOrder | null>(null)
  const [notice, setNotice] = useState('')
  const editor = useRef<ConfigEditorHandle>(null)

  useEffect(() => {
    document.documentElement.lang = locale
    document.title = t.title
  }, [locale, t])

  useEffect(() => {
    if (boot.mode === 'server' && token === null) return
    let cancelled = false
    setLoaded({ state: 'loading' })
    loadConfigText(boot, token).then(
      (loadedText) => {
        if (cancelled) return
        // Checked at once, so the preview needs no wait for the editor's first lint.
        const first = configDiagnostics(loadedText, locale)
        setCheck(first)
        if (first.ok) setLastGood(first.config)
        setLoaded({ state: 'ready', text: loadedText })
        setText(loadedText)
        setSavedText(loadedText)
      },
      (error: unknown) => {
        if (cancelled) return
        if (boot.mode === 'server' && error instanceof ConfigSourceError && error.status === 401) {
          sessionStorage.removeItem(tokenKey)
          setToken(null)
          setTokenError(t.tokenRefused)
          return
        }
        setLoaded({ state: 'failed', message: (error as Error).message })
      },
    )
    return () => {
      cancelled = true
    }
    // Reload only for a new token (a language switch keeps the text).
  }, [boot, token])

  const onCheck = useCallback((next: ConfigCheck, nextText: string) => {
    setCheck(next)
    setText(nextText)
    if (next.ok) setLastGood(next.config)
  }, [])

  const api = useMemo<StudioApi | null>(() => {
    if (boot.mode === 'server')
      return token === null ? null : createStudioApi({ baseUrl: '', token })
    return boot.apiBase === undefined ? null : createStudioApi({ baseUrl: boot.apiBase })
  }, [boot, token])

  const onSave = async () => {
    const current = editor.current?.text() ?? text
    if (check && !check.ok) {
      setSave({ kind: 'failed', text: `${t.saveFailed} ${t.saveRefusedInvalid}` })
      return
    }
    setSave({ kind: 'saving', text: t.saving })
    try {
      const how = await saveConfigText(boot, current)
      setSavedText(current)
      setSave({
        kind: 'done',
        text: format(how === 'saved' ? t.saved : t.downloaded, { file: boot.fileName }),
      })
    } catch (error) {
      setSave({ kind: 'failed', text: `${t.saveFailed} ${(error as Error).message}` })
    }
  }

  const onAccept = (formId: string, sequence: string[]) => {
    if (editor.current?.setSequence(formId, sequence)) {
      setOrder(null)
      setTab('editor')
      setNotice(format(t.acceptedOrder, { form: formId }))
    }
  }

  const header = (
    <header className="studio-header">
      <h1>
        {t.title} <span className="file-name">{boot.fileName}</span>
      </h1>
      <div className="header-tools">
        <label htmlFor={`${id}-lang`}>{t.language}</label>
        <select
          id={`${id}-lang`}
          value={locale}
          onChange={(event) => setLocale(event.target.value as StudioLocale)}
        >
          {studioLocales.map((tag) => (
            <option key={tag} value={tag}>
              {tag === 'de' ? 'Deutsch' : 'English'}
            </option>
          ))}
        </select>
        {loaded.state === 'ready' && (
          <>
            {text !== savedText && <span className="unsaved">{t.unsaved}</span>}
            <button type="button" className="save" onClick={() => void onSave()}>
              {boot.mode === 'file' ? t.save : t.saveDownload}
            </button>
          </>
        )}
      </div>
      <p className="save-status" role="status" data-kind={save.kind}>
        {save.text}
      </p>
    </header>
  )

  if (boot.mode === 'server' && token === null) {
    return (
      <>
        {header}
        <main id="main">
          <TokenForm
            t={t}
            error={tokenError}
            onToken={(value) => {
              sessionStorage.setItem(tokenKey, value)
              setTokenError('')
              setToken(value)
            }}
          />
        </main>
      </>
    )
  }

  return (
    <>
      {header}
      <main id="main">
        {loaded.state === 'loading' && <p role="status">{t.loading}</p>}
        {loaded.state === 'failed' && (
          <p role="alert">
            {t.loadFailed} {loaded.message}
          </p>
        )}
        {loaded.state === 'ready' && (
          <>
            <div role="tablist" className="tabs" aria-label={t.title}>
              {(['editor', 'report'] as const).map((name) => (
                <button
                  key={name}
                  type="button"
                  role="tab"
                  id={`${id}-tab-${name}`}
                  aria-controls={`${id}-panel-${name}`}
                  aria-selected={tab === name}
                  tabIndex={tab === name ? 0 : -1}
                  onClick={() => setTab(name)}
                >
                  {name === 'editor' ? t.tabEditor : t.tabReport}
                </button>
              ))}
            </div>
            <div
              role="tabpanel"
              id={`${id}-panel-editor`}
              aria-labelledby={`${id}-tab-editor`}
              hidden={tab !== 'editor'}
              className="editor-panel"
            >
              {notice && (
                <p className="notice" role="status">
                  {notice}
                </p>
              )}
              <section className="editor-column" aria-label={t.editorLabel}>
                <ConfigEditor
                  ref={editor}
                  initialText={loaded.text}
                  locale={locale}
                  label={t.editorLabel}
                  nonce={boot.nonce}
                  onCheck={onCheck}
                />
                <IssueList
                  check={check}
                  t={t}
                  onJump={(offset) => editor.current?.jumpTo(offset)}
                />
              </section>
              <section className="preview-column" aria-labelledby={`${id}-preview`}>
                <h2 id={`${id}-preview`}>{t.previewHeading}</h2>
                <Preview
                  config={lastGood}
                  stale={check !== null && !check.ok && lastGood !== null}
                  order={order}
                  onClearOrder={() => setOrder(null)}
                  t={t}
                />
              </section>
            </div>
            <div
              role="tabpanel"
              id={`${id}-panel-report`}
              aria-labelledby={`${id}-tab-report`}
              hidden={tab !== 'report'}
            >
              <ReportTab
                api={api}
                config={lastGood}
                locale={locale}
                onPreviewOrder={(formId, sequence) => {
                  setOrder({ formId, sequence })
                  setTab('editor')
                }}
                onAcceptOrder={onAccept}
              />
            </div>
          </>
        )}
      </main>
    </>
  )
}

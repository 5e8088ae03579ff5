// docs/walkthrough.md read as text (Vite's `?raw` import) by walkthrough.test.ts.
declare module '*/docs/walkthrough.md?raw' {
  const markdown: string
  export { markdown as default }
}

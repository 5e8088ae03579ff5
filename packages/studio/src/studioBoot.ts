/** Where the studio page gets its config and where saving goes. */
export type StudioMode = 'file' | 'server'

/** What the page is told when it starts (a JSON block in the HTML, read by the app). */
export interface StudioBoot {
  /**
   * 'file': `trickle studio` serves it; the config is a file it reads and writes back
   * (`GET`/`PUT` at `configPath`). 'server': a Trickle server serves it at /admin/studio; the
   * page asks for the admin token, reads the server's config and saves by downloading.
   */
  mode: StudioMode
  /** The UI language to start in; absent: the browser's. */
  locale?: 'en' | 'de'
  /** The config file's name (file mode), shown in the header and used for downloads. */
  fileName: string
  /** file mode: the address of the config text. */
  configPath: string
  /**
   * Where the report API lives, relative to the page's origin: '' for the server itself, or
   * the CLI's proxy. Absent: no server connected (the report tab says how to connect one).
   */
  apiBase?: string
  /** The nonce the page's inline styles (CodeMirror's) carry, matching the page's policy. */
  nonce: string
}

/** The id of the script element that carries the boot JSON. */
export const studioBootId = 'trickle-studio-boot'

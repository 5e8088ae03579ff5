/** The Fernhollow word mark: a square "F" with an amber dot. */
export function Logo() {
  return (
    <span className="logo">
      <svg className="logo-mark" viewBox="0 0 32 32" aria-hidden="true" focusable="false">
        <rect width="32" height="32" rx="7" fill="currentColor" />
        <path d="M9 23V9h13v3.4h-9.2v2.4h7.6v3.3h-7.6V23z" fill="#fff" />
        <circle cx="23" cy="21" r="2.6" fill="#f29e33" />
      </svg>
      <span className="logo-text">
        Fernhollow<span className="logo-suffix"> Systems</span>
      </span>
    </span>
  )
}

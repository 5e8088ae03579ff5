/** A decorative machine-health card: what Fernhollow Flow shows a plant manager. */
export function HeroIllustration() {
  const line =
    'M0 92 C30 88 45 70 70 74 S115 96 140 80 S185 40 210 52 S250 88 272 62 S310 34 328 38'
  return (
    <svg className="hero-illustration" viewBox="0 0 400 300" aria-hidden="true" focusable="false">
      <rect x="10" y="10" width="380" height="280" rx="18" fill="#fff" />
      <rect x="10" y="10" width="380" height="280" rx="18" fill="none" stroke="#dbe4e1" />
      <text x="36" y="50" className="hero-ill-title">
        Line 3 · Spindle vibration
      </text>
      <rect x="276" y="32" width="88" height="26" rx="13" fill="#e3f3ee" />
      <circle cx="292" cy="45" r="5" fill="#1f8a5b" />
      <text x="304" y="50" className="hero-ill-chip">
        healthy
      </text>
      <g transform="translate(36 84)">
        <rect width="328" height="120" rx="10" fill="#f4f7f6" />
        <path d="M0 58 H328" stroke="#f29e33" strokeDasharray="5 6" strokeWidth="1.5" />
        <path d={line} fill="none" stroke="#0d5450" strokeWidth="3" strokeLinecap="round" />
        <path d={`${line} V120 H0 Z`} fill="#0d5450" opacity="0.08" />
      </g>
      <g transform="translate(36 226)">
        <rect width="100" height="44" rx="10" fill="#f4f7f6" />
        <text x="14" y="20" className="hero-ill-label">
          Uptime
        </text>
        <text x="14" y="37" className="hero-ill-value">
          98.7 %
        </text>
        <rect x="114" width="100" height="44" rx="10" fill="#f4f7f6" />
        <text x="128" y="20" className="hero-ill-label">
          Stops avoided
        </text>
        <text x="128" y="37" className="hero-ill-value">
          14
        </text>
        <rect x="228" width="100" height="44" rx="10" fill="#fdf1e2" />
        <text x="242" y="20" className="hero-ill-label">
          Next service
        </text>
        <text x="242" y="37" className="hero-ill-value">
          in 9 days
        </text>
      </g>
    </svg>
  )
}

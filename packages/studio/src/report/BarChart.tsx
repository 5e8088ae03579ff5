import { useId } from 'react'

export interface Bar {
  /** What the bar counts, shown left of it. */
  label: string
  value: number
  /** The value as the reader should read it ("42", "12.5%"), shown right of the bar. */
  display: string
}

interface BarChartProps {
  /** The chart's name, read out first. */
  title: string
  /** Every number of the chart in one sentence, for screen readers (the table repeats them). */
  description: string
  bars: Bar[]
  /** The value of a full-width bar (default: the largest value). */
  max?: number
}

const width = 640
const labelWidth = 200
const valueWidth = 90
const rowHeight = 26
const barHeight = 16

const clip = (text: string, length: number) =>
  text.length > length ? `${text.slice(0, length - 1)}…` : text

/**
 * Horizontal bars, one per row, each with its label and its number written next to it: the
 * length is never the only way to read a value. The SVG is one image with a title and a
 * description; the tables below the charts carry the same numbers.
 */
export function BarChart({ title, description, bars, max }: BarChartProps) {
  const id = useId()
  const top = max ?? Math.max(0, ...bars.map((bar) => bar.value))
  const span = width - labelWidth - valueWidth
  const height = Math.max(1, bars.length) * rowHeight + 4
  return (
    <svg
      className="report-chart"
      role="img"
      aria-labelledby={`${id}-title ${id}-desc`}
      viewBox={`0 0 ${width} ${height}`}
      width="100%"
      preserveAspectRatio="xMinYMin meet"
    >
      <title id={`${id}-title`}>{title}</title>
      <desc id={`${id}-desc`}>{description}</desc>
      {bars.map((bar, index) => {
        const y = index * rowHeight + 4
        const length = top > 0 ? Math.max(0, (bar.value / top) * span) : 0
        return (
          <g key={`${bar.label}-${index}`}>
            <text
              x={labelWidth - 8}
              y={y + barHeight - 3}
              textAnchor="end"
              className="report-chart-label"
            >
              {clip(bar.label, 28)}
            </text>
            <rect
              x={labelWidth}
              y={y}
              width={span}
              height={barHeight}
              className="report-chart-track"
            />
            <rect
              x={labelWidth}
              y={y}
              width={length}
              height={barHeight}
              className="report-chart-bar"
            />
            <text x={labelWidth + span + 6} y={y + barHeight - 3} className="report-chart-value">
              {bar.display}
            </text>
          </g>
        )
      })}
    </svg>
  )
}

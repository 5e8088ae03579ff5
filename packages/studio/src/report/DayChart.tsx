import { useId } from 'react'

export interface DayPoint {
  day: string
  /** The outlined bar (e.g. forms shown). */
  total: number
  /** The filled bar drawn inside it (e.g. forms submitted). */
  part: number
}

interface DayChartProps {
  title: string
  description: string
  points: DayPoint[]
  /** Names of the two series, written in the legend (outlined, filled). */
  totalLabel: string
  partLabel: string
}

const width = 640
const height = 160
const legendHeight = 22
const axisHeight = 18

/**
 * A small chart per day: an outlined bar for the total and a filled bar for the part, so the
 * two series differ by shape as well as colour, with a written legend and the first and last
 * day on the axis. The table next to it carries every number.
 */
export function DayChart({ title, description, points, totalLabel, partLabel }: DayChartProps) {
  const id = useId()
  const top = Math.max(1, ...points.map((point) => Math.max(point.total, point.part)))
  const plotTop = legendHeight + 4
  const plotHeight = height - plotTop - axisHeight
  const slot = width / Math.max(1, points.length)
  const barWidth = Math.max(1, Math.min(24, slot * 0.7))
  const first = points[0]
  const last = points.at(-1)
  const scale = (value: number) => (value / top) * plotHeight
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
      <g className="report-chart-legend">
        <rect x={0} y={4} width={14} height={14} className="report-chart-outline" />
        <text x={20} y={16}>
          {totalLabel}
        </text>
        <rect x={180} y={4} width={14} height={14} className="report-chart-bar" />
        <text x={200} y={16}>
          {partLabel}
        </text>
      </g>
      <line
        x1={0}
        x2={width}
        y1={plotTop + plotHeight}
        y2={plotTop + plotHeight}
        className="report-chart-axis"
      />
      {points.map((point, index) => {
        const x = index * slot + (slot - barWidth) / 2
        const base = plotTop + plotHeight
        return (
          <g key={point.day}>
            <rect
              x={x}
              y={base - scale(point.total)}
              width={barWidth}
              height={scale(point.total)}
              className="report-chart-outline"
            />
            <rect
              x={x + barWidth * 0.2}
              y={base - scale(point.part)}
              width={barWidth * 0.6}
              height={scale(point.part)}
              className="report-chart-bar"
            />
          </g>
        )
      })}
      {first && (
        <text x={0} y={height - 4} className="report-chart-label">
          {first.day}
        </text>
      )}
      {last && last !== first && (
        <text x={width} y={height - 4} textAnchor="end" className="report-chart-label">
          {last.day}
        </text>
      )}
    </svg>
  )
}

import { useId } from 'react'
import type { VisitTotal } from '../report'

export interface ReportChartProps {
  title: string
  visits: readonly VisitTotal[]
  labels: { shown: string; answered: string; visit: (visit: number) => string }
}

const size = { width: 640, height: 280, top: 16, right: 16, bottom: 40, left: 44 }

/** A round upper bound for the y axis and its tick step (1, 2 or 5 times a power of ten). */
export function niceScale(max: number, ticks = 4): { top: number; step: number } {
  if (max <= 0) return { top: ticks, step: 1 }
  const rough = max / ticks
  const power = 10 ** Math.floor(Math.log10(rough))
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= rough) ?? 10 * power
  const rounded = Math.max(1, Math.round(step))
  return { top: Math.ceil(max / rounded) * rounded, step: rounded }
}

/**
 * Fields shown and answered per visit, as grouped bars in plain SVG. The same numbers follow
 * in a table, so the chart is not the only way to read them.
 */
export function ReportChart({ title, visits, labels }: ReportChartProps) {
  const id = useId()
  const max = Math.max(0, ...visits.map((v) => Math.max(v.shown, v.answered)))
  const { top, step } = niceScale(max)
  const plotWidth = size.width - size.left - size.right
  const plotHeight = size.height - size.top - size.bottom
  const group = plotWidth / Math.max(1, visits.length)
  const bar = Math.min(48, group / 3)
  const y = (value: number) => size.top + plotHeight - (value / top) * plotHeight
  const ticks = Array.from({ length: Math.floor(top / step) + 1 }, (_, i) => i * step)

  return (
    <figure className="report-chart">
      <figcaption id={`${id}-title`}>{title}</figcaption>
      <div className="report-legend" aria-hidden="true">
        <span className="report-key report-key-shown">{labels.shown}</span>
        <span className="report-key report-key-answered">{labels.answered}</span>
      </div>
      <svg
        viewBox={`0 0 ${size.width} ${size.height}`}
        role="img"
        aria-labelledby={`${id}-title`}
        preserveAspectRatio="xMidYMid meet"
      >
        {ticks.map((tick) => (
          <g key={tick} className="report-grid">
            <line x1={size.left} x2={size.width - size.right} y1={y(tick)} y2={y(tick)} />
            <text x={size.left - 8} y={y(tick)} dy="0.32em" textAnchor="end">
              {tick}
            </text>
          </g>
        ))}
        {visits.map((visit, index) => {
          const x = size.left + index * group + (group - 2 * bar - 6) / 2
          return (
            <g key={visit.visit} data-visit={visit.visit}>
              <rect
                className="report-bar-shown"
                x={x}
                y={y(visit.shown)}
                width={bar}
                height={y(0) - y(visit.shown)}
                rx="3"
              />
              <rect
                className="report-bar-answered"
                x={x + bar + 6}
                y={y(visit.answered)}
                width={bar}
                height={y(0) - y(visit.answered)}
                rx="3"
              />
              <text
                className="report-axis-label"
                x={size.left + index * group + group / 2}
                y={size.height - 14}
                textAnchor="middle"
              >
                {labels.visit(visit.visit)}
              </text>
            </g>
          )
        })}
        <line
          className="report-axis"
          x1={size.left}
          x2={size.width - size.right}
          y1={y(0)}
          y2={y(0)}
        />
      </svg>
      <table className="report-table">
        <thead>
          <tr>
            <th scope="col">
              <span className="visually-hidden">{title}</span>
            </th>
            <th scope="col">{labels.shown}</th>
            <th scope="col">{labels.answered}</th>
          </tr>
        </thead>
        <tbody>
          {visits.map((visit) => (
            <tr key={visit.visit}>
              <th scope="row">{labels.visit(visit.visit)}</th>
              <td>{visit.shown}</td>
              <td>{visit.answered}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  )
}

/**
 * The report's chart, drawn as plain SVG from the simulated cells: freshness p95 against arrival rate for each
 * design (left), and what a month costs at each rate (right), both on log scales, with the targets as dashed lines.
 */
import type { Cell } from './freshness/section.js'
import { DESIGNS, RATES } from './freshness/section.js'

const SERIES = [
  { id: 'seed-daily', color: '#8c8c8c' },
  { id: 'always', color: '#d62728' },
  { id: 'auto-job', color: '#ff7f0e' },
  { id: 'auto', color: '#1f77b4' },
  { id: 'auto-nowait', color: '#2ca02c' },
  { id: 'auto-40', color: '#9467bd' }
]

const W = 980
const H = 460
const PANEL = { top: 56, bottom: 330, width: 360 }
const LEFT_X = 80
const RIGHT_X = 560

interface Axis {
  min: number
  max: number
  ticks: { value: number; label: string }[]
}

function esc(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/`/g, '')
}

function logScale(value: number, axis: Axis, from: number, to: number): number {
  const v = Math.min(Math.max(value, axis.min), axis.max)
  return from + ((Math.log10(v) - Math.log10(axis.min)) / (Math.log10(axis.max) - Math.log10(axis.min))) * (to - from)
}

function panel(
  x0: number,
  title: string,
  yAxis: Axis,
  value: (c: Cell) => number,
  target: { value: number; label: string },
  cells: Cell[],
  neverRow: boolean
): string[] {
  const out: string[] = []
  const x1 = x0 + PANEL.width
  const xAt = (i: number) => x0 + 20 + (i * (PANEL.width - 40)) / (RATES.length - 1)
  const yTop = neverRow ? PANEL.top + 30 : PANEL.top
  const y = (v: number) => (Number.isFinite(v) ? logScale(v, yAxis, PANEL.bottom, yTop) : PANEL.top + 10)
  out.push(`<text x="${x0}" y="${PANEL.top - 22}" class="title">${esc(title)}</text>`)
  out.push(
    `<rect x="${x0}" y="${PANEL.top}" width="${PANEL.width}" height="${PANEL.bottom - PANEL.top}" class="frame"/>`
  )
  for (const tick of yAxis.ticks) {
    const ty = y(tick.value)
    out.push(`<line x1="${x0}" x2="${x1}" y1="${ty}" y2="${ty}" class="grid"/>`)
    out.push(`<text x="${x0 - 6}" y="${ty + 4}" class="tick" text-anchor="end">${esc(tick.label)}</text>`)
  }
  if (neverRow) {
    out.push(`<line x1="${x0}" x2="${x1}" y1="${PANEL.top + 20}" y2="${PANEL.top + 20}" class="grid"/>`)
    out.push(`<text x="${x0 - 6}" y="${PANEL.top + 14}" class="tick" text-anchor="end">never</text>`)
  }
  const ty = y(target.value)
  out.push(`<line x1="${x0}" x2="${x1}" y1="${ty}" y2="${ty}" class="target"/>`)
  out.push(`<text x="${x1 - 4}" y="${ty - 4}" class="tick" text-anchor="end">${esc(target.label)}</text>`)
  RATES.forEach((rate, i) => {
    out.push(`<text x="${xAt(i)}" y="${PANEL.bottom + 18}" class="tick" text-anchor="middle">${esc(rate.label)}</text>`)
  })
  out.push(
    `<text x="${x0 + PANEL.width / 2}" y="${PANEL.bottom + 38}" class="axis" text-anchor="middle">incidents closed (log scale)</text>`
  )
  for (const series of SERIES) {
    const points = RATES.map((rate, i) => {
      const cell = cells.find((c) => c.design === series.id && c.rate === rate.label)
      return cell ? { x: xAt(i), y: y(value(cell)), dashed: !cell.carries } : undefined
    }).filter((p): p is { x: number; y: number; dashed: boolean } => p !== undefined)
    for (let i = 1; i < points.length; i++) {
      const a = points[i - 1]!
      const b = points[i]!
      out.push(
        `<line x1="${a.x.toFixed(1)}" y1="${a.y.toFixed(1)}" x2="${b.x.toFixed(1)}" y2="${b.y.toFixed(1)}" stroke="${series.color}" stroke-width="2"${b.dashed ? ' stroke-dasharray="4 3"' : ''}/>`
      )
    }
    for (const p of points)
      out.push(
        `<circle cx="${p.x.toFixed(1)}" cy="${p.y.toFixed(1)}" r="3.5" fill="${p.dashed ? 'white' : series.color}" stroke="${series.color}" stroke-width="1.5"/>`
      )
  }
  return out
}

export function chartSvg(cells: Cell[], caption: string): string {
  const minutesAxis: Axis = {
    min: 10,
    max: 60 * 24 * 30,
    ticks: [
      { value: 10, label: '10 min' },
      { value: 60, label: '1 h' },
      { value: 600, label: '10 h' },
      { value: 60 * 24 * 4, label: '4 d' },
      { value: 60 * 24 * 30, label: '30 d' }
    ]
  }
  const costAxis: Axis = {
    min: 1,
    max: 1000,
    ticks: [1, 10, 100, 1000].map((v) => ({ value: v, label: `$${v}` }))
  }
  const label = (id: string) => DESIGNS.find((d) => d.id === id)?.label ?? id
  const legend = SERIES.map((s, i) => {
    const x = 80 + (i % 3) * 300
    const y = H - 62 + Math.floor(i / 3) * 20
    return `<line x1="${x}" x2="${x + 22}" y1="${y - 4}" y2="${y - 4}" stroke="${s.color}" stroke-width="3"/><text x="${x + 28}" y="${y}" class="legend">${esc(label(s.id))}</text>`
  })
  const body = [
    ...panel(
      LEFT_X,
      'Freshness p95: close → searchable',
      minutesAxis,
      (c) => c.p95,
      { value: 70, label: 'target 70 min' },
      cells,
      true
    ),
    ...panel(
      RIGHT_X,
      'Cost per month (AWS + runner minutes, private repo)',
      costAxis,
      (c) => c.cost.totalPrivate,
      { value: 18, label: 'team estimate $18' },
      cells,
      false
    ),
    ...legend,
    `<text x="${W - 12}" y="${H - 8}" class="caption" text-anchor="end">${esc(caption)}</text>`
  ]
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="-apple-system, Segoe UI, Helvetica, Arial, sans-serif">`,
    '<style>',
    '.title { font-size: 15px; font-weight: 600; fill: #222 }',
    '.tick { font-size: 11px; fill: #555 }',
    '.axis { font-size: 12px; fill: #333 }',
    '.legend { font-size: 12px; fill: #222 }',
    '.caption { font-size: 10px; fill: #777 }',
    '.frame { fill: none; stroke: #bbb }',
    '.grid { stroke: #eee }',
    '.target { stroke: #444; stroke-dasharray: 6 4 }',
    '</style>',
    `<rect width="${W}" height="${H}" fill="white"/>`,
    ...body,
    '</svg>',
    ''
  ].join('\n')
}

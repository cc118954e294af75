/**
 * What a section hands back and how the report is written: the tables go into BENCHMARKS.md between the markers
 * (so a re-run refreshes the numbers and leaves the prose around them alone) and, whole, into a JSON file that the
 * smoke test reads.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import * as prettier from 'prettier'

export interface Table {
  title: string
  columns: string[]
  rows: string[][]
  /** Lines under the table: assumptions, what a column means. */
  notes?: string[]
}

export interface SectionReport {
  id: string
  title: string
  /** How it was measured, one sentence a line. */
  method: string[]
  tables: Table[]
  /** Conclusions computed from this run's numbers. */
  findings: string[]
  /** Set when the section could not run; the others still do. */
  error?: string
  seconds: number
  /** The numbers behind the tables, for the chart and the JSON report. */
  data?: unknown
}

export interface Machine {
  platform: string
  release: string
  arch: string
  cpu: string
  cpus: number
  memoryGiB: number
  node: string
}

export interface BenchReport {
  date: string
  quick: boolean
  machine: Machine
  commit: string
  sections: SectionReport[]
}

export const START_MARKER = '<!-- bench:start -->'
export const END_MARKER = '<!-- bench:end -->'

export function machine(): Machine {
  const cpus = os.cpus()
  return {
    platform: os.platform(),
    release: os.release(),
    arch: os.arch(),
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    cpus: cpus.length,
    memoryGiB: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    node: process.version
  }
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ')
}

export function tableMarkdown(table: Table): string {
  const lines = [
    `**${table.title}**`,
    '',
    `| ${table.columns.map(cell).join(' | ')} |`,
    `| ${table.columns.map(() => '---').join(' | ')} |`,
    ...table.rows.map((row) => `| ${row.map(cell).join(' | ')} |`)
  ]
  if (table.notes?.length) lines.push('', ...table.notes.map((note) => `- ${note}`))
  return lines.join('\n')
}

export function sectionMarkdown(section: SectionReport): string {
  const parts = [`### ${section.title}`, '']
  if (section.error) parts.push(`Not measured in this run: ${section.error}`, '')
  if (section.method.length) parts.push(...section.method.map((line) => `- ${line}`), '')
  for (const table of section.tables) parts.push(tableMarkdown(table), '')
  if (section.findings.length) parts.push('What this run says:', '', ...section.findings.map((line) => `- ${line}`), '')
  return parts.join('\n').trimEnd()
}

export function reportMarkdown(report: BenchReport, chartPath: string | undefined): string {
  const m = report.machine
  const total = report.sections.reduce((sum, s) => sum + s.seconds, 0)
  const head = [
    `Measured ${report.date} on ${m.cpu} (${m.cpus} CPUs, ${m.memoryGiB} GiB), ${m.platform} ${m.release} ${m.arch}, ` +
      `Node.js ${m.node}; commit ${report.commit}; ${report.quick ? '`--quick` run' : 'full run'} of ${total.toFixed(0)} s.`,
    ''
  ]
  if (chartPath) head.push(`![Freshness p95 and cost per month against arrival rate](${chartPath})`, '')
  return [...head, ...report.sections.map(sectionMarkdown)].join('\n\n').replace(/\n{3,}/g, '\n\n')
}

/**
 * Replaces what lies between the markers; a file without them gets them appended. Formatted as `npm run
 * format:check` expects, so a refreshed report is ready to commit.
 */
export async function writeBetweenMarkers(path: string, generated: string, skeleton: string): Promise<void> {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch {
    text = skeleton
  }
  const start = text.indexOf(START_MARKER)
  const end = text.indexOf(END_MARKER)
  const block = `${START_MARKER}\n\n${generated}\n\n${END_MARKER}`
  const next =
    start >= 0 && end > start
      ? text.slice(0, start) + block + text.slice(end + END_MARKER.length)
      : `${text.trimEnd()}\n\n${block}\n`
  const options = (await prettier.resolveConfig(path)) ?? {}
  writeFileSync(path, await prettier.format(next, { ...options, filepath: path }))
}

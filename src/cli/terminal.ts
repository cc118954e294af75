/**
 * A finished run, or one job, as text for a terminal: the same facts as the job summary (summary.ts), laid out in
 * lines and aligned columns. Every piece of outside text (AWS messages, failure reasons, job statuses, ids the
 * Lambda sent) goes through terminalText, so it can neither colour, move nor rewrite anything; colour comes only
 * from here, and only when the stream is a terminal and NO_COLOR is not set.
 */
import type { JobStatus } from '../pipeline/status.js'
import { followJobCommand, LISTED_VALUES_LIMIT } from '../pipeline/rules.js'
import {
  STATISTIC_NAMES,
  syncCountsKnown,
  type JobSnapshot,
  type RunResult,
  type RunStatus,
  type Statistics
} from '../pipeline/result.js'
import { outcomeLine, stopSentence } from '../report/summary.js'
import { terminalText } from '../text.js'

export interface Style {
  bold(text: string): string
  dim(text: string): string
  red(text: string): string
  green(text: string): string
  yellow(text: string): string
  cyan(text: string): string
}

const sgr =
  (open: number, close: number) =>
  (text: string): string =>
    `\u001b[${open}m${text}\u001b[${close}m`

export const COLOURS: Style = {
  bold: sgr(1, 22),
  dim: sgr(2, 22),
  red: sgr(31, 39),
  green: sgr(32, 39),
  yellow: sgr(33, 39),
  cyan: sgr(36, 39)
}

const identity = (text: string): string => text
export const PLAIN: Style = {
  bold: identity,
  dim: identity,
  red: identity,
  green: identity,
  yellow: identity,
  cyan: identity
}

/** Colour only on a terminal, never with NO_COLOR set to anything (no-color.org), nor on a dumb terminal. */
export function styleFor(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv): Style {
  const wanted = stream.isTTY === true && !env.NO_COLOR && env.TERM !== 'dumb'
  return wanted ? COLOURS : PLAIN
}

/** Outside text for one line, cut to `max` characters. */
function safe(text: string, max = 2_000): string {
  return terminalText(text, max)
}

const STATUS_COLOUR: Record<RunStatus, keyof Style> = {
  completed: 'green',
  skipped: 'green',
  started: 'cyan',
  dry_run: 'cyan',
  failed: 'red',
  cancelled: 'yellow'
}

export interface RenderOptions {
  style: Style
  /** `sync` shows the sync phase alone: that command never ingests. */
  command: 'run' | 'sync'
}

export function renderResult(result: RunResult, { style, command }: RenderOptions): string {
  const out: string[] = []
  const title = `kb-sync${command === 'sync' ? ' sync' : ''}: ${result.status.replace('_', ' ')}`
  out.push(style.bold(style[STATUS_COLOUR[result.status]](title)))
  out.push(safe(outcomeLine(result)))
  if (result.knowledgeBaseId) {
    out.push(
      style.dim(
        `Knowledge base ${safe(result.knowledgeBaseId, 200)} · data source ${safe(result.dataSourceId ?? '', 200)} · function ${safe(result.functionName ?? '', 200)} · region ${safe(result.region ?? '', 200)}`
      )
    )
  }
  leftRunning(out, result, style)
  list(
    out,
    style.red('Problems'),
    result.problems.map((p) => `${style.bold(p.phase)}: ${safe(p.message)}`),
    style.red('✖')
  )
  list(
    out,
    style.yellow('Warnings'),
    result.warnings.map((w) => safe(w)),
    style.yellow('!')
  )
  if (result.checks.length > 0) {
    const marks = {
      ok: style.green('ok'),
      failed: style.red('failed'),
      warning: style.yellow('warning'),
      skipped: 'skipped'
    }
    section(out, style, 'Dry-run checks')
    out.push(
      ...table(
        ['Check', 'Result', 'Detail'],
        result.checks.map((c) => [safe(c.name), marks[c.status], safe(c.detail)]),
        style
      )
    )
  }
  const reachedPhases = result.problems.every((p) => p.phase !== 'inputs' && p.phase !== 'credentials')
  if (!result.dryRun && reachedPhases) {
    syncPhase(out, result, style)
    if (command === 'run') ingestionPhase(out, result, style)
  }
  return `${out.join('\n')}\n`
}

/** A job this run stopped waiting for keeps running: which, and the commands that follow it. */
function leftRunning(out: string[], result: RunResult, style: Style): void {
  const job = result.ingestion.leftRunning
  if (!job || !result.knowledgeBaseId) return
  const ids = { knowledgeBaseId: result.knowledgeBaseId, dataSourceId: result.dataSourceId ?? '' }
  out.push(
    '',
    style.yellow(
      `Ingestion job ${safe(job.jobId, 200)} was left running (last seen ${safe(job.status, 200)}). Follow it with:`
    ),
    `  ${style.bold(safe(`kb-sync status ${job.jobId} --knowledge-base-id ${ids.knowledgeBaseId} --data-source-id ${ids.dataSourceId}${result.region ? ` --aws-region ${result.region}` : ''}`))}`,
    `  ${safe(followJobCommand(ids, job.jobId))}`
  )
}

function syncPhase(out: string[], result: RunResult, style: Style): void {
  const { sync } = result
  section(out, style, 'Sync: DynamoDB → S3')
  if (!sync.ran) {
    const pending = sync.backlogAfter === null ? '' : ` Pending incidents: ${sync.backlogAfter}.`
    out.push(`  Skipped: ${safe(sync.skippedReason ?? 'not run')}.${pending}`)
    return
  }
  const known = syncCountsKnown(sync)
  const count = (n: number): string => (known ? String(n) : 'unknown (asynchronous)')
  const orUnknown = (n: number | null): string => (n === null ? 'unknown' : String(n))
  out.push(
    ...table(
      ['Batches', 'Synced', 'Failed', 'Processed', 'Pending before', 'Pending after'],
      [
        [
          String(sync.invocations),
          count(sync.synced),
          count(sync.failed),
          count(sync.processed),
          orUnknown(sync.backlogBefore),
          orUnknown(sync.backlogAfter)
        ]
      ],
      style
    )
  )
  const stop = stopSentence(result)
  if (stop) out.push(`  ${safe(stop)}`)
  if (sync.failedIds.length > 0) {
    const more =
      sync.failedIds.length > LISTED_VALUES_LIMIT ? `, … (${sync.failedIds.length - LISTED_VALUES_LIMIT} more)` : ''
    const ids = sync.failedIds.slice(0, LISTED_VALUES_LIMIT).map((id) => safe(id, 200))
    out.push(`  Incidents that failed to sync: ${ids.join(', ')}${more}`)
  }
  if (sync.error) {
    out.push(`  ${style.red('Sync error:')} ${safe(sync.error.message)}`)
    if (sync.error.logTail !== undefined) logTail(out, result, sync.error.logTail, style)
  }
}

/** The tail carries incident text: shown when lambda_log_tail allows it (auto: only in a private repository's workflow). */
function logTail(out: string[], result: RunResult, tail: string, style: Style): void {
  if (!result.showLogTail) {
    const group = result.functionName
      ? ` (log group /aws/lambda/${safe(result.functionName.split(':').at(-1) ?? '', 200)})`
      : ''
    out.push(
      `  The Lambda's log tail is not shown, as it carries incident text: read it in CloudWatch Logs${group}, or pass --lambda-log-tail always.`
    )
    return
  }
  out.push(`  ${style.bold("Lambda's log tail:")}`)
  for (const line of tail.slice(-4_096).split(/\r\n|\r|\n/)) out.push(`  ${style.dim('│')} ${safe(line, 500)}`)
}

function ingestionPhase(out: string[], result: RunResult, style: Style): void {
  const { ingestion } = result
  section(out, style, 'Ingestion: S3 → Knowledge Base')
  for (const earlier of ingestion.waitedFor) {
    out.push(
      `  Waited for job ${safe(earlier.jobId, 200)}, which was already running; it ended ${safe(earlier.status, 200)}.`
    )
  }
  const verb = ingestion.outcome === 'skipped' ? 'Skipped' : 'Started'
  if (ingestion.reason) out.push(`  ${verb}: ${safe(ingestion.reason)}.`)
  const job = ingestion.job
  if (job && !ingestion.waitedFor.some((earlier) => earlier.jobId === job.jobId)) jobTables(out, job, style)
  if (ingestion.statusChecks > 0) out.push(`  Followed with ${ingestion.statusChecks} status checks.`)
  if (ingestion.error) out.push(`  ${style.red('Ingestion error:')} ${safe(ingestion.error)}`)
}

function jobTables(out: string[], job: JobSnapshot, style: Style): void {
  out.push(...table(['Job', 'Status'], [[safe(job.jobId, 200), statusWord(job.status, style)]], style))
  statistics(out, job.statistics, style)
  failureReasons(out, job.failureReasons, style)
}

function statistics(out: string[], stats: Statistics | undefined | null, style: Style): void {
  if (!stats) return
  out.push(
    ...table(
      ['Statistic', 'Value'],
      STATISTIC_NAMES.map((name) => [name, String(stats[name])]),
      style
    )
  )
}

function failureReasons(out: string[], reasons: string[], style: Style): void {
  if (reasons.length === 0) return
  out.push(`  ${style.red('Failure reasons:')}`)
  for (const reason of reasons.slice(0, LISTED_VALUES_LIMIT)) out.push(`    • ${safe(reason)}`)
  if (reasons.length > LISTED_VALUES_LIMIT) out.push(`    … (${reasons.length - LISTED_VALUES_LIMIT} more)`)
}

/** `kb-sync status`: one job, as GetIngestionJob tells it. */
export function renderJob(job: JobStatus, style: Style): string {
  const out: string[] = []
  const state = job.running ? style.cyan('running') : statusWord(job.status, style)
  out.push(
    style.bold(`Ingestion job ${safe(job.job_id, 200)}: ${safe(job.status, 200)}`) + (job.running ? ` (${state})` : '')
  )
  const rows: [string, string][] = [
    ['Started', job.started_at ?? 'unknown'],
    ['Updated', job.updated_at ?? 'unknown']
  ]
  if (job.description) rows.push(['Description', safe(job.description, 500)])
  for (const [name, value] of rows) out.push(`  ${style.dim(name.padEnd(12))}${safe(value, 500)}`)
  statistics(out, job.statistics, style)
  failureReasons(out, job.failure_reasons, style)
  return `${out.join('\n')}\n`
}

function statusWord(status: string, style: Style): string {
  const word = safe(status, 200)
  if (status === 'COMPLETE') return style.green(word)
  if (status === 'FAILED' || status === 'STOPPED') return style.red(word)
  return style.cyan(word)
}

function section(out: string[], style: Style, title: string): void {
  out.push('', style.bold(title))
}

function list(out: string[], title: string, items: string[], mark: string): void {
  if (items.length === 0) return
  out.push('', title)
  for (const item of items.slice(0, LISTED_VALUES_LIMIT)) out.push(`  ${mark} ${item}`)
  if (items.length > LISTED_VALUES_LIMIT) out.push(`  … (${items.length - LISTED_VALUES_LIMIT} more)`)
}

/** Columns aligned on the text a person sees: colour codes take no width. */
export function table(header: string[], rows: string[][], style: Style): string[] {
  const width = (text: string): number => [...stripStyle(text)].length
  const widths = header.map((cell, i) => Math.max(width(cell), ...rows.map((row) => width(row[i] ?? ''))))
  const line = (cells: string[]): string =>
    `  ${cells
      .map((cell, i) => (i === cells.length - 1 ? cell : cell + ' '.repeat((widths[i] ?? 0) - width(cell))))
      .join('  ')}`.trimEnd()
  return [style.dim(line(header)), ...rows.map(line)]
}

// eslint-disable-next-line no-control-regex -- our own SGR codes, to measure the text around them
const SGR = /\u001b\[\d+m/g

export function stripStyle(text: string): string {
  return text.replace(SGR, '')
}

/**
 * The job summary (SPEC §5), built from the result alone. core.summary does not escape HTML, so every piece of
 * text that came from AWS, the Lambda or an input goes through escapeHtml first.
 */
import escapeHtml from 'escape-html'
import { truncate } from '../inputs.js'
import { formatStatistics } from '../pipeline/ingestion.js'
import {
  STATISTIC_NAMES,
  syncCountsKnown,
  type JobSnapshot,
  type RunResult,
  type RunStatus
} from '../pipeline/result.js'
import { durationSeconds } from './outputs.js'

/** The parts of @actions/core's Summary this module uses; tests can pass core.summary itself. */
export interface SummaryWriter {
  addHeading(text: string, level?: number | string): SummaryWriter
  addRaw(text: string, addEOL?: boolean): SummaryWriter
  addTable(rows: ({ data: string; header?: boolean } | string)[][]): SummaryWriter
  addList(items: string[], ordered?: boolean): SummaryWriter
  addDetails(label: string, content: string): SummaryWriter
}

/** Keeps one run's summary far below the runner's 1 MiB limit, whatever AWS sends back. */
const MAX_TEXT = 2_000
const MAX_LIST = 20

const ICONS: Record<RunStatus, string> = {
  completed: '✅',
  skipped: '⏭️',
  started: '🚀',
  dry_run: '🧪',
  failed: '❌'
}

export function addResultToSummary(summary: SummaryWriter, result: RunResult): void {
  summary.addHeading(`${ICONS[result.status]} kb-sync: ${result.status.replace('_', ' ')}`, 2)
  summary.addRaw(`<p>${esc(outcomeLine(result))}</p>`, true)
  if (result.knowledgeBaseId) {
    summary.addRaw(
      `<p>Knowledge base <code>${esc(result.knowledgeBaseId)}</code>, data source <code>${esc(result.dataSourceId ?? '')}</code>, function <code>${esc(result.functionName ?? '')}</code>, region <code>${esc(result.region ?? '')}</code></p>`,
      true
    )
  }
  addProblems(summary, result)
  if (result.checks.length > 0) addChecks(summary, result)
  if (!result.dryRun && result.problems.every((p) => p.phase !== 'inputs' && p.phase !== 'credentials')) {
    addSyncPhase(summary, result)
    addIngestionPhase(summary, result)
  }
}

/** The outcome in one line, as a person would say it. */
export function outcomeLine(result: RunResult): string {
  const time = `(${durationSeconds(result)} s)`
  if (result.status === 'failed') {
    const first = result.problems[0]?.message ?? result.ingestion.error ?? 'see below'
    const more = result.problems.length > 1 ? ` (and ${result.problems.length - 1} more problems)` : ''
    return `Failed: ${clip(first, 300)}${more} ${time}`
  }
  if (result.status === 'dry_run') {
    return `Dry run: ${result.checks.filter((c) => c.status === 'ok').length} checks passed, nothing was started or changed ${time}`
  }
  const parts: string[] = []
  const { sync, ingestion } = result
  if (sync.ran && !sync.waited) parts.push(`invoked the sync Lambda asynchronously`)
  else if (sync.ran)
    parts.push(`synced ${sync.synced} incidents in ${sync.invocations} ${plural(sync.invocations, 'batch', 'batches')}`)
  if (ingestion.outcome === 'completed' && ingestion.job) {
    parts.push(`ingestion job ${ingestion.job.jobId} completed (${formatStatistics(ingestion.job.statistics)})`)
  } else if (ingestion.outcome === 'started' && ingestion.job) {
    parts.push(`ingestion job ${ingestion.job.jobId} started, not waited for`)
  } else {
    parts.push(`no ingestion job: ${ingestion.reason}`)
  }
  const line = parts.join('; ')
  return `${line.charAt(0).toUpperCase()}${line.slice(1)} ${time}`
}

function addProblems(summary: SummaryWriter, result: RunResult): void {
  if (result.problems.length > 0) {
    summary.addHeading('Problems', 3)
    summary.addList(result.problems.slice(0, MAX_LIST).map((p) => `<b>${esc(p.phase)}</b>: ${esc(clip(p.message))}`))
  }
  if (result.warnings.length > 0) {
    summary.addHeading('Warnings', 3)
    summary.addList(result.warnings.slice(0, MAX_LIST).map((w) => esc(clip(w))))
  }
}

function addChecks(summary: SummaryWriter, result: RunResult): void {
  const marks = { ok: '✅ ok', failed: '❌ failed', warning: '⚠️ warning', skipped: '⏭️ skipped' }
  summary.addHeading('Dry-run checks', 3)
  summary.addTable([
    [header('Check'), header('Result'), header('Detail')],
    ...result.checks.map((c) => [esc(c.name), marks[c.status], esc(clip(c.detail))])
  ])
}

function addSyncPhase(summary: SummaryWriter, result: RunResult): void {
  const { sync } = result
  summary.addHeading('Sync: DynamoDB → S3', 3)
  if (!sync.ran) {
    summary.addRaw(`<p>Skipped: ${esc(sync.skippedReason ?? 'not run')}.${pendingNote(sync.backlogAfter)}</p>`, true)
    return
  }
  const known = syncCountsKnown(sync)
  const count = (n: number): string => (known ? String(n) : 'unknown (asynchronous)')
  summary.addTable([
    [
      header('Batches'),
      header('Synced'),
      header('Failed'),
      header('Processed'),
      header('Pending before'),
      header('Pending after')
    ],
    [
      String(sync.invocations),
      count(sync.synced),
      count(sync.failed),
      count(sync.processed),
      orUnknown(sync.backlogBefore),
      orUnknown(sync.backlogAfter)
    ]
  ])
  const stop = stopSentence(result)
  if (stop) summary.addRaw(`<p>${esc(stop)}</p>`, true)
  if (sync.failedIds.length > 0) {
    const ids = sync.failedIds
      .slice(0, 50)
      .map((id) => `<code>${esc(id)}</code>`)
      .join(', ')
    summary.addRaw(`<p>Incidents that failed to sync: ${ids}${sync.failedIds.length > 50 ? ', …' : ''}</p>`, true)
  }
  if (sync.error) {
    summary.addRaw(`<p><b>Sync error:</b> ${esc(clip(sync.error.message))}</p>`, true)
    if (sync.error.logTail) {
      summary.addDetails('Lambda log tail', `<pre>${esc(sync.error.logTail.slice(-4096))}</pre>`)
    }
  }
}

function stopSentence(result: RunResult): string | undefined {
  const { sync } = result
  switch (sync.stopReason) {
    case 'drained':
      return sync.workPending
        ? `${sync.backlogAfter} incidents are still pending; the next run retries them.`
        : 'The backlog is drained.'
    case 'max_batches':
      return `Stopped at max_sync_batches (${sync.invocations}) with work still pending${sync.backlogAfter !== null ? ` (${sync.backlogAfter} incidents)` : ''}; the next run continues.`
    case 'no_progress':
      return 'Stopped: the last batch synced nothing while work is still pending.'
    case 'async':
      return 'Invoked with InvocationType=Event: the Lambda runs on its own and its results are not known to this run.'
    case 'error':
      return 'Draining stopped at a sync error; the ingestion phase still ran so that what did sync becomes searchable.'
    default:
      return undefined
  }
}

function addIngestionPhase(summary: SummaryWriter, result: RunResult): void {
  const { ingestion } = result
  summary.addHeading('Ingestion: S3 → Knowledge Base', 3)
  for (const earlier of ingestion.waitedFor) {
    summary.addRaw(
      `<p>Waited for job <code>${esc(earlier.jobId)}</code>, which was already running; it ended ${esc(earlier.status)}.</p>`,
      true
    )
  }
  const verb = ingestion.outcome === 'skipped' ? 'Skipped' : 'Started'
  if (ingestion.reason) summary.addRaw(`<p>${verb}: ${esc(ingestion.reason)}.</p>`, true)
  const job = ingestion.job
  // A job waited for is already told above; the table is for the job this run started (or one it gave up on).
  if (job && !ingestion.waitedFor.some((earlier) => earlier.jobId === job.jobId)) addJob(summary, job)
  if (ingestion.statusChecks > 0) summary.addRaw(`<p>Followed with ${ingestion.statusChecks} status checks.</p>`, true)
  if (ingestion.error) summary.addRaw(`<p><b>Ingestion error:</b> ${esc(clip(ingestion.error))}</p>`, true)
}

function addJob(summary: SummaryWriter, job: JobSnapshot): void {
  const rows = [
    [header('Job'), header('Status')],
    [`<code>${esc(job.jobId)}</code>`, esc(job.status)]
  ]
  summary.addTable(rows)
  if (job.statistics) {
    summary.addTable([
      [header('Statistic'), header('Value')],
      ...STATISTIC_NAMES.map((name) => [`<code>${name}</code>`, String(job.statistics![name])])
    ])
  }
  if (job.failureReasons.length > 0) {
    summary.addHeading('Failure reasons', 4)
    summary.addList(job.failureReasons.slice(0, MAX_LIST).map((r) => esc(clip(r))))
  }
}

function pendingNote(backlog: number | null): string {
  return backlog === null ? '' : ` Pending incidents: ${backlog}.`
}

function orUnknown(n: number | null): string {
  return n === null ? 'unknown' : String(n)
}

function header(data: string): { data: string; header: boolean } {
  return { data, header: true }
}

function plural(n: number, one: string, many: string): string {
  return n === 1 ? one : many
}

function clip(text: string, max = MAX_TEXT): string {
  return truncate(text, max)
}

function esc(text: string): string {
  return escapeHtml(text)
}

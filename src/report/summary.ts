/**
 * The job summary (docs/behaviour.md, "Outputs, job summary, logs"), built from the result alone. core.summary
 * does not escape anything, and every message may carry outside text (AWS errors, the Lambda's answers), so all
 * text from the result goes through summaryText: it can change neither the HTML nor the Markdown around it.
 */
import { followJobCommand, LISTED_VALUES_LIMIT } from '../pipeline/rules.js'
import {
  decidingDirect,
  directStatistics,
  documentFailureText,
  formatStatistics,
  STATISTIC_NAMES,
  type DirectIngestion,
  syncCountsKnown,
  type JobSnapshot,
  type RunResult,
  type RunStatus
} from '../pipeline/result.js'
import { summaryPreformatted, summaryText } from '../text.js'
import { consoleLinks } from './links.js'
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
const MAX_LIST = LISTED_VALUES_LIMIT
const MAX_LOG_TAIL = 4_096

const ICONS: Record<RunStatus, string> = {
  completed: '✅',
  skipped: '⏭️',
  started: '🚀',
  dry_run: '🧪',
  failed: '❌',
  cancelled: '🛑'
}

export function addResultToSummary(summary: SummaryWriter, result: RunResult): void {
  summary.addHeading(`${ICONS[result.status]} kb-sync: ${result.status.replace('_', ' ')}`, 2)
  paragraph(summary, outcomeLine(result))
  if (result.knowledgeBaseId) {
    summary.addRaw(
      `<p>Knowledge base ${code(result.knowledgeBaseId)}, data source ${code(result.dataSourceId ?? '')}, function ${code(result.functionName ?? '')}, region ${code(result.region ?? '')}</p>`,
      true
    )
  }
  if (result.region) addLinks(summary, result.region, result.functionName)
  addLeftRunning(summary, result)
  addProblems(summary, result)
  if (result.checks.length > 0) addChecks(summary, result)
  if (!result.dryRun && result.problems.every((p) => p.phase !== 'inputs' && p.phase !== 'credentials')) {
    addSyncPhase(summary, result)
    addIngestionPhase(summary, result)
  }
}

/** The outcome in one line, as a person would say it. Plain text: the log and the summary each make it safe. */
export function outcomeLine(result: RunResult): string {
  const time = `(${durationSeconds(result)} s)`
  if (result.cancelled) {
    const left = result.ingestion.leftRunning
    const job = left ? `; ingestion job ${left.jobId} was left running (${left.status})` : ''
    const batch =
      result.sync.inFlightBatch !== undefined
        ? `; batch ${result.sync.inFlightBatch} may still be running in the Lambda`
        : ''
    return `Cancelled by ${result.cancelled.signal} during the ${result.cancelled.during.replace('_', ' ')} step${batch}${job} ${time}`
  }
  if (result.status === 'failed') {
    const first = result.problems[0]?.message ?? result.ingestion.error ?? 'see below'
    const more = result.problems.length > 1 ? ` (and ${result.problems.length - 1} more problems)` : ''
    return `Failed: ${first.length > 300 ? `${first.slice(0, 299)}…` : first}${more} ${time}`
  }
  if (result.status === 'dry_run') {
    return `Dry run: ${result.checks.filter((c) => c.status === 'ok').length} checks passed, nothing was started or changed ${time}`
  }
  const parts: string[] = []
  const { sync, ingestion } = result
  if (sync.ran && !sync.waited) parts.push(`invoked the sync Lambda asynchronously`)
  else if (sync.ran) {
    const mirrored =
      sync.updated + sync.removed > 0 ? ` (updated ${sync.updated}, removed ${sync.removed} documents)` : ''
    parts.push(
      `synced ${sync.synced} incidents${mirrored} in ${sync.invocations} ${plural(sync.invocations, 'batch', 'batches')}`
    )
  }
  const d = decidingDirect(ingestion)
  if (d && (ingestion.outcome === 'completed' || ingestion.outcome === 'started')) {
    parts.push(
      ingestion.outcome === 'started'
        ? `sent ${d.indexed.length + d.deleted.length + d.failed.length + d.unfinished.length} documents to the knowledge base directly, not waited for`
        : `ingested documents directly (${d.indexed.length} indexed, ${d.deleted.length} deleted, ${d.failed.length} failed)`
    )
  } else if (ingestion.outcome === 'completed' && ingestion.job) {
    parts.push(`ingestion job ${ingestion.job.jobId} completed (${formatStatistics(ingestion.job.statistics)})`)
  } else if (ingestion.outcome === 'started' && ingestion.job) {
    parts.push(`ingestion job ${ingestion.job.jobId} started, not waited for`)
  } else {
    parts.push(`no ingestion job: ${ingestion.reason}`)
  }
  const line = parts.join('; ')
  return `${line.charAt(0).toUpperCase()}${line.slice(1)} ${time}`
}

function addLinks(summary: SummaryWriter, region: string, functionName: string | undefined): void {
  const links = consoleLinks({ region, functionName }).map(
    (link) => `<a href="${summaryText(link.url, 1_000)}">${summaryText(link.label)}</a>`
  )
  summary.addRaw(`<p>AWS console: ${links.join(' · ')}</p>`, true)
}

/** A job the run stopped waiting for keeps running in Bedrock: say which, and how to follow it. */
function addLeftRunning(summary: SummaryWriter, result: RunResult): void {
  const job = result.ingestion.leftRunning
  if (!job || !result.knowledgeBaseId) return
  const ids = { knowledgeBaseId: result.knowledgeBaseId, dataSourceId: result.dataSourceId ?? '' }
  paragraph(summary, `Ingestion job ${job.jobId} was left running (last seen ${job.status}). Follow it with:`)
  summary.addRaw(`<pre>${summaryPreformatted(followJobCommand(ids, job.jobId))}</pre>`, true)
}

function addProblems(summary: SummaryWriter, result: RunResult): void {
  if (result.problems.length > 0) {
    summary.addHeading('Problems', 3)
    summary.addList(
      result.problems
        .slice(0, MAX_LIST)
        .map((p) => `<b>${summaryText(p.phase)}</b>: ${summaryText(p.message, MAX_TEXT)}`)
    )
  }
  if (result.warnings.length > 0) {
    summary.addHeading('Warnings', 3)
    summary.addList(result.warnings.slice(0, MAX_LIST).map((w) => summaryText(w, MAX_TEXT)))
  }
}

function addChecks(summary: SummaryWriter, result: RunResult): void {
  const marks = { ok: '✅ ok', failed: '❌ failed', warning: '⚠️ warning', skipped: '⏭️ skipped' }
  summary.addHeading('Dry-run checks', 3)
  summary.addTable([
    [header('Check'), header('Result'), header('Detail')],
    ...result.checks.map((c) => [summaryText(c.name), marks[c.status], summaryText(c.detail, MAX_TEXT)])
  ])
}

function addSyncPhase(summary: SummaryWriter, result: RunResult): void {
  const { sync } = result
  summary.addHeading('Sync: DynamoDB → S3', 3)
  if (!sync.ran) {
    paragraph(summary, `Skipped: ${sync.skippedReason ?? 'not run'}.${pendingNote(sync.backlogAfter)}`)
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
      header('Updated'),
      header('Removed'),
      header('Pending before'),
      header('Pending after')
    ],
    [
      String(sync.invocations),
      count(sync.synced),
      count(sync.failed),
      count(sync.processed),
      count(sync.updated),
      count(sync.removed),
      orUnknown(sync.backlogBefore),
      orUnknown(sync.backlogAfter)
    ]
  ])
  const stop = stopSentence(result)
  if (stop) paragraph(summary, stop)
  if (sync.failedIds.length > 0) {
    const ids = sync.failedIds
      .slice(0, MAX_LIST)
      .map((id) => code(id))
      .join(', ')
    const more = sync.failedIds.length > MAX_LIST ? `, … (${sync.failedIds.length - MAX_LIST} more)` : ''
    summary.addRaw(`<p>Incidents that failed to sync: ${ids}${more}</p>`, true)
  }
  if (sync.error) {
    summary.addRaw(`<p><b>Sync error:</b> ${summaryText(sync.error.message, MAX_TEXT)}</p>`, true)
    if (sync.error.logTail !== undefined) addLogTail(summary, result, sync.error.logTail)
  }
}

/** The tail carries incident text: shown only where the summary is not public, or where an input asks for it. */
function addLogTail(summary: SummaryWriter, result: RunResult, tail: string): void {
  if (!result.showLogTail) {
    const group = result.functionName ? ` (log group /aws/lambda/${result.functionName.split(':').at(-1)})` : ''
    paragraph(
      summary,
      `The Lambda's log tail is not shown: it carries incident text and this summary may be public. Read it in CloudWatch Logs${group}, or set lambda_log_tail: always.`
    )
    return
  }
  summary.addDetails('Lambda log tail', `<pre>${summaryPreformatted(tail.slice(-MAX_LOG_TAIL), MAX_LOG_TAIL)}</pre>`)
}

/** Why draining stopped, in a sentence; the terminal front says it the same way. */
export function stopSentence(result: RunResult): string | undefined {
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
    case 'deadline':
      return "Draining stopped: the sync phase's time ran out; the next run continues."
    case 'cancelled':
      return 'Draining stopped: the run was cancelled.'
    default:
      return undefined
  }
}

function addIngestionPhase(summary: SummaryWriter, result: RunResult): void {
  const { ingestion } = result
  summary.addHeading('Ingestion: S3 → Knowledge Base', 3)
  if (ingestion.earlier) {
    paragraph(summary, `${ingestion.earlier.message}.`)
    if (ingestion.earlier.job.statistics) addStatistics(summary, ingestion.earlier.job)
  }
  for (const earlier of ingestion.waitedFor) {
    summary.addRaw(
      `<p>Waited for job ${code(earlier.jobId)}, which was already running; it ended ${summaryText(earlier.status)}.</p>`,
      true
    )
  }
  const verb =
    ingestion.outcome === 'skipped' ? 'Skipped' : ingestion.mode === 'direct' ? 'Ingested directly' : 'Started'
  if (ingestion.reason) paragraph(summary, `${verb}: ${ingestion.reason}.`)
  if (ingestion.fallbackReason && ingestion.direct)
    paragraph(summary, `A full ingestion job after direct ingestion: ${ingestion.fallbackReason}.`)
  else if (ingestion.fallbackReason)
    paragraph(summary, `A full ingestion job instead of direct ingestion: ${ingestion.fallbackReason}.`)
  if (ingestion.direct) addDirect(summary, ingestion.direct)
  const job = ingestion.job
  // A job waited for is already told above; the table is for the job this run started (or one it gave up on).
  if (job && !ingestion.waitedFor.some((earlier) => earlier.jobId === job.jobId)) addJob(summary, job)
  if (ingestion.statusChecks > 0) paragraph(summary, `Followed with ${ingestion.statusChecks} status checks.`)
  if (ingestion.error) summary.addRaw(`<p><b>Ingestion error:</b> ${summaryText(ingestion.error, MAX_TEXT)}</p>`, true)
}

function addDirect(summary: SummaryWriter, direct: DirectIngestion): void {
  summary.addTable([
    [header('Documents'), header('Count')],
    ...Object.entries(directStatistics(direct)).map(([name, value]) => [`<code>${name}</code>`, String(value)]),
    ['still in progress', String(direct.unfinished.length)]
  ])
  if (direct.failed.length > 0) {
    summary.addHeading('Failed documents', 4)
    summary.addList(direct.failed.slice(0, MAX_LIST).map((doc) => summaryText(documentFailureText(doc), MAX_TEXT)))
  }
}

function addJob(summary: SummaryWriter, job: JobSnapshot): void {
  summary.addTable([
    [header('Job'), header('Status')],
    [code(job.jobId), summaryText(job.status)]
  ])
  addStatistics(summary, job)
  if (job.failureReasons.length > 0) {
    summary.addHeading('Failure reasons', 4)
    summary.addList(job.failureReasons.slice(0, MAX_LIST).map((r) => summaryText(r, MAX_TEXT)))
  }
}

function addStatistics(summary: SummaryWriter, job: JobSnapshot): void {
  if (!job.statistics) return
  summary.addTable([
    [header('Statistic'), header('Value')],
    ...STATISTIC_NAMES.map((name) => [`<code>${name}</code>`, String(job.statistics![name])])
  ])
}

function paragraph(summary: SummaryWriter, text: string): void {
  summary.addRaw(`<p>${summaryText(text, MAX_TEXT)}</p>`, true)
}

function code(text: string): string {
  return `<code>${summaryText(text, 200)}</code>`
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

/**
 * The ingestion phase (docs/behaviour.md, "The ingestion phase" and "Direct ingestion"): decide whether ingestion
 * is needed and how — a full job, or the changed documents directly — wait out a job that is already running,
 * then start ours idempotently (or send the documents) and follow it to the end, all within one deadline for the
 * whole phase, which every call and every wait obeys.
 */
import { createHash } from 'node:crypto'
import type { AwsClients } from '../aws/clients.js'
import { ingestionPhaseBudgetMs } from '../budget.js'
import { startDeadline } from '../deadline.js'
import { MAX_DESCRIPTION_LENGTH, type Config, type RunInfo } from '../inputs.js'
import { listSome, truncate } from '../text.js'
import type { PhaseContext } from './context.js'
import { DIRECT_MAX_DOCUMENTS, Documents } from './documents.js'
import { Jobs, snapshotOf } from './jobs.js'
import {
  documentFailureText,
  emptyIngestionPhase,
  formatStatistics,
  type DirectIngestion,
  type EarlierJob,
  type IngestionOutcome,
  type IngestionPhase,
  type JobSnapshot,
  type SyncPhase
} from './result.js'
import { ACTIVE_STATUSES, LISTED_VALUES_LIMIT, NOT_WAITED_MARK, TERMINAL_STATUSES } from './rules.js'

export { normalizeStatistics } from './jobs.js'

type IngestionSettings = Pick<
  Config,
  | 'knowledgeBaseId'
  | 'dataSourceId'
  | 'region'
  | 'ingestion'
  | 'waitForIngestion'
  | 'ingestionTimeoutMs'
  | 'pollIntervalMs'
  | 'failOnDocumentFailures'
  | 'description'
>

export async function runIngestionPhase(
  config: IngestionSettings,
  sync: SyncPhase,
  clients: Pick<AwsClients, 'bedrock'>,
  run: RunInfo,
  ctx: PhaseContext
): Promise<IngestionPhase> {
  if (config.ingestion === 'never') return emptyIngestionPhase('ingestion: never')
  const bedrock = await clients.bedrock()
  const deadline = startDeadline(
    ctx.clock,
    ingestionPhaseBudgetMs(config),
    ctx.cancel,
    `ingestion_timeout_minutes = ${config.ingestionTimeoutMs / 60_000}`
  )
  const jobs = new Jobs(config, bedrock, ctx, deadline)
  const token = clientToken(config, run, ctx.clock.now())
  let documents: Documents | undefined
  let base: Pick<IngestionPhase, 'reason' | 'mode' | 'fallbackReason' | 'earlier'> = { reason: '', mode: 'job' }
  const phase = (outcome: IngestionOutcome, job: JobSnapshot | undefined): IngestionPhase => ({
    ...base,
    outcome,
    job,
    waitedFor: [...jobs.waitedFor],
    statusChecks: jobs.statusChecks + (documents?.statusChecks ?? 0),
    ...(documents ? { direct: documents.result() } : {})
  })
  try {
    const recent = await jobs.listRecent()
    let newest: JobSnapshot | undefined = recent[0] && snapshotOf(recent[0])
    const running = recent.find((job) => ACTIVE_STATUSES.has(job.status ?? ''))
    if (running) newest = await jobs.waitForRunning(snapshotOf(running))
    // The job is told only when this run waited for it; a finished job it merely read is not this run's.
    const waitedJob = running ? newest : undefined
    const earlier = await learnEarlier(recent[0]?.description, newest, jobs, config)
    if (earlier) {
      base = { ...base, earlier }
      if (earlier.verdict === 'warning') ctx.warn(earlier.message)
      else ctx.logger.info(earlier.message)
    }

    const decision = decide(config.ingestion, sync, newest, config.waitForIngestion)
    base = {
      ...base,
      reason: decision.reason,
      mode: decision.mode,
      ...(decision.fallback ? { fallbackReason: decision.fallback } : {})
    }
    if (decision.fallback) ctx.logger.info(`A full ingestion job instead of direct ingestion: ${decision.fallback}`)
    if (!decision.start) {
      ctx.logger.info(`No ingestion needed: ${decision.reason}`)
      return phase('skipped', waitedJob)
    }

    if (decision.mode === 'direct') {
      ctx.logger.info(`Ingesting the changed documents directly: ${decision.reason}`)
      documents = new Documents(config, bedrock, jobs, ctx, deadline, token)
      await documents.submit(sync.documents!)
      if (!config.waitForIngestion) return phase('started', waitedJob)
      await documents.follow()
      const direct = documents.result()
      if (direct.failed.length === 0) return phase('completed', waitedJob)
      // Bedrock keeps nothing about a failed direct document that a later run could read, so a full job takes the
      // failed documents now. If they fail again, that job's failed count makes later runs heal as after any job.
      ctx.warn(`${directFailure(direct)}. A full ingestion job retries them.`)
      base = {
        ...base,
        mode: 'job',
        fallbackReason: `${direct.failed.length} documents failed in direct ingestion, so a full job retried them`
      }
      ctx.logger.info('Starting an ingestion job to retry the failed documents')
    } else {
      ctx.logger.info(`Starting an ingestion job: ${decision.reason}`)
    }

    // A job nobody waits for is marked, so the next run knows to report how it ended.
    const description = config.waitForIngestion
      ? config.description
      : `${truncate(config.description, MAX_DESCRIPTION_LENGTH - NOT_WAITED_MARK.length)}${NOT_WAITED_MARK}`
    const started = await jobs.start(token, description)
    ctx.logger.info(`Ingestion job ${started.jobId} accepted (${started.status})`)
    if (!config.waitForIngestion) return phase('started', started)

    const final = await jobs.follow(started, 'started by this run')
    return judge(final, config, ctx, phase('completed', final))
  } catch (error) {
    const stop = jobs.stopFor(error)
    const followed = jobs.following?.job
    const left = followed && !TERMINAL_STATUSES.has(followed.status) ? followed : undefined
    return {
      ...phase(stop.kind, followed),
      ...(left ? { leftRunning: left } : {}),
      ...(stop.kind === 'failed' ? { error: stop.message } : {})
    }
  }
}

export interface Decision {
  start: boolean
  /** Why, in words that go to the log and the summary. */
  reason: string
  mode: 'job' | 'direct'
  /** Why a full job is used where direct ingestion was wanted. */
  fallback?: string
}

/** Whether ingestion is needed, by a full job or directly, and why. */
export function decide(
  mode: Config['ingestion'],
  sync: SyncPhase,
  newest: JobSnapshot | undefined,
  waiting = true
): Decision {
  if (mode === 'always') return { start: true, reason: 'ingestion: always', mode: 'job' }
  const need = needed(sync, newest)
  if (!need.start || mode === 'never') return { ...need, mode: 'job' }
  if (mode === 'auto' && !waiting) {
    // Documents sent and not followed leave no trace a later run can read; a job does.
    return { ...need, mode: 'job', fallback: 'not waiting for ingestion: the next run reports how a job ended' }
  }
  const blocker = directBlocker(sync, newest)
  return blocker ? { ...need, mode: 'job', fallback: blocker } : { ...need, mode: 'direct' }
}

/** The rules of ingestion: auto — something changed, or the last job did not end cleanly. */
function needed(sync: SyncPhase, newest: JobSnapshot | undefined): { start: boolean; reason: string } {
  if (!sync.ran) return { start: true, reason: 'the sync phase was off, so changes in S3 are unknown' }
  if (!sync.waited) return { start: true, reason: 'the sync ran asynchronously, so its results are unknown' }
  if (sync.error || sync.inFlightBatch !== undefined) {
    // A batch that failed or was cut off may have changed documents it never counted.
    return { start: true, reason: 'a batch failed or was cut off, so what it changed in S3 is unknown' }
  }
  if (sync.synced > 0) return { start: true, reason: `this run synced ${sync.synced} incidents` }
  if (sync.updated + sync.removed > 0) {
    return {
      start: true,
      reason: `this run updated ${sync.updated} and removed ${sync.removed} documents of changed incidents`
    }
  }
  if (!newest) return { start: true, reason: 'the data source has never been ingested' }
  if (newest.status !== 'COMPLETE') {
    return { start: true, reason: `the last ingestion job (${newest.jobId}) ended ${newest.status}; healing it` }
  }
  const failed = newest.statistics?.numberOfDocumentsFailed ?? 0
  if (failed > 0) {
    return {
      start: true,
      reason: `the last ingestion job (${newest.jobId}) had ${failed} failed documents; healing it`
    }
  }
  return {
    start: false,
    reason: `nothing new was synced and the last ingestion job (${newest.jobId}) completed cleanly`
  }
}

/**
 * How the job an earlier run started without waiting ended, when the newest job is such a job (its description
 * carries the mark); undefined otherwise. A job that ended badly fails this run, as it would have failed that one.
 */
async function learnEarlier(
  description: string | undefined,
  newest: JobSnapshot | undefined,
  jobs: Jobs,
  config: IngestionSettings
): Promise<EarlierJob | undefined> {
  if (!description?.endsWith(NOT_WAITED_MARK) || !newest || !TERMINAL_STATUSES.has(newest.status)) return undefined
  // A listing has no failure reasons; the job itself does.
  const job = newest.status === 'COMPLETE' ? newest : await jobs.snapshot(newest.jobId)
  const which = `The ingestion job an earlier run started without waiting for it (${job.jobId})`
  const failedDocs = job.statistics?.numberOfDocumentsFailed ?? 0
  if (job.status === 'COMPLETE' && failedDocs === 0) {
    return { job, verdict: 'ok', message: `${which} completed (${formatStatistics(job.statistics)})` }
  }
  if (job.status === 'COMPLETE') {
    const message = `${which} completed, but ${failedDocs} documents failed to ingest${reasons(job)}`
    return config.failOnDocumentFailures
      ? {
          job,
          verdict: 'failed',
          message: `${message}. Set fail_on_document_failures: false to accept this as a warning.`
        }
      : { job, verdict: 'warning', message }
  }
  return { job, verdict: 'failed', message: `${which} ended ${job.status}${reasons(job)}` }
}

/** Why direct ingestion cannot be trusted with this run's changes; undefined when it can. */
function directBlocker(sync: SyncPhase, newest: JobSnapshot | undefined): string | undefined {
  const changes = sync.documents
  if (!changes) {
    if (!sync.ran || !sync.waited) return 'the changed documents are unknown (the sync was off or not waited for)'
    if (sync.error || sync.stopReason === 'cancelled' || sync.stopReason === 'deadline')
      return 'a batch failed or was cut off, so it may have written documents it did not list'
    return 'the Lambda does not list the documents it writes (synced_documents, removed_documents)'
  }
  // Each incident synced or updated writes a document: shorter lists than the counts leave changes unsent.
  const counted = sync.synced + sync.updated + sync.removed
  if (changes.written.length < sync.synced + sync.updated || changes.removed.length < sync.removed) {
    return `the Lambda listed ${changes.written.length + changes.removed.length} changed documents but counted ${counted}, so its lists are incomplete`
  }
  const count = changes.written.length + changes.removed.length
  if (count > DIRECT_MAX_DOCUMENTS) {
    return `${count} documents changed, more than direct ingestion takes (${DIRECT_MAX_DOCUMENTS}); one scan is cheaper`
  }
  if (!newest) return 'the data source has never had a full ingestion job'
  if (newest.status !== 'COMPLETE' || (newest.statistics?.numberOfDocumentsFailed ?? 0) > 0) {
    return `the last full job (${newest.jobId}) did not end cleanly; a full job heals it`
  }
  return undefined
}

/** The documents a direct ingestion failed, each with Bedrock's reason. */
function directFailure(outcome: DirectIngestion): string {
  const reasons = outcome.failed.map(documentFailureText)
  return `Direct ingestion: ${outcome.failed.length} documents failed: ${listSome(reasons, LISTED_VALUES_LIMIT)}`
}

/** Failed documents fail the phase, or only warn with fail_on_document_failures: false. */
function documentsFailed(
  message: string,
  config: IngestionSettings,
  ctx: PhaseContext,
  phase: IngestionPhase
): IngestionPhase {
  if (!config.failOnDocumentFailures) {
    ctx.warn(message)
    return phase
  }
  return {
    ...phase,
    outcome: 'failed',
    error: `${message}. Set fail_on_document_failures: false to accept this as a warning.`
  }
}

/**
 * A clientToken that is the same for every retry of this step's request and different for every other run,
 * attempt, step, knowledge base and data source: letters, digits and single hyphens, 71 characters.
 * Outside a GitHub run there is no run id to pin it to, so the time makes each local run its own.
 */
export function clientToken(
  config: Pick<Config, 'knowledgeBaseId' | 'dataSourceId'>,
  run: RunInfo,
  now: number
): string {
  const parts = [
    run.repository,
    run.runId || `local-${now}`,
    run.runAttempt,
    run.job,
    run.action,
    config.knowledgeBaseId,
    config.dataSourceId
  ]
  return `kbsync-${createHash('sha256').update(parts.join('\n')).digest('hex')}`
}

/** How a finished job ends the phase: COMPLETE (checked for failed documents), FAILED or STOPPED. */
function judge(job: JobSnapshot, config: IngestionSettings, ctx: PhaseContext, phase: IngestionPhase): IngestionPhase {
  const failedDocs = job.statistics?.numberOfDocumentsFailed ?? 0
  if (job.status === 'COMPLETE') {
    if (failedDocs === 0) return phase
    return documentsFailed(
      `Ingestion job ${job.jobId} completed, but ${failedDocs} documents failed to ingest${reasons(job)}`,
      config,
      ctx,
      phase
    )
  }
  if (job.status === 'FAILED')
    return { ...phase, outcome: 'failed', error: `Ingestion job ${job.jobId} FAILED${reasons(job)}` }
  return {
    ...phase,
    outcome: 'failed',
    error: `Ingestion job ${job.jobId} ended ${job.status} before it finished${reasons(job)}`
  }
}

function reasons(job: JobSnapshot): string {
  return job.failureReasons.length > 0 ? `: ${job.failureReasons.join('; ')}` : ''
}

/**
 * The ingestion phase (SPEC §4): decide whether a job is needed, wait out a job that is already running, start
 * ours idempotently, and follow it to a terminal state within one deadline for the whole phase.
 */
import { createHash } from 'node:crypto'
import {
  GetIngestionJobCommand,
  ListIngestionJobsCommand,
  StartIngestionJobCommand,
  type BedrockAgentClient,
  type IngestionJob,
  type IngestionJobStatistics,
  type IngestionJobSummary
} from '@aws-sdk/client-bedrock-agent'
import { describeAwsError, errorName, isConflict, isThrottling, isTransient } from '../aws/errors.js'
import type { Config, RunInfo } from '../inputs.js'
import type { PhaseContext } from './context.js'
import { pollDelay, retryDelay } from './backoff.js'
import {
  emptyIngestionPhase,
  STATISTIC_NAMES,
  type IngestionPhase,
  type JobSnapshot,
  type Statistics,
  type SyncPhase
} from './result.js'

export const ACTIVE_STATUSES = new Set(['STARTING', 'IN_PROGRESS', 'STOPPING'])
const TERMINAL_STATUSES = new Set(['COMPLETE', 'FAILED', 'STOPPED'])
/** StartIngestionJob allows about one call per 10 s per account: throttled starts back off up to that long. */
const START_THROTTLE_MAX_WAIT_MS = 10_000

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
  bedrock: BedrockAgentClient,
  run: RunInfo,
  ctx: PhaseContext
): Promise<IngestionPhase> {
  const phase = emptyIngestionPhase('')
  if (config.ingestion === 'never') {
    phase.reason = 'ingestion: never'
    return phase
  }
  const jobs = new JobTracker(config, bedrock, phase, ctx, ctx.clock.now() + config.ingestionTimeoutMs)

  try {
    const recent = await jobs.listRecent()
    let newest: JobSnapshot | undefined = recent[0] && snapshotOf(recent[0])
    const running = recent.find((job) => ACTIVE_STATUSES.has(job.status ?? ''))
    if (running?.ingestionJobId) {
      newest = await jobs.waitForRunning(running.ingestionJobId, running.status ?? 'IN_PROGRESS')
      if (!newest) return phase
    }

    const decision = decide(config.ingestion, sync, newest)
    phase.reason = decision.reason
    if (!decision.start) {
      ctx.logger.info(`No ingestion job needed: ${decision.reason}`)
      return phase
    }
    ctx.logger.info(`Starting an ingestion job: ${decision.reason}`)

    const started = await jobs.start(clientToken(config, run, ctx.clock.now()))
    if (!started) return phase
    phase.job = started
    ctx.logger.info(`Ingestion job ${started.jobId} accepted (${started.status})`)
    if (!config.waitForIngestion) {
      phase.outcome = 'started'
      return phase
    }

    const final = await jobs.follow(started)
    if (!final) return phase
    phase.job = final
    judge(final, config, phase, ctx)
  } catch (error) {
    phase.outcome = 'failed'
    phase.error = error instanceof PhaseError ? error.message : String(error)
  }
  return phase
}

/** Whether a job is needed, and why, in words that go to the log and the summary. */
export function decide(
  mode: Config['ingestion'],
  sync: SyncPhase,
  newest: JobSnapshot | undefined
): { start: boolean; reason: string } {
  if (mode === 'always') return { start: true, reason: 'ingestion: always' }
  if (!sync.ran) return { start: true, reason: 'the sync phase was off, so changes in S3 are unknown' }
  if (!sync.waited) return { start: true, reason: 'the sync ran asynchronously, so its results are unknown' }
  if (sync.synced > 0) return { start: true, reason: `this run synced ${sync.synced} incidents` }
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

export function normalizeStatistics(stats: IngestionJobStatistics | undefined): Statistics | undefined {
  if (!stats) return undefined
  const out = {} as Statistics
  for (const name of STATISTIC_NAMES) out[name] = Number(stats[name] ?? 0)
  return out
}

export function formatStatistics(stats: Statistics | undefined): string {
  if (!stats) return 'no statistics yet'
  return [
    `scanned ${stats.numberOfDocumentsScanned}`,
    `metadata scanned ${stats.numberOfMetadataDocumentsScanned}`,
    `new ${stats.numberOfNewDocumentsIndexed}`,
    `modified ${stats.numberOfModifiedDocumentsIndexed}`,
    `metadata modified ${stats.numberOfMetadataDocumentsModified}`,
    `deleted ${stats.numberOfDocumentsDeleted}`,
    `failed ${stats.numberOfDocumentsFailed}`
  ].join(', ')
}

function snapshotOf(job: IngestionJob | IngestionJobSummary): JobSnapshot {
  return {
    jobId: job.ingestionJobId ?? '',
    status: job.status ?? 'UNKNOWN',
    statistics: normalizeStatistics(job.statistics),
    failureReasons: 'failureReasons' in job && job.failureReasons ? job.failureReasons : []
  }
}

function judge(job: JobSnapshot, config: IngestionSettings, phase: IngestionPhase, ctx: PhaseContext): void {
  const failedDocs = job.statistics?.numberOfDocumentsFailed ?? 0
  if (job.status === 'COMPLETE') {
    phase.outcome = 'completed'
    if (failedDocs > 0) {
      const message = `Ingestion job ${job.jobId} completed, but ${failedDocs} documents failed to ingest${reasons(job)}`
      if (config.failOnDocumentFailures) {
        phase.outcome = 'failed'
        phase.error = `${message}. Set fail_on_document_failures: false to accept this as a warning.`
      } else {
        ctx.warn(message)
      }
    }
  } else if (job.status === 'FAILED') {
    phase.outcome = 'failed'
    phase.error = `Ingestion job ${job.jobId} FAILED${reasons(job)}`
  } else {
    phase.outcome = 'failed'
    phase.error = `Ingestion job ${job.jobId} ended ${job.status} before it finished${reasons(job)}`
  }
}

function reasons(job: JobSnapshot): string {
  return job.failureReasons.length > 0 ? `: ${job.failureReasons.join('; ')}` : ''
}

class PhaseError extends Error {}

function time(date: Date | undefined): number {
  return date?.getTime() ?? 0
}

/** The Bedrock calls of one phase, all bounded by the phase's single deadline. */
class JobTracker {
  constructor(
    private readonly config: IngestionSettings,
    private readonly bedrock: BedrockAgentClient,
    private readonly phase: IngestionPhase,
    private readonly ctx: PhaseContext,
    private readonly deadline: number
  ) {}

  private get ids() {
    return { knowledgeBaseId: this.config.knowledgeBaseId, dataSourceId: this.config.dataSourceId }
  }

  private get target(): string {
    return `knowledge base ${this.config.knowledgeBaseId} data source ${this.config.dataSourceId}`
  }

  async listRecent(): Promise<IngestionJobSummary[]> {
    for (let attempt = 0; ; attempt++) {
      try {
        const answer = await this.bedrock.send(
          new ListIngestionJobsCommand({
            ...this.ids,
            sortBy: { attribute: 'STARTED_AT', order: 'DESCENDING' },
            maxResults: 10
          })
        )
        // Newest first, whatever order the service chose to answer in.
        return (answer.ingestionJobSummaries ?? []).sort((a, b) => time(b.startedAt) - time(a.startedAt))
      } catch (error) {
        await this.retryOrThrow(error, attempt, 'bedrock:ListIngestionJobs', this.target)
      }
    }
  }

  /** Waits for a job this run did not start; returns its final snapshot, or undefined after a failure. */
  async waitForRunning(jobId: string, status: string): Promise<JobSnapshot | undefined> {
    this.ctx.logger.info(
      `Ingestion job ${jobId} is ${status}; Bedrock runs one job per data source, so waiting for it to end first`
    )
    const final = await this.follow({ jobId, status, statistics: undefined, failureReasons: [] }, 'already running')
    if (!final) return undefined
    this.phase.waitedFor.push(final)
    this.phase.job = final
    this.ctx.logger.info(`Ingestion job ${jobId}, which was already running, ended ${final.status}`)
    return final
  }

  /**
   * Starts our job. A conflict means another job is running: wait for it, then try again, since files that
   * landed after its scan began would otherwise be missed. Throttling waits out the API's rate limit.
   */
  async start(token: string): Promise<JobSnapshot | undefined> {
    for (let attempt = 0; ; attempt++) {
      try {
        const answer = await this.bedrock.send(
          new StartIngestionJobCommand({ ...this.ids, clientToken: token, description: this.config.description })
        )
        if (!answer.ingestionJob?.ingestionJobId) throw new PhaseError('StartIngestionJob answered without a job id')
        return snapshotOf(answer.ingestionJob)
      } catch (error) {
        if (error instanceof PhaseError) throw error
        if (isConflict(error)) {
          this.ctx.logger.info(`StartIngestionJob: another job is running (${errorName(error)}); waiting for it`)
          const running = (await this.listRecent()).find((job) => ACTIVE_STATUSES.has(job.status ?? ''))
          if (running?.ingestionJobId) {
            const final = await this.waitForRunning(running.ingestionJobId, running.status ?? 'IN_PROGRESS')
            if (!final) return undefined
          } else {
            await this.pause(
              retryDelay(attempt, () => this.ctx.clock.random()),
              'bedrock:StartIngestionJob',
              error
            )
          }
          continue
        }
        if (isThrottling(error)) {
          const wait = Math.min(
            START_THROTTLE_MAX_WAIT_MS,
            retryDelay(attempt + 1, () => this.ctx.clock.random())
          )
          this.ctx.logger.info(`StartIngestionJob was throttled; trying again in ${(wait / 1000).toFixed(1)}s`)
          await this.pause(wait, 'bedrock:StartIngestionJob', error)
          continue
        }
        await this.retryOrThrow(error, attempt, 'bedrock:StartIngestionJob', this.target)
      }
    }
  }

  /**
   * Polls a job until it ends: the first check within 2 s, backing off to poll_interval_seconds with jitter.
   * Returns undefined (with the phase failed) when the deadline passes first; the job is left running.
   */
  async follow(job: JobSnapshot, role = 'started by this run'): Promise<JobSnapshot | undefined> {
    const startedAt = this.ctx.clock.now()
    let current = job
    for (let check = 0; !TERMINAL_STATUSES.has(current.status); check++) {
      const left = this.deadline - this.ctx.clock.now()
      if (left <= 0) {
        this.phase.outcome = 'failed'
        this.phase.job = current
        this.phase.error = `Timed out after ingestion_timeout_minutes = ${this.config.ingestionTimeoutMs / 60_000}: ingestion job ${current.jobId} (${role}) is still ${current.status}. The job was left running; see it with: aws bedrock-agent get-ingestion-job --knowledge-base-id ${this.config.knowledgeBaseId} --data-source-id ${this.config.dataSourceId} --ingestion-job-id ${current.jobId}`
        return undefined
      }
      await this.ctx.clock.sleep(
        Math.min(
          pollDelay(check, this.config.pollIntervalMs, () => this.ctx.clock.random()),
          left
        )
      )
      try {
        const answer = await this.bedrock.send(
          new GetIngestionJobCommand({ ...this.ids, ingestionJobId: current.jobId })
        )
        this.phase.statusChecks++
        if (answer.ingestionJob) current = snapshotOf(answer.ingestionJob)
        const elapsed = ((this.ctx.clock.now() - startedAt) / 1000).toFixed(1)
        this.ctx.logger.info(
          `Job ${current.jobId}: ${current.status} after ${elapsed}s (${formatStatistics(current.statistics)})`
        )
      } catch (error) {
        if (!isTransient(error)) {
          throw new PhaseError(
            describeAwsError(error, {
              iamAction: 'bedrock:GetIngestionJob',
              target: `ingestion job ${current.jobId} of ${this.target}`,
              region: this.config.region
            })
          )
        }
        this.ctx.logger.info(`Status check of job ${current.jobId} failed (${errorName(error)}); checking again`)
      }
    }
    return current
  }

  /** Retries transient failures with backoff until the deadline; anything else ends the phase. */
  private async retryOrThrow(error: unknown, attempt: number, iamAction: string, target: string): Promise<void> {
    if (!isTransient(error)) {
      throw new PhaseError(describeAwsError(error, { iamAction, target, region: this.config.region }))
    }
    this.ctx.logger.info(`${iamAction} failed (${errorName(error)}); retrying`)
    await this.pause(
      retryDelay(attempt, () => this.ctx.clock.random()),
      iamAction,
      error
    )
  }

  /** Waits before another try; when the deadline comes first, the last try is made at the deadline. */
  private async pause(ms: number, iamAction: string, cause: unknown): Promise<void> {
    const left = this.deadline - this.ctx.clock.now()
    if (left <= 0) {
      const why = describeAwsError(cause, { iamAction, target: this.target, region: this.config.region })
      throw new PhaseError(
        `Gave up after ingestion_timeout_minutes = ${this.config.ingestionTimeoutMs / 60_000}: ${why}`
      )
    }
    await this.ctx.clock.sleep(Math.min(ms, left))
  }
}

/**
 * The ingestion phase (docs/behaviour.md, "The ingestion phase"): decide whether a job is needed, wait out a job
 * that is already running, start ours idempotently, and follow it to a terminal state — all within one deadline
 * for the whole phase, which every call and every wait obeys.
 */
import { createHash } from 'node:crypto'
import {
  GetIngestionJobCommand,
  ListIngestionJobsCommand,
  type GetIngestionJobCommandOutput,
  StartIngestionJobCommand,
  type BedrockAgentClient,
  type IngestionJob,
  type IngestionJobStatistics,
  type IngestionJobSummary
} from '@aws-sdk/client-bedrock-agent'
import { describeAwsError, errorName, isConflict, isQuotaExceeded, isThrottling, isTransient } from '../aws/errors.js'
import { ingestionPhaseBudgetMs } from '../budget.js'
import { startDeadline, stopCause, type Deadline } from '../deadline.js'
import type { Config, RunInfo } from '../inputs.js'
import type { PhaseContext } from './context.js'
import { pollDelay, retryDelay } from './backoff.js'
import {
  emptyIngestionPhase,
  formatStatistics,
  STATISTIC_NAMES,
  type IngestionOutcome,
  type IngestionPhase,
  type JobSnapshot,
  type Statistics,
  type SyncPhase
} from './result.js'
import { ACTIVE_STATUSES, followJobCommand, listJobsCommand, TERMINAL_STATUSES } from './rules.js'

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
  if (config.ingestion === 'never') return emptyIngestionPhase('ingestion: never')
  const deadline = startDeadline(
    ctx.clock,
    ingestionPhaseBudgetMs(config),
    ctx.cancel,
    `ingestion_timeout_minutes = ${config.ingestionTimeoutMs / 60_000}`
  )
  const jobs = new Jobs(config, bedrock, ctx, deadline)
  let reason = ''
  try {
    const recent = await jobs.listRecent()
    let newest: JobSnapshot | undefined = recent[0] && snapshotOf(recent[0])
    const running = recent.find((job) => ACTIVE_STATUSES.has(job.status ?? ''))
    if (running) newest = await jobs.waitForRunning(snapshotOf(running))

    const decision = decide(config.ingestion, sync, newest)
    reason = decision.reason
    if (!decision.start) {
      ctx.logger.info(`No ingestion job needed: ${reason}`)
      // The job is told only when this run waited for it; a finished job it merely read is not this run's.
      return jobs.phase('skipped', reason, running ? newest : undefined)
    }
    ctx.logger.info(`Starting an ingestion job: ${reason}`)

    const started = await jobs.start(clientToken(config, run, ctx.clock.now()))
    ctx.logger.info(`Ingestion job ${started.jobId} accepted (${started.status})`)
    if (!config.waitForIngestion) return jobs.phase('started', reason, started)

    const final = await jobs.follow(started, 'started by this run')
    return judge(final, config, ctx, jobs.phase('completed', reason, final))
  } catch (error) {
    return jobs.stopped(error, reason)
  }
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

function snapshotOf(job: IngestionJob | IngestionJobSummary): JobSnapshot {
  return {
    jobId: job.ingestionJobId ?? '',
    status: job.status ?? 'UNKNOWN',
    statistics: normalizeStatistics(job.statistics),
    failureReasons: 'failureReasons' in job && job.failureReasons ? job.failureReasons : []
  }
}

/** How a finished job ends the phase: COMPLETE (checked for failed documents), FAILED or STOPPED. */
function judge(job: JobSnapshot, config: IngestionSettings, ctx: PhaseContext, phase: IngestionPhase): IngestionPhase {
  const failedDocs = job.statistics?.numberOfDocumentsFailed ?? 0
  if (job.status === 'COMPLETE') {
    if (failedDocs === 0) return phase
    const message = `Ingestion job ${job.jobId} completed, but ${failedDocs} documents failed to ingest${reasons(job)}`
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

/** Why the phase ended early: a failed call, its deadline, or the run being cancelled. */
class IngestionStop extends Error {
  constructor(
    readonly kind: 'failed' | 'cancelled',
    message: string
  ) {
    super(message)
  }
}

function time(date: Date | undefined): number {
  return date?.getTime() ?? 0
}

/**
 * The Bedrock calls of one phase. Every method returns what it was asked for or throws an IngestionStop; the
 * phase's counts (status checks, jobs waited for, the job being followed) live here and nowhere else.
 */
class Jobs {
  private statusChecks = 0
  private readonly waitedFor: JobSnapshot[] = []
  /** The job whose status is being followed, and the newest snapshot of it. */
  private following: { job: JobSnapshot; role: string } | undefined
  /** The newest failure a retry is working through, for the message when time runs out. */
  private lastError: { error: unknown; iamAction: string } | undefined
  /** The call waiting for its answer, for the message when time runs out meanwhile. */
  private waitingFor: string | undefined

  constructor(
    private readonly config: IngestionSettings,
    private readonly bedrock: BedrockAgentClient,
    private readonly ctx: PhaseContext,
    private readonly deadline: Deadline
  ) {}

  private get ids() {
    return { knowledgeBaseId: this.config.knowledgeBaseId, dataSourceId: this.config.dataSourceId }
  }

  private get target(): string {
    return `knowledge base ${this.config.knowledgeBaseId} data source ${this.config.dataSourceId}`
  }

  phase(outcome: IngestionOutcome, reason: string, job: JobSnapshot | undefined): IngestionPhase {
    return { outcome, reason, job, waitedFor: [...this.waitedFor], statusChecks: this.statusChecks }
  }

  /** The phase that a stop (failed call, deadline, cancellation) leaves behind. */
  stopped(error: unknown, reason: string): IngestionPhase {
    const followed = this.following?.job
    const stop = error instanceof IngestionStop ? error : this.stopFor(error)
    const phase = this.phase(stop.kind, reason, followed)
    const running = followed && !TERMINAL_STATUSES.has(followed.status) ? followed : undefined
    return {
      ...phase,
      ...(running ? { leftRunning: running } : {}),
      ...(stop.kind === 'failed' ? { error: stop.message } : {})
    }
  }

  /** Turns what a call threw into a stop: the deadline or a cancel when the signal says so, else a bug. */
  private stopFor(error: unknown): IngestionStop {
    const cause = stopCause(this.deadline.signal)
    if (cause?.name === 'Cancelled') return new IngestionStop('cancelled', cause.message)
    if (cause) {
      const followed = this.following
      if (followed) {
        return new IngestionStop(
          'failed',
          `Timed out after ${this.deadline.limit}: ingestion job ${followed.job.jobId} (${followed.role}) is still ${followed.job.status}. The job was left running; see it with: ${followJobCommand(this.ids, followed.job.jobId)}`
        )
      }
      if (this.waitingFor) {
        // A start whose answer never came may have been executed: a job can be running that this run never saw.
        const started =
          this.waitingFor === 'bedrock:StartIngestionJob'
            ? ` A job may have started anyway; see the data source's jobs with: ${listJobsCommand(this.ids)}`
            : ''
        return new IngestionStop(
          'failed',
          `Timed out after ${this.deadline.limit} waiting for ${this.waitingFor} on ${this.target} to answer.${started}`
        )
      }
      const last = this.lastError
        ? `: ${describeAwsError(this.lastError.error, { iamAction: this.lastError.iamAction, target: this.target, region: this.config.region })}`
        : ''
      return new IngestionStop('failed', `Gave up after ${this.deadline.limit}${last}`)
    }
    return new IngestionStop('failed', `Unexpected ${errorName(error)} in the ingestion phase: ${String(error)}`)
  }

  private async send<T>(iamAction: string, call: () => Promise<T>): Promise<T> {
    if (this.deadline.signal.aborted) throw this.stopFor(this.deadline.signal.reason)
    this.waitingFor = iamAction
    try {
      return await call()
    } catch (error) {
      if (this.deadline.signal.aborted) throw this.stopFor(error)
      throw error
    } finally {
      this.waitingFor = undefined
    }
  }

  private async sleep(ms: number): Promise<void> {
    try {
      await this.ctx.clock.sleep(ms, this.deadline.signal)
    } catch (error) {
      throw this.stopFor(error)
    }
  }

  /** Retries transient failures with backoff while time is left; anything else stops the phase. */
  private async retryable<T>(iamAction: string, call: () => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.send(iamAction, call)
      } catch (error) {
        if (error instanceof IngestionStop) throw error
        this.failedOrRetry(error, iamAction)
        await this.sleep(retryDelay(attempt, () => this.ctx.clock.random()))
      }
    }
  }

  private failedOrRetry(
    error: unknown,
    iamAction: string,
    target = this.target,
    retrying = `${iamAction} failed (${errorName(error)}); retrying`
  ): void {
    if (!isTransient(error)) {
      throw new IngestionStop('failed', describeAwsError(error, { iamAction, target, region: this.config.region }))
    }
    this.lastError = { error, iamAction }
    this.ctx.logger.info(retrying)
  }

  async listRecent(): Promise<IngestionJobSummary[]> {
    const answer = await this.retryable('bedrock:ListIngestionJobs', () =>
      this.bedrock.send(
        new ListIngestionJobsCommand({
          ...this.ids,
          sortBy: { attribute: 'STARTED_AT', order: 'DESCENDING' },
          maxResults: 10
        }),
        { abortSignal: this.deadline.signal }
      )
    )
    // Newest first, whatever order the service chose to answer in.
    return (answer.ingestionJobSummaries ?? []).sort((a, b) => time(b.startedAt) - time(a.startedAt))
  }

  /** Waits for a job this run did not start and returns how it ended. */
  async waitForRunning(job: JobSnapshot): Promise<JobSnapshot> {
    this.ctx.logger.info(
      `Ingestion job ${job.jobId} is ${job.status}; Bedrock runs one job per data source, so waiting for it to end first`
    )
    const final = await this.follow(job, 'already running')
    this.waitedFor.push(final)
    this.ctx.logger.info(`Ingestion job ${job.jobId}, which was already running, ended ${final.status}`)
    return final
  }

  /**
   * Starts our job. A conflict means another job is running: wait for it, then try again, since files that
   * landed after its scan began would otherwise be missed. Throttling waits out the API's rate limit; a used-up
   * quota fails at once, since only other work ending can free it.
   */
  async start(token: string): Promise<JobSnapshot> {
    const iamAction = 'bedrock:StartIngestionJob'
    for (let attempt = 0; ; attempt++) {
      try {
        const answer = await this.send(iamAction, () =>
          this.bedrock.send(
            new StartIngestionJobCommand({ ...this.ids, clientToken: token, description: this.config.description }),
            { abortSignal: this.deadline.signal }
          )
        )
        if (!answer.ingestionJob?.ingestionJobId) {
          throw new IngestionStop('failed', 'StartIngestionJob answered without a job id')
        }
        return snapshotOf(answer.ingestionJob)
      } catch (error) {
        if (error instanceof IngestionStop) throw error
        if (isConflict(error)) {
          this.ctx.logger.info(`StartIngestionJob: another job is running (${errorName(error)}); waiting for it`)
          const running = (await this.listRecent()).find((job) => ACTIVE_STATUSES.has(job.status ?? ''))
          if (running) await this.waitForRunning(snapshotOf(running))
          else await this.sleep(retryDelay(attempt, () => this.ctx.clock.random()))
          continue
        }
        if (isQuotaExceeded(error)) {
          throw new IngestionStop(
            'failed',
            describeAwsError(error, { iamAction, target: this.target, region: this.config.region })
          )
        }
        if (isThrottling(error)) {
          this.lastError = { error, iamAction }
          const wait = Math.min(
            START_THROTTLE_MAX_WAIT_MS,
            retryDelay(attempt + 1, () => this.ctx.clock.random())
          )
          this.ctx.logger.info(`StartIngestionJob was throttled; trying again in ${(wait / 1000).toFixed(1)}s`)
          await this.sleep(wait)
          continue
        }
        this.failedOrRetry(error, iamAction)
        await this.sleep(retryDelay(attempt, () => this.ctx.clock.random()))
      }
    }
  }

  /**
   * Polls a job until it ends: the first check within 1 s, backing off to poll_interval_seconds with jitter.
   * Throttled and failed checks are retried while time is left; at the deadline the job is left running.
   */
  async follow(job: JobSnapshot, role: string): Promise<JobSnapshot> {
    const startedAt = this.ctx.clock.now()
    this.following = { job, role }
    for (let check = 0; !TERMINAL_STATUSES.has(this.following.job.status); check++) {
      await this.sleep(pollDelay(check, this.config.pollIntervalMs, () => this.ctx.clock.random()))
      const current: JobSnapshot = this.following.job
      try {
        const answer: GetIngestionJobCommandOutput = await this.send('bedrock:GetIngestionJob', () =>
          this.bedrock.send(new GetIngestionJobCommand({ ...this.ids, ingestionJobId: current.jobId }), {
            abortSignal: this.deadline.signal
          })
        )
        this.statusChecks++
        if (answer.ingestionJob) this.following = { job: snapshotOf(answer.ingestionJob), role }
        const elapsed = ((this.ctx.clock.now() - startedAt) / 1000).toFixed(1)
        const now = this.following.job
        this.ctx.logger.info(`Job ${now.jobId}: ${now.status} after ${elapsed}s (${formatStatistics(now.statistics)})`)
      } catch (error) {
        if (error instanceof IngestionStop) throw error
        this.failedOrRetry(
          error,
          'bedrock:GetIngestionJob',
          `ingestion job ${current.jobId} of ${this.target}`,
          `Status check of job ${current.jobId} failed (${errorName(error)}); checking again`
        )
      }
    }
    const final = this.following.job
    this.following = undefined
    return final
  }
}

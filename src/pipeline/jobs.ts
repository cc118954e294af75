/**
 * Ingestion jobs of one data source: the newest ones, waiting out a job that is running, starting ours
 * idempotently, and following a job to its end — each call under the phase's deadline (calls.ts).
 */
import {
  GetIngestionJobCommand,
  ListIngestionJobsCommand,
  StartIngestionJobCommand,
  type BedrockAgentClient,
  type GetIngestionJobCommandOutput,
  type IngestionJob,
  type IngestionJobStatistics,
  type IngestionJobSummary
} from '@aws-sdk/client-bedrock-agent'
import { errorName } from '../aws/errors.js'
import type { Deadline } from '../deadline.js'
import type { Config } from '../inputs.js'
import { pollDelay, retryDelay } from './backoff.js'
import { PhaseCalls, PhaseStop } from './calls.js'
import type { PhaseContext } from './context.js'
import { formatStatistics, STATISTIC_NAMES, type JobSnapshot, type Statistics } from './result.js'
import { ACTIVE_STATUSES, followJobCommand, listJobsCommand, TERMINAL_STATUSES } from './rules.js'

/** StartIngestionJob allows about one call per 10 s per account: throttled starts back off up to that long. */
const START_THROTTLE_MAX_WAIT_MS = 10_000

export type JobSettings = Pick<Config, 'knowledgeBaseId' | 'dataSourceId' | 'region' | 'pollIntervalMs' | 'description'>

export function normalizeStatistics(stats: IngestionJobStatistics | undefined): Statistics | undefined {
  if (!stats) return undefined
  const out = {} as Statistics
  for (const name of STATISTIC_NAMES) out[name] = Number(stats[name] ?? 0)
  return out
}

export function snapshotOf(job: IngestionJob | IngestionJobSummary): JobSnapshot {
  return {
    jobId: job.ingestionJobId ?? '',
    status: job.status ?? 'UNKNOWN',
    statistics: normalizeStatistics(job.statistics),
    failureReasons: 'failureReasons' in job && job.failureReasons ? job.failureReasons : []
  }
}

function time(date: Date | undefined): number {
  return date?.getTime() ?? 0
}

/**
 * The job calls of one phase. Every method returns what it was asked for or throws a PhaseStop; the counts
 * (status checks, jobs waited for, the job being followed) live here and nowhere else.
 */
export class Jobs extends PhaseCalls {
  statusChecks = 0
  readonly waitedFor: JobSnapshot[] = []
  /** The job whose status is being followed, and the newest snapshot of it. */
  following: { job: JobSnapshot; role: string } | undefined

  constructor(
    private readonly settings: JobSettings,
    private readonly bedrock: BedrockAgentClient,
    ctx: PhaseContext,
    deadline: Deadline
  ) {
    super(settings, ctx, deadline)
  }

  protected unfinished(): string | undefined {
    const followed = this.following
    if (!followed) return undefined
    return `ingestion job ${followed.job.jobId} (${followed.role}) is still ${followed.job.status}. The job was left running; see it with: ${followJobCommand(this.ids, followed.job.jobId)}`
  }

  protected mayHaveActed(iamAction: string): string | undefined {
    // A start whose answer never came may have been executed: a job can be running that this run never saw.
    return iamAction === 'bedrock:StartIngestionJob'
      ? `A job may have started anyway; see the data source's jobs with: ${listJobsCommand(this.ids)}`
      : undefined
  }

  async listRecent(): Promise<IngestionJobSummary[]> {
    const answer = await this.retryable('bedrock:ListIngestionJobs', (abortSignal) =>
      this.bedrock.send(
        new ListIngestionJobsCommand({
          ...this.ids,
          sortBy: { attribute: 'STARTED_AT', order: 'DESCENDING' },
          maxResults: 10
        }),
        { abortSignal }
      )
    )
    // Newest first, whatever order the service chose to answer in.
    return (answer.ingestionJobSummaries ?? []).sort((a, b) => time(b.startedAt) - time(a.startedAt))
  }

  /** One job as it is now, failure reasons included (a listing leaves them out). */
  async snapshot(jobId: string): Promise<JobSnapshot> {
    const answer = await this.retryable('bedrock:GetIngestionJob', (abortSignal) =>
      this.bedrock.send(new GetIngestionJobCommand({ ...this.ids, ingestionJobId: jobId }), { abortSignal })
    )
    if (!answer.ingestionJob) throw new PhaseStop('failed', `GetIngestionJob answered without job ${jobId}`)
    return snapshotOf(answer.ingestionJob)
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

  /** Waits for whatever job is running now, if any (after a ConflictException says one is). */
  async waitForAnyRunning(attempt: number): Promise<void> {
    const running = (await this.listRecent()).find((job) => ACTIVE_STATUSES.has(job.status ?? ''))
    if (running) await this.waitForRunning(snapshotOf(running))
    else await this.sleep(retryDelay(attempt, () => this.ctx.clock.random()))
  }

  /**
   * Starts our job. A conflict means another job is running: wait for it, then try again, since files that
   * landed after its scan began would otherwise be missed. StartIngestionJob allows about one call per 10 s.
   */
  async start(token: string, description: string): Promise<JobSnapshot> {
    const answer = await this.changing(
      'bedrock:StartIngestionJob',
      (abortSignal) =>
        this.bedrock.send(new StartIngestionJobCommand({ ...this.ids, clientToken: token, description }), {
          abortSignal
        }),
      (attempt) => this.waitForAnyRunning(attempt),
      START_THROTTLE_MAX_WAIT_MS
    )
    if (!answer.ingestionJob?.ingestionJobId)
      throw new PhaseStop('failed', 'StartIngestionJob answered without a job id')
    return snapshotOf(answer.ingestionJob)
  }

  /**
   * Polls a job until it ends: the first check within 1 s, backing off to poll_interval_seconds with jitter.
   * Throttled and failed checks are retried while time is left; at the deadline the job is left running.
   */
  async follow(job: JobSnapshot, role: string): Promise<JobSnapshot> {
    const startedAt = this.ctx.clock.now()
    this.following = { job, role }
    for (let check = 0; !TERMINAL_STATUSES.has(this.following.job.status); check++) {
      await this.sleep(pollDelay(check, this.settings.pollIntervalMs, () => this.ctx.clock.random()))
      const current: JobSnapshot = this.following.job
      try {
        const answer: GetIngestionJobCommandOutput = await this.send('bedrock:GetIngestionJob', (abortSignal) =>
          this.bedrock.send(new GetIngestionJobCommand({ ...this.ids, ingestionJobId: current.jobId }), {
            abortSignal
          })
        )
        this.statusChecks++
        if (answer.ingestionJob) this.following = { job: snapshotOf(answer.ingestionJob), role }
        const elapsedMs = this.ctx.clock.now() - startedAt
        const now = this.following.job
        this.ctx.logger.info(
          `Job ${now.jobId}: ${now.status} after ${(elapsedMs / 1000).toFixed(1)}s (${formatStatistics(now.statistics)})`
        )
        this.ctx.progress?.({
          phase: 'ingestion',
          jobId: now.jobId,
          role,
          status: now.status,
          elapsedMs,
          statistics: now.statistics
        })
      } catch (error) {
        if (error instanceof PhaseStop) throw error
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

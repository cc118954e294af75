import { isoTime } from '../common/ids.js'
import type { IngestionJobView, IngestionStatistics, ItemKind, Job, JobStatus } from './model.js'

/** A job at one moment: its status, how many of its documents are done, and when it last changed. */
export interface JobState {
  status: JobStatus
  processed: number
  /** Deletions (and orphan sidecars) count only once the job has completed. */
  deletes: boolean
  updatedAt: number
}

export const ACTIVE: readonly JobStatus[] = ['STARTING', 'IN_PROGRESS', 'STOPPING']

/** When a job's timeline turns: the end of STARTING, a failure, the end, a stop (`Infinity`: never). */
function milestones(job: Job): { runMs: number; runFrom: number; failAt: number; endAt: number; stopAt: number } {
  const runMs = Math.max(1, job.durationMs - job.startingMs)
  const runFrom = job.startedAt + job.startingMs
  const fate = job.fate
  const failAt = fate?.kind === 'fail' ? runFrom + runMs * fate.atFraction : Infinity
  const endAt = fate?.kind === 'stick' ? Infinity : job.startedAt + job.durationMs
  // Someone else's stop counts only if it comes before the job ends on its own.
  const foreignStopAt = fate?.kind === 'stop' ? job.startedAt + (fate.afterMs ?? job.startingMs + runMs / 2) : Infinity
  const stopAt = Math.min(
    job.stopRequestedAt ?? Infinity,
    foreignStopAt < Math.min(endAt, failAt) ? foreignStopAt : Infinity
  )
  return { runMs, runFrom, failAt, endAt, stopAt }
}

/** Status, progress and last update of a job at time `now`: a function of the clock, nothing stored. */
export function jobState(job: Job, now: number): JobState {
  const { runMs, runFrom, failAt, endAt, stopAt } = milestones(job)
  const n = job.plan.items.length
  const processedAt = (t: number, cap = 1): number => Math.floor(Math.min(cap, Math.max(0, (t - runFrom) / runMs)) * n)
  if (now >= stopAt) {
    const processed = processedAt(stopAt)
    const stoppedAt = stopAt + job.stoppingMs
    return now < stoppedAt
      ? { status: 'STOPPING', processed, deletes: false, updatedAt: stopAt }
      : { status: 'STOPPED', processed, deletes: false, updatedAt: stoppedAt }
  }
  if (now < runFrom) return { status: 'STARTING', processed: 0, deletes: false, updatedAt: job.startedAt }
  if (now >= failAt) return { status: 'FAILED', processed: processedAt(failAt), deletes: false, updatedAt: failAt }
  if (now >= endAt) return { status: 'COMPLETE', processed: n, deletes: true, updatedAt: endAt }
  // A stuck job stops making progress halfway.
  const processed = processedAt(now, job.fate?.kind === 'stick' ? 0.5 : 1)
  return { status: 'IN_PROGRESS', processed, deletes: false, updatedAt: now }
}

function statistics(job: Job, state: JobState): IngestionStatistics {
  const done = job.plan.items.slice(0, state.processed)
  const count = (kind: ItemKind): number => done.filter((i) => i.kind === kind).length
  return {
    numberOfDocumentsScanned: done.length,
    numberOfMetadataDocumentsScanned:
      done.filter((i) => i.hasMetadata).length + (state.deletes ? job.plan.orphanMetadata : 0),
    numberOfNewDocumentsIndexed: count('new'),
    numberOfModifiedDocumentsIndexed: count('modified'),
    numberOfMetadataDocumentsModified: count('metadata'),
    numberOfDocumentsDeleted: state.deletes ? job.plan.deletions.length : 0,
    numberOfDocumentsFailed: count('failed')
  }
}

/** As Bedrock words them: the job's own failure or stop, then the first ten documents that failed. */
function failureReasons(job: Job, state: JobState): string[] {
  const reasons: string[] = []
  if (state.status === 'FAILED') reasons.push(...(job.fate?.reasons ?? []))
  if (state.status === 'STOPPED') reasons.push('The ingestion job was stopped by a StopIngestionJob request.')
  const failed = job.plan.items.slice(0, state.processed).filter((i) => i.kind === 'failed')
  if (failed.length > 0 && (state.status === 'COMPLETE' || state.status === 'FAILED')) {
    const uri = (key: string): string => `s3://${job.ds.bucket}/${key}`
    reasons.push(
      ...failed
        .slice(0, 10)
        .map((i) => `Encountered error: failed to ingest ${uri(i.key)}: ${i.reason ?? 'unknown error'}`),
      ...(failed.length > 10 ? [`... and ${failed.length - 10} more files failed.`] : [])
    )
  }
  return reasons
}

/** The job as GetIngestionJob answers it at time `now`. */
export function jobView(job: Job, now: number): IngestionJobView {
  const state = jobState(job, now)
  const reasons = failureReasons(job, state)
  return {
    knowledgeBaseId: job.ds.kbId,
    dataSourceId: job.ds.id,
    ingestionJobId: job.id,
    ...(job.description !== undefined ? { description: job.description } : {}),
    status: state.status,
    statistics: statistics(job, state),
    startedAt: isoTime(job.startedAt),
    updatedAt: isoTime(state.updatedAt),
    ...(reasons.length > 0 ? { failureReasons: reasons } : {})
  }
}

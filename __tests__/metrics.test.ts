import { describe, expect, it } from '@jest/globals'
import { metricsOf } from '../src/pipeline/metrics.js'
import { emptyIngestionPhase, emptySyncPhase, type JobSnapshot, type RunResult } from '../src/pipeline/result.js'

const STATS = {
  numberOfDocumentsScanned: 20,
  numberOfMetadataDocumentsScanned: 20,
  numberOfNewDocumentsIndexed: 7,
  numberOfModifiedDocumentsIndexed: 2,
  numberOfMetadataDocumentsModified: 0,
  numberOfDocumentsDeleted: 1,
  numberOfDocumentsFailed: 0
}
const job = (status: string, failed = 0): JobSnapshot => ({
  jobId: 'JOB',
  status,
  statistics: { ...STATS, numberOfDocumentsFailed: failed },
  failureReasons: []
})

function result(overrides: Partial<RunResult> = {}): RunResult {
  return {
    status: 'completed',
    startedAt: 0,
    durationMs: 1,
    dryRun: false,
    sync: { ...emptySyncPhase(), ran: true, waited: true, backlogAfter: 4 },
    ingestion: { ...emptyIngestionPhase('x'), outcome: 'completed', job: job('COMPLETE') },
    checks: [],
    problems: [],
    warnings: [],
    showLogTail: false,
    ...overrides
  }
}

const asRecord = (r: RunResult) => Object.fromEntries(metricsOf(r).map((d) => [d.name, d.value]))

describe('metricsOf', () => {
  it('counts a job this run started and completed cleanly, the documents indexed and the backlog', () => {
    expect(asRecord(result())).toEqual({
      IngestionJobsStarted: 1,
      IngestionJobsCompleted: 1,
      IngestionJobsFailed: 0,
      DocumentsIndexed: 9,
      DocumentsFailed: 0,
      BacklogRemaining: 4,
      RunFailed: 0
    })
  })

  it('counts FAILED, STOPPED and COMPLETE-with-failed-documents jobs as failed, and the failed run', () => {
    for (const ended of [job('FAILED'), job('STOPPED'), job('COMPLETE', 3)]) {
      const metrics = asRecord(
        result({ status: 'failed', ingestion: { ...emptyIngestionPhase('x'), outcome: 'failed', job: ended } })
      )
      expect(metrics).toMatchObject({
        IngestionJobsStarted: 1,
        IngestionJobsCompleted: 0,
        IngestionJobsFailed: 1,
        RunFailed: 1
      })
    }
  })

  it('counts a job the run gave up waiting for as failed', () => {
    const running = job('IN_PROGRESS')
    const metrics = asRecord(
      result({
        status: 'failed',
        ingestion: {
          ...emptyIngestionPhase('x'),
          outcome: 'failed',
          job: running,
          leftRunning: running,
          error: 'Timed out'
        }
      })
    )
    expect(metrics).toMatchObject({ IngestionJobsStarted: 1, IngestionJobsFailed: 1, IngestionJobsCompleted: 0 })
  })

  it('does not count a job that was only waited for, nor a skipped phase, and leaves an unknown backlog out', () => {
    const theirs = job('COMPLETE')
    const metrics = asRecord(
      result({
        status: 'skipped',
        sync: { ...emptySyncPhase(), backlogAfter: null },
        ingestion: { ...emptyIngestionPhase('nothing new'), job: theirs, waitedFor: [theirs] }
      })
    )
    expect(metrics).toEqual({
      IngestionJobsStarted: 0,
      IngestionJobsCompleted: 0,
      IngestionJobsFailed: 0,
      DocumentsIndexed: 0,
      DocumentsFailed: 0,
      RunFailed: 0
    })
  })

  const direct = (failed: number) => ({
    indexed: ['s3://b/a.json', 's3://b/b.json'],
    deleted: [],
    failed: Array.from({ length: failed }, (_, i) => ({
      uri: `s3://b/f${i}.json`,
      action: 'ingest' as const,
      status: 'FAILED',
      reason: 'bad'
    })),
    unfinished: [],
    statusChecks: 1
  })

  it('counts a direct ingestion as one ingestion, with its documents', () => {
    const metrics = asRecord(
      result({ ingestion: { ...emptyIngestionPhase('x'), outcome: 'completed', mode: 'direct', direct: direct(0) } })
    )
    expect(metrics).toMatchObject({
      IngestionJobsStarted: 1,
      IngestionJobsCompleted: 1,
      IngestionJobsFailed: 0,
      DocumentsIndexed: 2,
      DocumentsFailed: 0
    })
  })

  it('counts a direct ingestion whose failed documents a job retried as that job, adding the documents indexed directly', () => {
    const healed = asRecord(
      result({
        ingestion: {
          ...emptyIngestionPhase('x'),
          outcome: 'completed',
          mode: 'job',
          direct: direct(1),
          job: job('COMPLETE')
        }
      })
    )
    expect(healed).toMatchObject({
      IngestionJobsStarted: 1,
      IngestionJobsCompleted: 1,
      IngestionJobsFailed: 0,
      DocumentsIndexed: 9 + 2,
      DocumentsFailed: 0
    })
    const failedAgain = asRecord(
      result({
        status: 'failed',
        ingestion: {
          ...emptyIngestionPhase('x'),
          outcome: 'failed',
          mode: 'job',
          direct: direct(1),
          job: job('COMPLETE', 1)
        }
      })
    )
    expect(failedAgain).toMatchObject({ IngestionJobsStarted: 1, IngestionJobsFailed: 1, DocumentsFailed: 1 })
  })
})

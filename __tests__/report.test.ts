/** The report funnel: outputs, summary, annotations and the exit code from one result, through @actions/core. */
import { beforeEach, describe, expect, it, jest } from '@jest/globals'
import * as core from '../__fixtures__/core.js'
import { emptyIngestionPhase, emptySyncPhase, type RunResult } from '../src/pipeline/result.js'

jest.unstable_mockModule('@actions/core', () => core)
const { report } = await import('../src/report/report.js')

function result(overrides: Partial<RunResult> = {}): RunResult {
  return {
    status: 'completed',
    startedAt: 0,
    durationMs: 1_000,
    knowledgeBaseId: 'LPR1PEW0LN',
    dataSourceId: 'AJIJE6BWIV',
    functionName: 'incident-kb-batch-sync',
    region: 'us-east-1',
    dryRun: false,
    sync: {
      ...emptySyncPhase(),
      ran: true,
      waited: true,
      invocations: 1,
      synced: 3,
      processed: 3,
      stopReason: 'drained'
    },
    ingestion: {
      ...emptyIngestionPhase('this run synced 3 incidents'),
      outcome: 'completed',
      job: { jobId: 'JOB1', status: 'COMPLETE', statistics: undefined, failureReasons: [] }
    },
    checks: [],
    problems: [],
    warnings: [],
    showLogTail: false,
    ...overrides
  }
}

beforeEach(() => core.resetCore())

describe('report', () => {
  it('sets every output, writes the summary once and does not fail a good run', async () => {
    await report(result())
    expect(core.outputs).toMatchObject({ status: 'completed', synced_count: '3', ingestion_job_id: 'JOB1' })
    expect(Object.keys(core.outputs)).toHaveLength(11)
    expect(core.writtenSummaries()).toHaveLength(1)
    expect(core.writtenSummaries()[0]).toContain('<h2>✅ kb-sync: completed</h2>')
    expect(core.failures).toEqual([])
    expect(core.lines.at(-1)).toMatch(/^Synced 3 incidents in 1 batch; ingestion job JOB1 completed/)
  })

  it('fails a failed run with its last problem and annotates the others', async () => {
    await report(
      result({
        status: 'failed',
        problems: [
          { phase: 'sync', message: '2 incidents failed to sync to S3' },
          { phase: 'ingestion', message: 'Ingestion job JOB1 FAILED' }
        ]
      })
    )
    expect(core.annotations).toEqual([
      { level: 'error', message: '2 incidents failed to sync to S3', title: 'kb-sync: sync' }
    ])
    expect(core.failures).toEqual(['Ingestion job JOB1 FAILED'])
    expect(core.outputs.status).toBe('failed')
  })

  it('fails a cancelled run with the outcome line, naming the job left running', async () => {
    const job = { jobId: 'JOB9', status: 'IN_PROGRESS', statistics: undefined, failureReasons: [] }
    await report(
      result({
        status: 'cancelled',
        cancelled: { signal: 'SIGINT', during: 'ingestion' },
        ingestion: { ...emptyIngestionPhase('x'), outcome: 'cancelled', job, leftRunning: job }
      })
    )
    expect(core.outputs.status).toBe('cancelled')
    expect(core.failures).toEqual([
      'Cancelled by SIGINT during the ingestion step; ingestion job JOB9 was left running (IN_PROGRESS) (1 s)'
    ])
  })

  it('passes outside text to the runner only in a form that cannot be a workflow command', async () => {
    await report(
      result({
        status: 'failed',
        problems: [
          { phase: 'sync', message: 'ids: a\n::add-mask::hunter2\n::error::fake' },
          { phase: 'sync', message: '::stop-commands::x' }
        ]
      })
    )
    const told = [...core.failures, ...core.annotations.map((a) => a.message)]
    for (const message of told) {
      for (const line of message.split('\n')) expect(line.trimStart().startsWith('::')).toBe(false)
    }
  })

  it('still reports through the log and the exit code when the summary cannot be written', async () => {
    core.summary.write.mockRejectedValueOnce(new Error('Unable to find environment variable for $GITHUB_STEP_SUMMARY'))
    await report(result({ status: 'failed', problems: [{ phase: 'sync', message: 'boom' }] }))
    expect(core.lines).toContain(
      'Job summary not written: Unable to find environment variable for $GITHUB_STEP_SUMMARY'
    )
    expect(core.failures).toEqual(['boom'])
  })
})

/**
 * Cancellation end to end (docs/behaviour.md, "Cancellation"): the runner's SIGINT or SIGTERM stops dist/index.js at
 * once; it still writes its outputs and summary, says which ingestion job it left running, and exits non-zero
 * within 5 seconds, without stopping the job.
 */
import { describe, expect, it } from '@jest/globals'
import { annotations, inspect, runKbSync, withStack } from './support/e2e.js'

describe('a cancelled run', () => {
  it.concurrent.each(['SIGINT', 'SIGTERM'] as const)(
    'stops at %s while following its job, reports it, and leaves the job running',
    async (signal) => {
      await withStack({}, async (stack) => {
        await stack.seedIncidents(5, { status: 'CLOSED' })
        stack.faults.stickNextJob()
        const run = await runKbSync(stack, {}, { cancel: { signal, when: /^Ingestion job \w+ accepted/ } })
        expect(run.exitAfterSignalMs).toBeLessThan(5_000)
        expect(run.exitCode).toBe(1)
        expect(run.outputs).toMatchObject({ status: 'cancelled', synced_count: '5', ingestion_status: 'STARTING' })
        const jobId = run.outputs.ingestion_job_id
        expect(annotations(run.errors)).toContain(`Cancelled by ${signal} during the ingestion step`)
        expect(run.summary).toContain(`Ingestion job ${jobId} was left running`)
        expect(run.summary).toContain(`--ingestion-job-id ${jobId}`)
        const view = await inspect(stack)
        // Never stopped by the action: the job is still running in Bedrock.
        expect(['STARTING', 'IN_PROGRESS']).toContain(
          view.truth.jobs.find((job) => job.ingestionJobId === jobId)?.status
        )
      })
    }
  )
})

/**
 * Two kb-sync runs on one data source at once (a dispatch overlapping the schedule, a post-deploy step): two action
 * processes against one stack. Both end truthfully; their Lambdas split the backlog without counting an incident
 * twice; Bedrock's one-job-per-data-source rule makes one wait for the other's job.
 */
import { expect } from '@jest/globals'
import { ManualClock, type Stack } from '../../../local/stack.js'
import type { AreaTable, MatrixRun } from './support/matrix.js'

function starts(stack: Stack): number[] {
  return stack
    .calls()
    .filter((c) => c.operation === 'StartIngestionJob')
    .map((c) => c.status)
}

/** No two jobs of the data source ran at the same time, and each ended COMPLETE. */
async function expectJobsOneAtATime(stack: Stack): Promise<void> {
  const jobs = (await stack.truth()).jobs
  expect(jobs.map((j) => j.status).every((s) => s === 'COMPLETE')).toBe(true)
  for (let i = 1; i < jobs.length; i++) {
    expect(Date.parse(jobs[i]!.startedAt)).toBeGreaterThanOrEqual(Date.parse(jobs[i - 1]!.updatedAt))
  }
}

export const concurrency: AreaTable = {
  area: 'concurrency',
  title: 'Two runs at once on one data source',
  scenarios: [
    {
      name: 'two runs start together on one data source (a dispatch overlapping the schedule)',
      does: 'Both drain; the conditional mark lets exactly one count each incident (their synced counts add up to the backlog); their jobs run one after the other; a later run has nothing to do.',
      expect: ['completed', 'skipped'],
      runs: 3,
      stack: { jobDurationMs: 1_000 },
      async run(m) {
        await m.stack.seedIncidents(150, { status: 'CLOSED' })
        const inputs = { max_sync_batches: '10', ingestion_timeout_minutes: '1' }
        const [a, b] = await Promise.all([m.kb(inputs), m.kb(inputs)])
        // Both Lambdas may write an incident; the conditional mark lets exactly one count it.
        expect(Number(a.outputs.synced_count) + Number(b.outputs.synced_count)).toBe(150)
        expect(starts(m.stack).filter((s) => s === 202).length).toBeGreaterThanOrEqual(1)
        await expectJobsOneAtATime(m.stack)
        const later = await m.kb({}, { expect: 'skipped', converge: true })
        expect(later.outputs.synced_count).toBe('0')
        expect((await m.stack.truth()).indexed).toHaveLength(150)
      }
    },
    {
      name: 'a run starts while another run follows its ingestion job',
      does: 'It waits for that job, then finds nothing new and a clean job: skipped, saying so.',
      expect: 'completed',
      runs: 2,
      // The knowledge base's time stands still until the second run is seen waiting: no race with the machine.
      stack: { clock: new ManualClock(Date.now()), jobDurationMs: 1_000 },
      async run(m) {
        const clock = m.stack.clock as ManualClock
        await m.stack.seedIncidents(30, { status: 'CLOSED' })
        let second: Promise<MatrixRun> | undefined
        const first = await m.kb(
          { ingestion_timeout_minutes: '1' },
          {
            converge: true,
            onLine: (line) => {
              if (second || !/^Ingestion job \w+ accepted/.test(line)) return
              second = m.kb(
                { ingestion_timeout_minutes: '1' },
                {
                  expect: 'skipped',
                  converge: true,
                  onLine: (seen) => {
                    if (/^Ingestion job \w+ is STARTING; Bedrock runs one job per data source/.test(seen))
                      clock.advance(5_000)
                  }
                }
              )
            }
          }
        )
        expect(second).toBeDefined()
        const later = await second!
        const jobId = first.outputs.ingestion_job_id
        expect(later.summary).toContain(
          `Waited for job <code>${jobId}</code>, which was already running; it ended COMPLETE.`
        )
        expect(later.summary).toContain(
          `nothing new was synced and the last ingestion job (${jobId}) completed cleanly`
        )
        expect((await m.stack.truth()).jobs).toHaveLength(1)
      }
    },
    {
      name: 'a post-deploy step (sync: false, ingestion: always) runs beside the scheduled run',
      does: 'The post-deploy step starts a job; the scheduled run waits for it (a listed running job or a ConflictException), then starts its own job or sends its documents directly; jobs never overlap and both complete.',
      expect: 'completed',
      runs: 2,
      stack: { jobDurationMs: 1_500 },
      async run(m) {
        await m.stack.seedIncidents(30, { status: 'CLOSED' })
        const [scheduled, postDeploy] = await Promise.all([
          m.kb({ ingestion_timeout_minutes: '1' }, { converge: true }),
          m.kb({ sync: 'false', ingestion: 'always', ingestion_timeout_minutes: '1' })
        ])
        expect(scheduled.outputs.synced_count).toBe('30')
        expect(postDeploy.outputs.sync_batches).toBe('0')
        await expectJobsOneAtATime(m.stack)
        const direct = JSON.parse(scheduled.outputs.result ?? '{}').ingestion_phase?.mode === 'direct'
        if (!direct) expect(scheduled.outputs.ingestion_job_id).not.toBe(postDeploy.outputs.ingestion_job_id)
        expect((await m.stack.truth()).jobs).toHaveLength(direct ? 1 : 2)
      }
    }
  ]
}

/**
 * Ways an ingestion job goes wrong in Bedrock: it fails, someone stops it, it never finishes, documents fail, a job
 * of someone else's is in the way, the account's job quota is used up. The sync has converged in every one of them
 * (nothing pending), so whatever the job did, no incident is lost.
 */
import { expect } from '@jest/globals'
import type { Stack } from '../../../local/stack.js'
import { StopIngestionJobCommand } from '@aws-sdk/client-bedrock-agent'
import { agentClient, startJobAsSomeoneElse } from '../support/e2e.js'
import type { AreaTable } from './support/matrix.js'

const SEED = 12

function followCommand(stack: Stack, jobId: string): string {
  return `aws bedrock-agent get-ingestion-job --knowledge-base-id ${stack.ids.knowledgeBaseId} --data-source-id ${stack.ids.dataSourceId} --ingestion-job-id ${jobId}`
}

function starts(stack: Stack): number[] {
  return stack
    .calls()
    .filter((c) => c.operation === 'StartIngestionJob' && c.accessKeyId === stack.env.AWS_ACCESS_KEY_ID)
    .map((c) => c.status)
}

async function stopAsSomeoneElse(stack: Stack, ingestionJobId: string): Promise<void> {
  const agent = agentClient(stack)
  try {
    await agent.send(
      new StopIngestionJobCommand({
        knowledgeBaseId: stack.ids.knowledgeBaseId,
        dataSourceId: stack.ids.dataSourceId,
        ingestionJobId
      })
    )
  } finally {
    agent.destroy()
  }
}

export const jobs: AreaTable = {
  area: 'jobs',
  title: 'Faults of the ingestion job',
  scenarios: [
    {
      name: 'the ingestion job ends FAILED',
      does: 'The run fails naming the job and its failure reasons; the next run (ingestion: auto) starts a job to heal it.',
      expect: 'failed',
      runs: 2,
      async run(m) {
        await m.stack.seedIncidents(SEED, { status: 'CLOSED' })
        m.stack.faults.failNextJob(['The embedding model is unavailable.'])
        const first = await m.kb({}, { converge: true })
        const jobId = first.outputs.ingestion_job_id
        expect(first.errorText).toContain(`Ingestion job ${jobId} FAILED: The embedding model is unavailable.`)
        const second = await m.kb({}, { expect: 'completed', converge: true })
        expect(second.summary).toContain(`the last ingestion job (${jobId}) ended FAILED; healing it`)
        expect((await m.stack.truth()).indexed).toHaveLength(SEED)
      }
    },
    {
      name: 'someone else stops the ingestion job (STOPPED)',
      does: "The run fails: 'ended STOPPED before it finished'; the next run heals it.",
      expect: 'failed',
      runs: 2,
      async run(m) {
        await m.stack.seedIncidents(SEED, { status: 'CLOSED' })
        m.stack.faults.stopNextJob()
        const first = await m.kb({}, { converge: true })
        expect(first.outputs.ingestion_status).toBe('STOPPED')
        expect(first.errorText).toContain(
          `Ingestion job ${first.outputs.ingestion_job_id} ended STOPPED before it finished`
        )
        await m.kb({}, { expect: 'completed', converge: true })
        expect((await m.stack.truth()).indexed).toHaveLength(SEED)
      }
    },
    {
      name: 'the ingestion job is stuck past ingestion_timeout_minutes',
      does: 'At the deadline the run fails naming the job, its last status and the command to follow it; the job is left running, never stopped.',
      expect: 'failed',
      runs: 1,
      async run(m) {
        await m.stack.seedIncidents(SEED, { status: 'CLOSED' })
        m.stack.faults.stickNextJob()
        const run = await m.kb({ ingestion_timeout_minutes: '0.05' }, { converge: true })
        const jobId = run.outputs.ingestion_job_id
        expect(run.errorText).toContain(
          `Timed out after ingestion_timeout_minutes = 0.05: ingestion job ${jobId} (started by this run) is still IN_PROGRESS. The job was left running; see it with: ${followCommand(m.stack, jobId)}`
        )
        expect(run.summary).toContain(`Ingestion job ${jobId} was left running`)
        expect((await m.stack.truth()).jobs).toMatchObject([{ ingestionJobId: jobId, status: 'IN_PROGRESS' }])
      }
    },
    {
      name: 'the ingestion job completes with failed documents (fail_on_document_failures: true)',
      does: 'The run fails naming the documents and their reasons, and the input that accepts them as a warning.',
      expect: 'failed',
      runs: 1,
      async run(m) {
        const seeded = await m.stack.seedIncidents(SEED, { status: 'CLOSED' })
        const key = `${m.stack.ids.prefix}${String(seeded[2]!.incident_id)}.json`
        m.stack.faults.failDocument(key, 'The file could not be parsed.')
        const run = await m.kb({}, { converge: true })
        expect(run.outputs.ingestion_status).toBe('COMPLETE')
        expect(run.errorText).toContain('completed, but 1 documents failed to ingest')
        expect(run.errorText).toContain(`${key}: The file could not be parsed.`)
      }
    },
    {
      name: 'the ingestion job completes with failed documents (fail_on_document_failures: false)',
      does: 'The run completes with a warning naming the documents and their reasons.',
      expect: 'completed',
      runs: 1,
      async run(m) {
        const seeded = await m.stack.seedIncidents(SEED, { status: 'CLOSED' })
        const key = `${m.stack.ids.prefix}${String(seeded[2]!.incident_id)}.json`
        m.stack.faults.failDocument(key, 'The file could not be parsed.')
        const run = await m.kb({ fail_on_document_failures: 'false' }, { converge: true })
        expect(run.warningText).toContain('completed, but 1 documents failed to ingest')
        expect(run.warningText).toContain(key)
      }
    },
    {
      name: 'a job of someone else starts between ListIngestionJobs and StartIngestionJob',
      does: 'StartIngestionJob meets ConflictException; the run waits for that job, then starts its own, one after the other; the run completes.',
      expect: 'completed',
      runs: 1,
      async run(m) {
        await m.stack.seedIncidents(SEED, { status: 'CLOSED' })
        const theirs = m.stack.faults.foreignJobOnNextList()
        const run = await m.kb({}, { converge: true })
        const theirId = ((await theirs.started) as { ingestionJobId: string }).ingestionJobId
        expect(run.stdout).toContain('StartIngestionJob: another job is running (ConflictException); waiting for it')
        expect(starts(m.stack)).toEqual([409, 202])
        const truth = await m.stack.truth()
        expect(truth.jobs.map((j) => j.ingestionJobId)).toEqual([theirId, run.outputs.ingestion_job_id])
        expect(truth.indexed).toHaveLength(SEED)
      }
    },
    {
      name: 'the account quota of ingestion jobs is used up (ServiceQuotaExceededException)',
      does: 'The run fails at once (one StartIngestionJob, no retry) naming bedrock:StartIngestionJob, the quota and where to raise it; the next run ingests.',
      expect: 'failed',
      runs: 2,
      async run(m) {
        await m.stack.seedIncidents(SEED, { status: 'CLOSED' })
        m.stack.faults.serviceQuota('StartIngestionJob')
        const run = await m.kb({ ingestion_timeout_minutes: '5' }, { converge: true })
        expect(run.errorText).toContain('bedrock:StartIngestionJob')
        expect(run.errorText).toContain('an account quota is used up')
        expect(run.errorText).toContain(
          'https://us-east-1.console.aws.amazon.com/servicequotas/home/services/bedrock/quotas'
        )
        expect(starts(m.stack)).toEqual([402])
        // At once: nowhere near the 5 minutes it had, even on a busy machine.
        expect(run.phases.find((p) => p.phase === 'ingestion')!.ms).toBeLessThan(15_000)
        await m.kb({}, { expect: 'completed', converge: true })
      }
    },
    {
      name: 'an ingestion job is already running when the run starts',
      does: 'The run sees it in ListIngestionJobs, waits for it to end, then starts its own; the summary says it waited.',
      expect: 'completed',
      runs: 1,
      async run(m) {
        await m.stack.seedIncidents(SEED, { status: 'CLOSED' })
        // Theirs runs until its owner stops it, once the run is seen waiting: no race with the machine's speed.
        m.stack.faults.stickNextJob()
        const theirs = (await startJobAsSomeoneElse(m.stack)).ingestionJobId!
        let stopped: Promise<unknown> | undefined
        const run = await m.kb(
          {},
          {
            converge: true,
            onLine: (line) => {
              if (!stopped && line.includes(`Ingestion job ${theirs} is`)) stopped = stopAsSomeoneElse(m.stack, theirs)
            }
          }
        )
        await stopped
        expect(run.summary).toContain(
          `Waited for job <code>${theirs}</code>, which was already running; it ended STOPPED.`
        )
        expect(starts(m.stack)).toEqual([202])
        const truth = await m.stack.truth()
        expect(truth.jobs.map((j) => j.ingestionJobId)).toEqual([theirs, run.outputs.ingestion_job_id])
        expect(truth.indexed).toHaveLength(SEED)
      }
    },
    {
      name: 'an ingestion job already running outlives ingestion_timeout_minutes',
      does: "At the deadline the run fails naming that job ('already running') and the command to follow it; it starts none.",
      expect: 'failed',
      runs: 1,
      async run(m) {
        await m.stack.seedIncidents(SEED, { status: 'CLOSED' })
        m.stack.faults.stickNextJob()
        const theirs = await startJobAsSomeoneElse(m.stack)
        const jobId = theirs.ingestionJobId!
        const run = await m.kb({ ingestion_timeout_minutes: '0.05' }, { converge: true })
        expect(run.errorText).toContain(
          `Timed out after ingestion_timeout_minutes = 0.05: ingestion job ${jobId} (already running) is still IN_PROGRESS. The job was left running; see it with: ${followCommand(m.stack, jobId)}`
        )
        expect(starts(m.stack)).toEqual([])
      }
    }
  ]
}

/**
 * The ingestion phase (docs/behaviour.md, "The ingestion phase") end to end: when dist/index.js starts an ingestion
 * job, how it waits (for its own job and for one that was already running), and how each way a job can end shows in the
 * outputs, the summary and the knowledge base.
 */
import { describe, expect, it } from '@jest/globals'
import { ManualClock } from '../../local/stack.js'
import {
  actionCalls,
  annotations,
  expectAllSearchable,
  expectJobAsReported,
  ingestAsSomeoneElse,
  inspect,
  resultOf,
  runKbSync,
  runWhileJobsAdvanceOnPoll,
  startJobAsSomeoneElse,
  statisticsOf,
  waitFor,
  withStack
} from './support/e2e.js'

const HOSTILE = '<b>Embedding model</b> throttled & gave up'

describe('deciding whether to ingest', () => {
  it.concurrent('ingestion: never syncs but starts no job', async () => {
    await withStack({}, async (stack) => {
      await stack.seedIncidents(20, { status: 'CLOSED' })

      const run = await runKbSync(stack, { ingestion: 'never' })
      expect(run.outputs).toMatchObject({
        status: 'completed',
        synced_count: '20',
        ingestion_job_id: '',
        ingestion_status: '',
        statistics: ''
      })
      expect(run.summary).toContain('Skipped: ingestion: never.')
      expect(actionCalls(stack).filter((c) => c.startsWith('bedrock-agent:'))).toEqual([])
      const view = await inspect(stack)
      expect(view.synced).toEqual(view.closed)
      expect(view.indexed).toEqual([])
      expect(view.truth.jobs).toEqual([])
    })
  })

  it.concurrent('ingestion: always starts a job even when nothing was synced', async () => {
    await withStack({}, async (stack) => {
      await stack.seedIncidents(20, { status: 'CLOSED', syncedRatio: 1 })
      const earlier = await ingestAsSomeoneElse(stack)
      expect(earlier.status).toBe('COMPLETE')

      const run = await runKbSync(stack, { ingestion: 'always' })
      expect(run.outputs).toMatchObject({ status: 'completed', synced_count: '0', ingestion_status: 'COMPLETE' })
      expect(run.outputs.ingestion_job_id).not.toBe(earlier.ingestionJobId)
      expect(run.summary).toContain('Started: ingestion: always.')
      expect(statisticsOf(run)).toMatchObject({ numberOfDocumentsScanned: 20, numberOfNewDocumentsIndexed: 0 })
      const view = await inspect(stack)
      expect(view.truth.jobs).toHaveLength(2)
      expectJobAsReported(run, view)
      expectAllSearchable(view)
    })
  })

  it.concurrent('ingestion: auto skips when nothing was synced and the last job completed cleanly', async () => {
    await withStack({}, async (stack) => {
      await stack.seedIncidents(20, { status: 'CLOSED', syncedRatio: 1 })
      await stack.seedIncidents(5, { closedRatio: 0 })
      const earlier = await ingestAsSomeoneElse(stack)

      const run = await runKbSync(stack)
      expect(run.outputs).toMatchObject({
        status: 'skipped',
        synced_count: '0',
        sync_batches: '1',
        backlog_remaining: '0',
        ingestion_job_id: '',
        ingestion_status: '',
        statistics: ''
      })
      expect(run.summary).toContain(
        `Skipped: nothing new was synced and the last ingestion job (${earlier.ingestionJobId}) completed cleanly.`
      )
      expect(run.warnings).toEqual([])
      expect(actionCalls(stack)).not.toContain('bedrock-agent:StartIngestionJob')
      const view = await inspect(stack)
      expect(view.truth.jobs).toHaveLength(1)
      expectAllSearchable(view)
    })
  })

  it.concurrent('ingestion: auto heals a FAILED job on the next run, even with nothing new', async () => {
    await withStack({}, async (stack) => {
      await stack.seedIncidents(30, { status: 'CLOSED' })
      stack.faults.failNextJob([`${HOSTILE}.`])

      const first = await runKbSync(stack)
      expect(first.outputs).toMatchObject({ status: 'failed', synced_count: '30', ingestion_status: 'FAILED' })
      const failedJob = first.outputs.ingestion_job_id
      expect(annotations(first.errors)).toContain(`Ingestion job ${failedJob} FAILED: ${HOSTILE}.`)
      expect(resultOf(first).ingestion_phase.failure_reasons).toEqual([`${HOSTILE}.`])
      expect(first.summary).toContain('Failure reasons</h4>')
      expect(first.summary).toContain(`<li>${HOSTILE}.</li>`)
      expect(first.summarySource).not.toContain('<b>Embedding')
      const broken = await inspect(stack)
      expect(broken.synced).toHaveLength(30)
      expect(broken.indexed).toEqual([])
      expectJobAsReported(first, broken)

      const second = await runKbSync(stack)
      expect(second.outputs).toMatchObject({ status: 'completed', synced_count: '0', ingestion_status: 'COMPLETE' })
      expect(second.summary).toContain(`Started: the last ingestion job (${failedJob}) ended FAILED; healing it.`)
      expect(statisticsOf(second).numberOfNewDocumentsIndexed).toBe(30)
      const healed = await inspect(stack)
      expectAllSearchable(healed)
      expectJobAsReported(second, healed)
    })
  })
})

describe('one job per data source at a time', () => {
  it.concurrent('waits for a job that is already running, then starts its own', async () => {
    const clock = new ManualClock(Date.now())
    await withStack({ clock, jobDurationMs: 1000 }, async (stack) => {
      await stack.seedIncidents(30, { status: 'CLOSED', syncedRatio: 1 })
      await stack.seedIncidents(20, { status: 'CLOSED' })
      // Someone started a job before the run; it scans the 30 documents already in S3 and stays running until the
      // action has seen it.
      const theirs = await startJobAsSomeoneElse(stack)

      // A full job of its own, so both jobs can be compared (with auto it would send the 20 documents directly).
      const run = await runWhileJobsAdvanceOnPoll(stack, clock, { ingestion: 'always' }, 1000)
      expect(run.outputs).toMatchObject({ status: 'completed', synced_count: '20', ingestion_status: 'COMPLETE' })
      expect(run.stdout).toContain(
        `Ingestion job ${theirs.ingestionJobId} is STARTING; Bedrock runs one job per data source, so waiting for it to end first`
      )
      expect(run.summary).toContain(
        `Waited for job <code>${theirs.ingestionJobId}</code>, which was already running; it ended COMPLETE.`
      )
      // Found by looking first, not by running into a ConflictException.
      const ours = stack
        .calls()
        .filter((c) => c.accessKeyId === stack.env.AWS_ACCESS_KEY_ID && c.service === 'bedrock-agent')
      expect(ours.filter((c) => c.operation === 'StartIngestionJob').map((c) => c.status)).toEqual([202])
      expect(ours[0]!.operation).toBe('ListIngestionJobs')
      const view = await inspect(stack)
      const [first, second] = view.truth.jobs
      expect(view.truth.jobs).toHaveLength(2)
      expect(first!.ingestionJobId).toBe(theirs.ingestionJobId)
      expect(second!.ingestionJobId).toBe(run.outputs.ingestion_job_id)
      expect(Date.parse(second!.startedAt)).toBeGreaterThanOrEqual(Date.parse(first!.updatedAt))
      expect(first!.statistics.numberOfNewDocumentsIndexed).toBe(30)
      expect(statisticsOf(run)).toMatchObject({ numberOfDocumentsScanned: 50, numberOfNewDocumentsIndexed: 20 })
      expectJobAsReported(run, view)
      expectAllSearchable(view)
    })
  })

  it.concurrent(
    'on a ConflictException from a job started after its check, waits for that job and retries',
    async () => {
      const clock = new ManualClock(Date.now())
      await withStack({ clock, jobDurationMs: 1000 }, async (stack) => {
        await stack.seedIncidents(20, { status: 'CLOSED' })
        // Someone starts a job between the action's ListIngestionJobs and its StartIngestionJob.
        const theirs = stack.faults.foreignJobOnNextList()

        const run = await runWhileJobsAdvanceOnPoll(stack, clock, {}, 1000)
        const theirId = ((await theirs.started) as { ingestionJobId: string }).ingestionJobId
        expect(run.outputs).toMatchObject({ status: 'completed', synced_count: '20', ingestion_status: 'COMPLETE' })
        expect(run.stdout).toContain('StartIngestionJob: another job is running (ConflictException); waiting for it')
        const starts = stack
          .calls()
          .filter((c) => c.operation === 'StartIngestionJob' && c.accessKeyId === stack.env.AWS_ACCESS_KEY_ID)
        expect(starts.map((c) => c.status)).toEqual([409, 202])
        const view = await inspect(stack)
        expect(view.truth.jobs.map((j) => j.ingestionJobId)).toEqual([theirId, run.outputs.ingestion_job_id])
        expect(Date.parse(view.truth.jobs[1]!.startedAt)).toBeGreaterThanOrEqual(
          Date.parse(view.truth.jobs[0]!.updatedAt)
        )
        expectJobAsReported(run, view)
        expectAllSearchable(view)
      })
    }
  )
})

describe('a job an earlier run did not wait for', () => {
  it.concurrent('is reported by the next run: its failure fails that run, which then heals it', async () => {
    await withStack({}, async (stack) => {
      await stack.seedIncidents(10, { status: 'CLOSED' })
      stack.faults.failNextJob(['Embedding model throttled.'])

      const first = await runKbSync(stack, { wait_for_ingestion: 'false' })
      expect(first.outputs.status).toBe('started')
      const unwaited = first.outputs.ingestion_job_id
      await waitFor(
        async () => (await stack.truth()).jobs.some((j) => j.status === 'FAILED'),
        'the unwaited job to fail on its own'
      )

      const second = await runKbSync(stack)
      expect(second.outputs.status).toBe('failed')
      expect(annotations(second.errors)).toContain(
        `The ingestion job an earlier run started without waiting for it (${unwaited}) ended FAILED: Embedding model throttled.`
      )
      expect(second.summary).toContain(`the last ingestion job (${unwaited}) ended FAILED; healing it`)
      expect(second.outputs.ingestion_status).toBe('COMPLETE')
      expectAllSearchable(await inspect(stack))

      // Learned once: the next run finds the healing job, which its own run waited for.
      const third = await runKbSync(stack)
      expect(third.outputs.status).toBe('skipped')
    })
  })
})

describe('following the job', () => {
  it.concurrent('wait_for_ingestion: false returns once the job is accepted (status started)', async () => {
    await withStack({}, async (stack) => {
      await stack.seedIncidents(20, { status: 'CLOSED' })

      const run = await runKbSync(stack, { wait_for_ingestion: 'false' })
      expect(run.outputs).toMatchObject({ status: 'started', synced_count: '20', ingestion_status: 'STARTING' })
      expect(run.summary).toContain(`ingestion job ${run.outputs.ingestion_job_id} started, not waited for`)
      expect(actionCalls(stack)).not.toContain('bedrock-agent:GetIngestionJob')
      // The job runs on without the action and indexes everything.
      await waitFor(
        async () => (await stack.truth()).jobs.some((j) => j.status === 'COMPLETE'),
        'the job to complete on its own'
      )
      const view = await inspect(stack)
      expect(view.truth.jobs.map((j) => j.ingestionJobId)).toEqual([run.outputs.ingestion_job_id])
      expectAllSearchable(view)
    })
  })

  it.concurrent(
    'fails past ingestion_timeout_minutes naming the job and its status, and leaves it running',
    async () => {
      await withStack({}, async (stack) => {
        await stack.seedIncidents(10, { status: 'CLOSED' })
        stack.faults.stickNextJob()

        const run = await runKbSync(stack, { ingestion_timeout_minutes: '0.01' })
        const jobId = run.outputs.ingestion_job_id
        expect(run.outputs).toMatchObject({ status: 'failed', synced_count: '10', ingestion_status: 'IN_PROGRESS' })
        expect(annotations(run.errors)).toContain(
          `Timed out after ingestion_timeout_minutes = 0.01: ingestion job ${jobId} (started by this run) is still IN_PROGRESS. The job was left running; see it with: aws bedrock-agent get-ingestion-job --knowledge-base-id ${stack.ids.knowledgeBaseId} --data-source-id ${stack.ids.dataSourceId} --ingestion-job-id ${jobId}`
        )
        expect(actionCalls(stack)).not.toContain('bedrock-agent:StopIngestionJob')
        const view = await inspect(stack)
        expect(view.truth.jobs).toMatchObject([{ ingestionJobId: jobId, status: 'IN_PROGRESS' }])
        expect(view.indexed).toEqual([])
      })
    }
  )

  it.concurrent('fails on failed documents by default, naming them', async () => {
    await withStack({}, async (stack) => {
      const seeded = await stack.seedIncidents(20, { status: 'CLOSED' })
      const bad = String(seeded[3]!.incident_id)
      const badKey = `${stack.ids.prefix}${bad}.json`
      stack.faults.failDocument(badKey, 'File is <corrupt> & unreadable.')

      const run = await runKbSync(stack)
      expect(run.outputs).toMatchObject({ status: 'failed', synced_count: '20', ingestion_status: 'COMPLETE' })
      expect(statisticsOf(run)).toMatchObject({ numberOfNewDocumentsIndexed: 19, numberOfDocumentsFailed: 1 })
      expect(annotations(run.errors)).toContain(
        `Ingestion job ${run.outputs.ingestion_job_id} completed, but 1 documents failed to ingest: Encountered error: failed to ingest s3://${stack.ids.bucket}/${badKey}: File is <corrupt> & unreadable.. Set fail_on_document_failures: false to accept this as a warning.`
      )
      expect(run.summary).toContain('File is <corrupt> & unreadable.')
      const view = await inspect(stack)
      expect(view.synced).toEqual(view.closed)
      expect(view.indexed).toEqual(view.closed.filter((id) => id !== bad))
      expectJobAsReported(run, view)
    })
  })

  it.concurrent('only warns on failed documents with fail_on_document_failures: false', async () => {
    await withStack({}, async (stack) => {
      await stack.seedIncidents(20, { status: 'CLOSED' })
      // A file someone put next to the incidents by hand, that is not valid JSON.
      const brokenKey = 'incidents/manual/broken.json'
      stack.s3.put(stack.ids.bucket, brokenKey, '{"incident_id": "MANUAL-1", ', 'application/json')

      const run = await runKbSync(stack, { fail_on_document_failures: 'false' })
      expect(run.outputs).toMatchObject({ status: 'completed', synced_count: '20', ingestion_status: 'COMPLETE' })
      expect(statisticsOf(run)).toMatchObject({ numberOfNewDocumentsIndexed: 20, numberOfDocumentsFailed: 1 })
      expect(annotations(run.warnings)).toContain(
        `completed, but 1 documents failed to ingest: Encountered error: failed to ingest s3://${stack.ids.bucket}/${brokenKey}: File content is not valid JSON`
      )
      const view = await inspect(stack)
      expect(view.truth.indexed.map((d) => d.key)).not.toContain(brokenKey)
      expectAllSearchable(view)
      expectJobAsReported(run, view)
    })
  })

  it.concurrent('rides out throttled StartIngestionJob and GetIngestionJob calls', async () => {
    await withStack({}, async (stack) => {
      await stack.seedIncidents(20, { status: 'CLOSED' })
      // More than the SDK's three attempts, so the action's own retries have to heal them.
      stack.faults.throttle('StartIngestionJob', 4)
      stack.faults.throttle('GetIngestionJob', 4)

      const run = await runKbSync(stack)
      expect(run.outputs).toMatchObject({ status: 'completed', synced_count: '20', ingestion_status: 'COMPLETE' })
      expect(run.stdout).toMatch(/StartIngestionJob was throttled; trying again in \d+\.\ds/)
      expect(run.stdout).toContain(
        `Status check of job ${run.outputs.ingestion_job_id} failed (ThrottlingException); checking again`
      )
      const throttled = (op: string): number =>
        stack.calls().filter((c) => c.operation === op && c.errorCode === 'ThrottlingException').length
      expect(throttled('StartIngestionJob')).toBe(4)
      expect(throttled('GetIngestionJob')).toBe(4)
      const view = await inspect(stack)
      expect(view.truth.jobs).toHaveLength(1)
      expectJobAsReported(run, view)
      expectAllSearchable(view)
    })
  })
})

describe('the sync phase off or not waited for', () => {
  it.concurrent('wait_for_sync: false invokes once as an Event, knows no counts, and still ingests', async () => {
    await withStack({}, async (stack) => {
      await stack.seedIncidents(70, { status: 'CLOSED' })

      const run = await runKbSync(stack, { wait_for_sync: 'false' })
      expect(run.outputs).toMatchObject({
        status: 'completed',
        synced_count: '',
        sync_failed_count: '',
        processed_count: '',
        sync_batches: '1',
        backlog_remaining: '',
        ingestion_status: 'COMPLETE'
      })
      expect(resultOf(run).sync_phase).toMatchObject({ successfully_synced: null, backlog_before: 70 })
      expect(run.summary).toContain('Invoked the sync Lambda asynchronously')
      expect(run.summary).toContain('Started: the sync ran asynchronously, so its results are unknown.')
      expect(run.summary).toContain('<td>unknown (asynchronous)</td>')

      await stack.idle()
      expect(stack.invocations()).toMatchObject([{ invocationType: 'Event', outcome: 'success' }])
      expect(actionCalls(stack).filter((c) => c === 'lambda:Invoke')).toHaveLength(1)
      const view = await inspect(stack)
      // One batch ran; the job may have started before all of it landed in S3.
      expect(view.synced).toHaveLength(50)
      expect(view.pending).toHaveLength(20)
      expect(view.indexed.every((id) => view.synced.includes(id))).toBe(true)
      expectJobAsReported(run, view)
    })
  })

  it.concurrent('sync: false invokes nothing, counts the backlog once, and ingests what is in S3', async () => {
    await withStack({}, async (stack) => {
      await stack.seedIncidents(20, { status: 'CLOSED', syncedRatio: 1 })
      await stack.seedIncidents(10, { status: 'CLOSED' })

      const run = await runKbSync(stack, { sync: 'false' })
      expect(run.outputs).toMatchObject({
        status: 'completed',
        synced_count: '0',
        sync_batches: '0',
        backlog_remaining: '10',
        ingestion_status: 'COMPLETE'
      })
      expect(run.summary).toContain('Skipped: sync: false. Pending incidents: 10.')
      expect(run.summary).toContain('Started: the sync phase was off, so changes in S3 are unknown.')
      expect(actionCalls(stack).filter((c) => c === 'lambda:Invoke')).toEqual([])
      expect(actionCalls(stack).filter((c) => c === 'dynamodb:Query')).toHaveLength(1)
      expect(stack.invocations()).toEqual([])
      const view = await inspect(stack)
      expect(view.pending).toHaveLength(10)
      expect(view.indexed).toEqual(view.synced)
      expect(view.indexed).toHaveLength(20)
      expectJobAsReported(run, view)
    })
  })
})

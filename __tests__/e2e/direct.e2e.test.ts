/**
 * Direct ingestion end to end (docs/behaviour.md, "Direct ingestion"): the documents a run's batches wrote and
 * removed go to the knowledge base by name, are followed until indexed, deleted or failed, and are searchable right
 * after the run; a full job runs instead, with the reason, when direct ingestion cannot be trusted with the changes.
 *
 * The reference Lambda does not list its documents, so these runs use a function that runs one batch of it and adds
 * the lists (`synced_documents`, `removed_documents`) from what the batch changed in S3.
 */
import { describe, expect, it } from '@jest/globals'
import type { Stack, StackOptions } from '../../local/stack.js'
import { DIRECT_MAX_DOCUMENTS } from '../../src/pipeline/documents.js'
import {
  actionCalls,
  annotations,
  expectAllSearchable,
  expectJobAsReported,
  ingestAsSomeoneElse,
  inspect,
  invokeReference,
  reshapedReference,
  resultOf,
  runKbSync,
  startJobAsSomeoneElse,
  statisticsOf,
  withStack
} from './support/e2e.js'

const LISTING = 'listing-batch-sync'
/** Documents take 200 ms of the stack's clock: a run follows them for a few status checks. */
const FAST: StackOptions = { documentDurationMs: 200 }

const SIDECAR = '.metadata.json'

/** The documents (not sidecars) under the Lambda's prefix, by key, with their ETags. */
function documents(stack: Stack): Map<string, string> {
  return new Map(
    stack.s3
      .list(stack.ids.bucket, stack.ids.prefix)
      .filter((o) => !o.key.endsWith(SIDECAR))
      .map((o) => [o.key, o.etag])
  )
}

/**
 * Registers a function that runs one batch of the reference Lambda and answers its result plus the documents the
 * batch wrote (new or changed in S3) and, when `remove` gives any, removes those incidents' documents first, as a
 * Lambda that takes reopened incidents out of the knowledge base would, and lists them.
 */
function listingReference(stack: Stack, remove: () => string[] = () => []): void {
  stack.setFunction(LISTING, {
    timeoutMs: 30_000,
    handler: async () => {
      const removed = await reopen(stack, remove())
      const before = documents(stack)
      const result = await invokeReference(stack)
      const written = [...documents(stack)].filter(([key, etag]) => before.get(key) !== etag).map(([key]) => key)
      return {
        ...result,
        ...(removed.length > 0 ? { removed: removed.length } : {}),
        synced_documents: written.map((key) => `s3://${stack.ids.bucket}/${key}`),
        removed_documents: removed.map((key) => `s3://${stack.ids.bucket}/${key}`)
      }
    }
  })
}

/** Reopens these incidents: OPEN in DynamoDB, their document and sidecar gone from S3. Returns the document keys. */
async function reopen(stack: Stack, ids: string[]): Promise<string[]> {
  if (ids.length === 0) return []
  const { incidents } = await stack.truth()
  const items = incidents
    .filter((i) => ids.includes(String(i.incident_id)))
    .map(({ kb_sync_status: _synced, ...item }) => ({ ...item, status: 'OPEN' }))
  await stack.seedIncidents(items)
  const keys = ids.map((id) => `${stack.ids.prefix}${id}.json`)
  for (const key of keys) {
    stack.s3.delete(stack.ids.bucket, key)
    stack.s3.delete(stack.ids.bucket, `${key}${SIDECAR}`)
  }
  return keys
}

/** A data source whose last full job ended cleanly, as direct ingestion requires. */
async function primed(stack: Stack): Promise<void> {
  const job = await ingestAsSomeoneElse(stack)
  expect(job.status).toBe('COMPLETE')
}

const operations = (stack: Stack, op: string): { status: number; errorCode?: string }[] =>
  stack
    .calls()
    .filter((c) => c.accessKeyId === stack.env.AWS_ACCESS_KEY_ID && c.operation === op)
    .map((c) => ({ status: c.status, ...(c.errorCode ? { errorCode: c.errorCode } : {}) }))

describe('direct ingestion of a run’s changes', () => {
  it.concurrent(
    'ingests the new incidents by name, starts no job, and they are searchable right after the run',
    async () => {
      await withStack(FAST, async (stack) => {
        await primed(stack)
        const seeded = await stack.seedIncidents(12, { status: 'CLOSED' })
        listingReference(stack)

        const run = await runKbSync(stack, { ingestion: 'direct', function_name: LISTING })
        expect(run.outputs).toMatchObject({
          status: 'completed',
          synced_count: '12',
          ingestion_job_id: '',
          ingestion_status: 'COMPLETE'
        })
        expect(statisticsOf(run)).toEqual({
          numberOfDocumentsIndexed: 12,
          numberOfDocumentsDeleted: 0,
          numberOfDocumentsFailed: 0
        })
        expect(resultOf(run).ingestion_phase).toMatchObject({ mode: 'direct', fallback_reason: null, job_id: null })
        expect(run.stdout).toMatch(/Ingesting 10 documents directly \(1\)/)
        expect(run.summary).toContain('Ingested directly')

        // Ten documents a call, each with its own token; no job started by the run.
        expect(operations(stack, 'IngestKnowledgeBaseDocuments')).toEqual([{ status: 202 }, { status: 202 }])
        expect(actionCalls(stack)).not.toContain('bedrock-agent:StartIngestionJob')
        expect(operations(stack, 'GetKnowledgeBaseDocuments').length).toBeGreaterThan(0)

        // Searchable at once: the run ends when Bedrock says INDEXED.
        const first = seeded[0] as { incident_id: string; title: string }
        const [top] = await stack.retrieve(first.title, {
          numberOfResults: 1,
          filter: { equals: { key: 'incident_id', value: first.incident_id } }
        })
        expect(top?.location?.s3Location?.uri).toBe(
          `s3://${stack.ids.bucket}/${stack.ids.prefix}${first.incident_id}.json`
        )
        const view = await inspect(stack)
        expectAllSearchable(view)
        expect(view.truth.jobs).toHaveLength(1)
        expect(view.truth.indexed.every((d) => d.via === 'direct')).toBe(true)
        expect(view.truth.documents).toHaveLength(12)

        // A full job afterwards finds nothing new: the directly ingested documents count as indexed.
        const job = await ingestAsSomeoneElse(stack)
        expect(job.statistics).toMatchObject({
          numberOfDocumentsScanned: 12,
          numberOfNewDocumentsIndexed: 0,
          numberOfModifiedDocumentsIndexed: 0,
          numberOfMetadataDocumentsModified: 0
        })
      })
    }
  )

  it.concurrent('ingestion: auto ingests directly too when it can', async () => {
    await withStack(FAST, async (stack) => {
      await primed(stack)
      await stack.seedIncidents(3, { status: 'CLOSED' })
      listingReference(stack)

      const run = await runKbSync(stack, { ingestion: 'auto', function_name: LISTING })
      expect(run.outputs).toMatchObject({ status: 'completed', ingestion_status: 'COMPLETE', ingestion_job_id: '' })
      expect(resultOf(run).ingestion_phase.mode).toBe('direct')
      expect(statisticsOf(run)).toMatchObject({ numberOfDocumentsIndexed: 3 })
      expectAllSearchable(await inspect(stack))
    })
  })

  it.concurrent('removes the documents the Lambda lists as removed: deleted, no longer searchable', async () => {
    await withStack(FAST, async (stack) => {
      const seeded = await stack.seedIncidents(5, { status: 'CLOSED', syncedRatio: 1 })
      await primed(stack)
      const gone = String(seeded[1]?.incident_id)
      expect(await stack.retrieve(gone, { filter: { equals: { key: 'incident_id', value: gone } } })).toHaveLength(1)
      listingReference(stack, () => [gone])

      const run = await runKbSync(stack, { ingestion: 'direct', function_name: LISTING })
      expect(run.outputs).toMatchObject({ status: 'completed', synced_count: '0', ingestion_status: 'COMPLETE' })
      expect(statisticsOf(run)).toEqual({
        numberOfDocumentsIndexed: 0,
        numberOfDocumentsDeleted: 1,
        numberOfDocumentsFailed: 0
      })
      expect(run.stdout).toMatch(/Removing 1 documents directly/)
      expect(operations(stack, 'DeleteKnowledgeBaseDocuments')).toEqual([{ status: 202 }])
      expect(actionCalls(stack)).not.toContain('bedrock-agent:StartIngestionJob')

      const view = await inspect(stack)
      expect(view.indexed).not.toContain(gone)
      expect(view.indexed).toHaveLength(4)
      expect(await stack.retrieve(gone, { filter: { equals: { key: 'incident_id', value: gone } } })).toEqual([])
    })
  })
})

describe('a full job instead, with the reason', () => {
  it.concurrent('when the Lambda does not list its documents (an older Lambda)', async () => {
    await withStack(FAST, async (stack) => {
      await primed(stack)
      await stack.seedIncidents(4, { status: 'CLOSED' })
      reshapedReference(stack, LISTING, (result) => {
        const { synced_documents: _written, removed_documents: _removed, ...older } = result
        return older
      })

      const run = await runKbSync(stack, { ingestion: 'direct', function_name: LISTING })
      expect(run.outputs).toMatchObject({ status: 'completed', synced_count: '4', ingestion_status: 'COMPLETE' })
      const reason = 'the Lambda does not list the documents it writes (synced_documents, removed_documents)'
      expect(resultOf(run).ingestion_phase).toMatchObject({ mode: 'job', fallback_reason: reason })
      expect(run.summary).toContain(`A full ingestion job instead of direct ingestion: ${reason}.`)
      expect(actionCalls(stack)).not.toContain('bedrock-agent:IngestKnowledgeBaseDocuments')
      const view = await inspect(stack)
      expectJobAsReported(run, view)
      expectAllSearchable(view)
    })
  })

  it.concurrent('when the lists are shorter than the counts (a Lambda that lists empty lists)', async () => {
    await withStack(FAST, async (stack) => {
      await primed(stack)
      await stack.seedIncidents(4, { status: 'CLOSED' })
      reshapedReference(stack, LISTING, (result) => ({ ...result, synced_documents: [], removed_documents: [] }))

      const run = await runKbSync(stack, { ingestion: 'direct', function_name: LISTING })
      expect(run.outputs).toMatchObject({ status: 'completed', synced_count: '4', ingestion_status: 'COMPLETE' })
      expect(resultOf(run).ingestion_phase).toMatchObject({
        mode: 'job',
        fallback_reason: 'the Lambda listed 0 changed documents but counted 4, so its lists are incomplete'
      })
      const view = await inspect(stack)
      expectJobAsReported(run, view)
      expectAllSearchable(view)
    })
  })

  it.concurrent(`when more than ${DIRECT_MAX_DOCUMENTS} documents changed`, async () => {
    await withStack(FAST, async (stack) => {
      await primed(stack)
      const count = DIRECT_MAX_DOCUMENTS + 5
      await stack.seedIncidents(count, { status: 'CLOSED' })
      listingReference(stack)

      const run = await runKbSync(stack, { ingestion: 'direct', function_name: LISTING })
      expect(run.outputs).toMatchObject({
        status: 'completed',
        synced_count: String(count),
        sync_batches: String(Math.ceil(count / 50))
      })
      const fallback = resultOf(run).ingestion_phase.fallback_reason
      expect(fallback).toBe(
        `${count} documents changed, more than direct ingestion takes (${DIRECT_MAX_DOCUMENTS}); one scan is cheaper`
      )
      expect(run.summary).toContain(`A full ingestion job instead of direct ingestion: ${fallback}.`)
      expect(actionCalls(stack)).not.toContain('bedrock-agent:IngestKnowledgeBaseDocuments')
      const view = await inspect(stack)
      expect(expectJobAsReported(run, view).statistics.numberOfNewDocumentsIndexed).toBe(count)
      expectAllSearchable(view)
    })
  })

  it.concurrent('when the last full job failed: the job heals it', async () => {
    await withStack(FAST, async (stack) => {
      stack.faults.failNextJob(['Injected: the embedding model was unavailable.'])
      const failed = await ingestAsSomeoneElse(stack)
      expect(failed.status).toBe('FAILED')
      await stack.seedIncidents(3, { status: 'CLOSED' })
      listingReference(stack)

      const run = await runKbSync(stack, { ingestion: 'direct', function_name: LISTING })
      expect(run.outputs).toMatchObject({ status: 'completed', ingestion_status: 'COMPLETE' })
      expect(resultOf(run).ingestion_phase).toMatchObject({
        mode: 'job',
        fallback_reason: `the last full job (${failed.ingestionJobId}) did not end cleanly; a full job heals it`
      })
      expect(actionCalls(stack)).not.toContain('bedrock-agent:IngestKnowledgeBaseDocuments')
      const view = await inspect(stack)
      expectJobAsReported(run, view)
      expectAllSearchable(view)
    })
  })
})

describe('failed documents', () => {
  it.concurrent('are retried at once by a full job: a passing failure heals in the same run', async () => {
    await withStack(FAST, async (stack) => {
      await primed(stack)
      const [bad] = await stack.seedIncidents(3, { status: 'CLOSED' })
      const badKey = `${stack.ids.prefix}${String(bad?.incident_id)}.json`
      stack.faults.failDocument(badKey, 'Injected: a passing parser failure.', { times: 1 })
      listingReference(stack)

      const run = await runKbSync(stack, { ingestion: 'direct', function_name: LISTING })
      expect(run.outputs).toMatchObject({ status: 'completed', synced_count: '3', ingestion_status: 'COMPLETE' })
      expect(run.outputs.ingestion_job_id).not.toBe('')
      const failure = `s3://${stack.ids.bucket}/${badKey}: FAILED (Injected: a passing parser failure.)`
      expect(annotations(run.warnings)).toContain(
        `Direct ingestion: 1 documents failed: ${failure}. A full ingestion job retries them.`
      )
      expect(resultOf(run).ingestion_phase).toMatchObject({
        mode: 'job',
        fallback_reason: '1 documents failed in direct ingestion, so a full job retried them',
        failure_reasons: []
      })
      expect(run.summary).toContain('A full ingestion job after direct ingestion')
      const view = await inspect(stack)
      expect(view.indexed).toHaveLength(3)
      expect(view.indexed).toContain(String(bad?.incident_id))
    })
  })

  it.concurrent(
    'fail the run when the job fails them again, with Bedrock’s reasons; the others are indexed',
    async () => {
      await withStack(FAST, async (stack) => {
        await primed(stack)
        const [bad] = await stack.seedIncidents(4, { status: 'CLOSED' })
        const badKey = `${stack.ids.prefix}${String(bad?.incident_id)}.json`
        stack.faults.failDocument(badKey, 'Injected: the parser gave up on this document.')
        listingReference(stack)

        const run = await runKbSync(stack, { ingestion: 'direct', function_name: LISTING })
        expect(run.outputs).toMatchObject({ status: 'failed', synced_count: '4', ingestion_status: 'COMPLETE' })
        expect(statisticsOf(run)).toMatchObject({ numberOfDocumentsFailed: 1 })
        const failure = `s3://${stack.ids.bucket}/${badKey}: FAILED (Injected: the parser gave up on this document.)`
        expect(annotations(run.warnings)).toContain(`Direct ingestion: 1 documents failed: ${failure}`)
        expect(annotations(run.errors)).toContain('completed, but 1 documents failed to ingest')
        expect(annotations(run.errors)).toContain(`${badKey}: Injected: the parser gave up on this document.`)
        expect(annotations(run.errors)).toContain('Set fail_on_document_failures: false')
        expect(resultOf(run).ingestion_phase.mode).toBe('job')
        const view = await inspect(stack)
        expect(view.indexed).toHaveLength(3)
        expect(view.indexed).not.toContain(String(bad?.incident_id))

        // The failed job is the trace a later run reads: the next auto run heals with a full job.
        stack.faults.clear()
        const next = await runKbSync(stack, { function_name: LISTING })
        expect(next.outputs.status).toBe('completed')
        expect(resultOf(next).ingestion_phase).toMatchObject({ mode: 'job' })
        expect((await inspect(stack)).indexed).toContain(String(bad?.incident_id))
      })
    }
  )

  it.concurrent('only warn with fail_on_document_failures: false', async () => {
    await withStack(FAST, async (stack) => {
      await primed(stack)
      const [bad] = await stack.seedIncidents(2, { status: 'CLOSED' })
      stack.faults.failDocument(`${stack.ids.prefix}${String(bad?.incident_id)}.json`, 'Injected document failure.')
      listingReference(stack)

      const run = await runKbSync(stack, {
        ingestion: 'direct',
        function_name: LISTING,
        fail_on_document_failures: 'false'
      })
      expect(run.outputs).toMatchObject({ status: 'completed', ingestion_status: 'COMPLETE' })
      expect(statisticsOf(run)).toMatchObject({ numberOfDocumentsFailed: 1 })
      expect(annotations(run.warnings)).toContain('Direct ingestion: 1 documents failed')
      expect(annotations(run.warnings)).toContain('completed, but 1 documents failed to ingest')
      expect(annotations(run.warnings)).toContain('Injected document failure.')
    })
  })
})

describe('jobs on the data source', () => {
  it.concurrent('a job running when the phase starts is waited for, then the documents go directly', async () => {
    await withStack(FAST, async (stack) => {
      await primed(stack)
      await stack.seedIncidents(3, { status: 'CLOSED' })
      listingReference(stack)
      // The action's first look at the jobs is held until someone else's job is running.
      const gate = stack.faults.hold('ListIngestionJobs')
      const running = runKbSync(stack, { ingestion: 'direct', function_name: LISTING })
      await gate.reached
      const theirs = await startJobAsSomeoneElse(stack)
      gate.release()

      const run = await running
      expect(run.outputs).toMatchObject({ status: 'completed', ingestion_status: 'COMPLETE' })
      expect(run.stdout).toMatch(new RegExp(`Ingestion job ${theirs.ingestionJobId} is (STARTING|IN_PROGRESS)`))
      expect(resultOf(run).ingestion_phase.mode).toBe('direct')
      // The job it waited for is named; the statistics are the direct ingestion's.
      expect(run.outputs.ingestion_job_id).toBe(theirs.ingestionJobId)
      expect(statisticsOf(run)).toMatchObject({ numberOfDocumentsIndexed: 3 })
      expect(operations(stack, 'IngestKnowledgeBaseDocuments')).toEqual([{ status: 202 }])
      expectAllSearchable(await inspect(stack))
    })
  })

  it.concurrent(
    'a job someone starts right after the run looked (foreignJobOnNextList): ConflictException, waited out',
    async () => {
      await withStack(FAST, async (stack) => {
        await primed(stack)
        await stack.seedIncidents(3, { status: 'CLOSED' })
        listingReference(stack)
        const foreign = stack.faults.foreignJobOnNextList({ description: 'console user' })

        const run = await runKbSync(stack, { ingestion: 'direct', function_name: LISTING })
        const theirs = (await foreign.started) as { ingestionJobId: string }
        expect(run.outputs).toMatchObject({ status: 'completed', ingestion_status: 'COMPLETE' })
        expect(resultOf(run).ingestion_phase.mode).toBe('direct')
        expect(operations(stack, 'IngestKnowledgeBaseDocuments')).toEqual([
          { status: 409, errorCode: 'ConflictException' },
          { status: 202 }
        ])
        expect(run.stdout).toContain('IngestKnowledgeBaseDocuments: another job is running')
        const view = await inspect(stack)
        expect(view.truth.jobs.find((j) => j.ingestionJobId === theirs.ingestionJobId)?.status).toBe('COMPLETE')
        expectAllSearchable(view)
      })
    }
  )

  it.concurrent(
    'a job started while the documents are on their way (hold): ConflictException, waited out',
    async () => {
      await withStack(FAST, async (stack) => {
        await primed(stack)
        await stack.seedIncidents(3, { status: 'CLOSED' })
        listingReference(stack)
        const gate = stack.faults.hold('IngestKnowledgeBaseDocuments')
        const running = runKbSync(stack, { ingestion: 'direct', function_name: LISTING })
        await gate.reached
        await startJobAsSomeoneElse(stack)
        gate.release()

        const run = await running
        expect(run.outputs).toMatchObject({ status: 'completed', ingestion_status: 'COMPLETE' })
        expect(operations(stack, 'IngestKnowledgeBaseDocuments')).toEqual([
          { status: 409, errorCode: 'ConflictException' },
          { status: 202 }
        ])
        expect(statisticsOf(run)).toMatchObject({ numberOfDocumentsIndexed: 3, numberOfDocumentsFailed: 0 })
        expectAllSearchable(await inspect(stack))
      })
    }
  )
})

describe('calls that fail', () => {
  it.concurrent('rides out throttling storms on the document calls', async () => {
    await withStack(FAST, async (stack) => {
      await primed(stack)
      await stack.seedIncidents(3, { status: 'CLOSED' })
      listingReference(stack)
      // More than the SDK's three attempts, so the action's own retries have to heal them.
      stack.faults.throttle('IngestKnowledgeBaseDocuments', 4)
      stack.faults.throttle('GetKnowledgeBaseDocuments', 4)

      const run = await runKbSync(stack, { ingestion: 'direct', function_name: LISTING })
      expect(run.outputs).toMatchObject({ status: 'completed', ingestion_status: 'COMPLETE' })
      expect(run.stdout).toMatch(/IngestKnowledgeBaseDocuments was throttled; trying again in \d+\.\ds/)
      const throttled = (op: string): number =>
        operations(stack, op).filter((c) => c.errorCode === 'ThrottlingException').length
      expect(throttled('IngestKnowledgeBaseDocuments')).toBe(4)
      expect(throttled('GetKnowledgeBaseDocuments')).toBe(4)
      // The retried call carried the same token: the documents were taken once.
      expect((await stack.truth()).documents).toHaveLength(3)
      expect(statisticsOf(run)).toMatchObject({ numberOfDocumentsIndexed: 3 })
      expectAllSearchable(await inspect(stack))
    })
  })

  it.concurrent(
    'an answer lost after Bedrock took the call: the retry carries the same token, taken once',
    async () => {
      await withStack(FAST, async (stack) => {
        await primed(stack)
        await stack.seedIncidents(3, { status: 'CLOSED' })
        listingReference(stack)
        stack.faults.reset('IngestKnowledgeBaseDocuments', { phase: 'after-headers', bytes: 10 })

        const run = await runKbSync(stack, { ingestion: 'direct', function_name: LISTING })
        expect(run.outputs).toMatchObject({ status: 'completed', ingestion_status: 'COMPLETE' })
        const ingests = stack.calls().filter((c) => c.operation === 'IngestKnowledgeBaseDocuments')
        expect(ingests).toHaveLength(2)
        expect(ingests[0]?.fault).toBe('reset:after-headers')
        expect((await stack.truth()).documents).toHaveLength(3)
        expect(statisticsOf(run)).toMatchObject({ numberOfDocumentsIndexed: 3 })
        expectAllSearchable(await inspect(stack))
      })
    }
  )

  it.concurrent('a used-up quota fails the run at once, saying where to raise it', async () => {
    await withStack(FAST, async (stack) => {
      await primed(stack)
      await stack.seedIncidents(3, { status: 'CLOSED' })
      listingReference(stack)
      stack.faults.serviceQuota('IngestKnowledgeBaseDocuments', 5)

      const started = Date.now()
      const run = await runKbSync(stack, { ingestion: 'direct', function_name: LISTING })
      expect(run.outputs.status).toBe('failed')
      expect(operations(stack, 'IngestKnowledgeBaseDocuments')).toEqual([
        { status: 402, errorCode: 'ServiceQuotaExceededException' }
      ])
      expect(annotations(run.errors)).toContain(
        'bedrock:IngestKnowledgeBaseDocuments on knowledge base LOCALKB001 data source LOCALDS001 was refused because an account quota is used up'
      )
      expect(annotations(run.errors)).toContain('servicequotas')
      // No backoff: the whole run (Lambda included) takes a few seconds at most.
      expect(Date.now() - started).toBeLessThan(10_000)
    })
  })

  it.concurrent('at ingestion_timeout_minutes the run fails, naming the documents still in progress', async () => {
    await withStack({ documentDurationMs: 600_000 }, async (stack) => {
      await primed(stack)
      const seeded = await stack.seedIncidents(2, { status: 'CLOSED' })
      listingReference(stack)

      const run = await runKbSync(stack, {
        ingestion: 'direct',
        function_name: LISTING,
        ingestion_timeout_minutes: '0.02'
      })
      expect(run.outputs).toMatchObject({ status: 'failed', ingestion_status: 'IN_PROGRESS' })
      const errors = annotations(run.errors)
      expect(errors).toContain(
        'Timed out after ingestion_timeout_minutes = 0.02: 2 documents are still being processed'
      )
      for (const incident of seeded) {
        expect(errors).toContain(`s3://${stack.ids.bucket}/${stack.ids.prefix}${String(incident.incident_id)}.json`)
      }
      expect(errors).toContain('aws bedrock-agent get-knowledge-base-documents')
      // Bedrock goes on with them.
      expect((await stack.truth()).documents.map((d) => d.status)).toEqual(['STARTING', 'STARTING'])
    })
  })
})

describe('a cancelled direct ingestion', () => {
  it.concurrent('stops within 5 s of SIGINT with status cancelled', async () => {
    await withStack({ documentDurationMs: 600_000 }, async (stack) => {
      await primed(stack)
      await stack.seedIncidents(3, { status: 'CLOSED' })
      listingReference(stack)

      const run = await runKbSync(
        stack,
        { ingestion: 'direct', function_name: LISTING },
        { cancel: { signal: 'SIGINT', when: /Ingesting \d+ documents directly/ } }
      )
      expect(run.exitAfterSignalMs).toBeLessThan(5_000)
      expect(run.exitCode).toBe(1)
      expect(run.outputs.status).toBe('cancelled')
      expect(annotations(run.errors)).toContain('Cancelled by SIGINT during the ingestion step')
    })
  })
})

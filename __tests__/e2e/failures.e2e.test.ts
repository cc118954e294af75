/**
 * The sync phase and the report under failure (docs/behaviour.md, "What the Lambda answers", "Draining" and
 * "Outputs, job summary, logs"), end to end: sync errors, failed incidents, refused calls and wrong ids
 * fail the run with a message that says what to fix, the summary says it too (HTML-escaped), and whatever did sync
 * still becomes searchable.
 */
import { describe, expect, it } from '@jest/globals'
import { rawPayload } from '../../local/stack.js'
import {
  actionCalls,
  annotations,
  expectAllSearchable,
  expectJobAsReported,
  inspect,
  invokeReference,
  runKbSync,
  statisticsOf,
  waitFor,
  withStack
} from './support/e2e.js'

/** Text that must reach the summary as text: AWS and Lambda text is not HTML (expectWellFormed checks the markup). */
const HOSTILE = '<img src=x onerror=alert(1)> & "quotes"'

describe('a Lambda answer that is a sync error', () => {
  const fn = 'odd-batch-sync'

  it.concurrent('fails on statusCode 500, carrying the body message, escaped in the summary', async () => {
    await withStack({}, async (stack) => {
      await stack.seedIncidents(10, { status: 'CLOSED' })
      stack.setFunction(fn, {
        handler: () => ({ statusCode: 500, body: JSON.stringify({ message: `DynamoDB read failed: ${HOSTILE}` }) })
      })

      const run = await runKbSync(stack, { function_name: fn })
      expect(run.outputs).toMatchObject({ status: 'failed', synced_count: '0', sync_batches: '1' })
      expect(annotations(run.errors)).toContain(
        `Batch 1: The Lambda answered statusCode 500: DynamoDB read failed: ${HOSTILE}`
      )
      expect(run.summary).toContain(`DynamoDB read failed: ${HOSTILE}`)
      expect(run.summarySource).not.toContain('<img')
      const view = await inspect(stack)
      expect(view.synced).toEqual([])
      expect(view.pending).toHaveLength(10)
    })
  })

  it.concurrent('fails on a payload that is not JSON, quoting its first 500 characters', async () => {
    await withStack({}, async (stack) => {
      const garbage = `<html><body>502 Bad Gateway ${HOSTILE} ${'x'.repeat(500)}PAST-THE-QUOTE</body></html>`
      stack.setFunction(fn, { handler: () => rawPayload(garbage) })

      const run = await runKbSync(stack, { function_name: fn })
      expect(run.outputs).toMatchObject({ status: 'failed', sync_batches: '1' })
      const errors = annotations(run.errors)
      expect(errors).toContain("Batch 1: The Lambda's result is not JSON; it began: ")
      expect(errors).toContain(JSON.stringify(garbage.slice(0, 500)))
      expect(errors).not.toContain('PAST-THE-QUOTE')
      expect(run.summary).toContain('502 Bad Gateway <img')
      expect(run.summarySource).not.toContain('<img')
    })
  })

  it.concurrent('fails on a JSON answer that has none of the counts', async () => {
    await withStack({}, async (stack) => {
      stack.setFunction(fn, { handler: () => ({ ok: true, message: 'done' }) })

      const run = await runKbSync(stack, { function_name: fn })
      expect(run.outputs.status).toBe('failed')
      expect(annotations(run.errors)).toContain(
        'has none of the sync counts (successfully_synced, failed, total_processed); it began: "{\\"ok\\":true'
      )
    })
  })
})

describe('a function error', () => {
  it.concurrent(
    'stops draining, fails the run with the log tail in a <details> block, and still ingests what synced',
    async () => {
      await withStack({}, async (stack) => {
        await stack.seedIncidents(120, { status: 'CLOSED' })
        const fn = 'flaky-batch-sync'
        let batch = 0
        stack.setFunction(fn, {
          handler: async () => {
            if (++batch === 2) throw new TypeError(`Cannot read properties of undefined ${HOSTILE}`)
            return invokeReference(stack)
          }
        })

        const run = await runKbSync(stack, { function_name: fn, lambda_log_tail: 'always' })
        expect(run.outputs).toMatchObject({
          status: 'failed',
          synced_count: '50',
          sync_batches: '2',
          backlog_remaining: '70',
          ingestion_status: 'COMPLETE'
        })
        expect(annotations(run.errors)).toContain(
          `Batch 2: the Lambda ${fn} failed (Unhandled) with TypeError: Cannot read properties of undefined ${HOSTILE}`
        )
        const details = /<details><summary>Lambda log tail<\/summary>([\s\S]*?)<\/details>/.exec(run.summary)?.[1]
        expect(details).toBeDefined()
        expect(details).toMatch(/START RequestId: [0-9a-f-]{36} Version: \$LATEST/)
        expect(details).toContain('Invoke Error')
        expect(details).toContain(HOSTILE.replace(/"/g, '\\"'))
        expect(details).toMatch(/REPORT RequestId: [0-9a-f-]{36}/)
        expect(run.summarySource).not.toContain('<img')
        expect(run.summary).toContain(
          'Draining stopped at a sync error; the ingestion phase still ran so that what did sync becomes searchable.'
        )
        expect(statisticsOf(run).numberOfNewDocumentsIndexed).toBe(50)

        const view = await inspect(stack)
        expect(view.synced).toHaveLength(50)
        expect(view.pending).toHaveLength(70)
        expect(view.indexed).toEqual(view.synced)
        expectJobAsReported(run, view)
      })
    }
  )

  it.concurrent('fails with Sandbox.Timedout when the Lambda runs past its own timeout', async () => {
    await withStack({}, async (stack) => {
      const fn = 'slow-batch-sync'
      let release = (): void => {}
      const released = new Promise<void>((resolve) => (release = resolve))
      stack.setFunction(fn, { handler: () => released })
      stack.configureFunction(fn, { timeoutMs: 500 })
      try {
        const run = await runKbSync(stack, { function_name: fn, lambda_log_tail: 'always' })
        expect(run.outputs).toMatchObject({ status: 'failed', sync_batches: '1', synced_count: '0' })
        expect(annotations(run.errors)).toMatch(
          new RegExp(
            `Batch 1: the Lambda ${fn} failed \\(Unhandled\\) with Sandbox\\.Timedout: RequestId: [0-9a-f-]{36} Error: Task timed out after 0\\.50 seconds`
          )
        )
        expect(run.summary).toMatch(
          /<details><summary>Lambda log tail<\/summary><pre>[\s\S]*Task timed out after 0\.50/
        )
        expect(stack.invocations().filter((i) => i.functionName === fn)).toMatchObject([{ outcome: 'timeout' }])
      } finally {
        release()
      }
    })
  })

  it.concurrent(
    'fails after sync_timeout_seconds saying the Lambda may still be running, and invokes it only once',
    async () => {
      await withStack({}, async (stack) => {
        const fn = 'long-batch-sync'
        let started = 0
        let release = (): void => {}
        const released = new Promise<void>((resolve) => (release = resolve))
        stack.setFunction(fn, {
          timeoutMs: 60_000,
          handler: async () => {
            started++
            await released
            return { successfully_synced: 0, failed: 0, total_processed: 0, has_more: false }
          }
        })
        try {
          const run = await runKbSync(stack, { function_name: fn, sync_timeout_seconds: '1' })
          expect(run.outputs).toMatchObject({ status: 'failed', sync_batches: '1', synced_count: '0' })
          expect(annotations(run.errors)).toContain(
            `Batch 1: no answer from the Lambda ${fn} within sync_timeout_seconds = 1; it may still be running. The invocation was not retried, so no batch runs twice.`
          )
          expect(started).toBe(1)
        } finally {
          release()
        }
        await waitFor(() => stack.invocations().some((i) => i.functionName === fn), 'the invocation to finish')
        expect(stack.invocations().filter((i) => i.functionName === fn)).toHaveLength(1)
        expect(started).toBe(1)
      })
    }
  )
})

describe('incidents the Lambda failed to sync', () => {
  it.concurrent('fail the run at the end, naming them, after a COMPLETE ingestion of the others', async () => {
    await withStack({}, async (stack) => {
      await stack.seedIncidents(30, { status: 'CLOSED' })
      // The first S3 write is refused: one incident fails, the Lambda carries on with the others.
      stack.faults.accessDenied('PutObject', 1)

      const run = await runKbSync(stack)
      expect(run.outputs).toMatchObject({
        status: 'failed',
        synced_count: '29',
        sync_failed_count: '1',
        processed_count: '30',
        sync_batches: '1',
        backlog_remaining: '1',
        ingestion_status: 'COMPLETE'
      })
      const failedId = /(\d+) incidents failed to sync to S3: (INC-\d{4}-\d{6})\./.exec(annotations(run.errors))
      expect(failedId?.[1]).toBe('1')
      const id = failedId![2]!
      expect(run.summary).toContain(`Incidents that failed to sync: <code>${id}</code>`)
      expect(annotations(run.warnings)).toContain(
        '1 incidents are still pending after the sync; the next run retries them.'
      )
      expect(statisticsOf(run)).toMatchObject({ numberOfNewDocumentsIndexed: 29, numberOfDocumentsFailed: 0 })

      const view = await inspect(stack)
      expect(view.pending).toEqual([id])
      expect(view.synced).toHaveLength(29)
      expect(view.indexed).toEqual(view.synced)
      expectJobAsReported(run, view)
    })
  })
})

describe('an incident that failed in one batch and synced in a later one', () => {
  it.concurrent('still fails the run: failed > 0 in any batch counts (docs/behaviour.md, "Draining")', async () => {
    await withStack({}, async (stack) => {
      await stack.seedIncidents(60, { status: 'CLOSED' })
      // Batch 1 fails one incident and says has_more; batch 2 picks it up again with the last ten.
      stack.faults.accessDenied('PutObject', 1)

      const run = await runKbSync(stack)
      expect(run.outputs).toMatchObject({
        status: 'failed',
        synced_count: '60',
        sync_failed_count: '1',
        processed_count: '61',
        sync_batches: '2',
        backlog_remaining: '0',
        ingestion_status: 'COMPLETE'
      })
      expect(annotations(run.errors)).toMatch(/1 incidents failed to sync to S3: INC-\d{4}-\d{6}/)
      const view = await inspect(stack)
      expectAllSearchable(view)
      expectJobAsReported(run, view)
    })
  })
})

describe('a refused or misdirected AWS call', () => {
  it.concurrent('names bedrock:StartIngestionJob when starting the job is denied', async () => {
    await withStack({}, async (stack) => {
      await stack.seedIncidents(20, { status: 'CLOSED' })
      stack.faults.accessDenied('StartIngestionJob')

      const run = await runKbSync(stack)
      expect(run.outputs).toMatchObject({ status: 'failed', synced_count: '20', ingestion_job_id: '' })
      const errors = annotations(run.errors)
      expect(errors).toContain(
        `Access denied for bedrock:StartIngestionJob on knowledge base ${stack.ids.knowledgeBaseId} data source ${stack.ids.dataSourceId}: grant the role bedrock:StartIngestionJob on that resource`
      )
      expect(errors).toContain('is not authorized to perform: bedrock:StartIngestionJob')
      const view = await inspect(stack)
      expect(view.synced).toHaveLength(20)
      expect(view.indexed).toEqual([])
      expect(view.truth.jobs).toEqual([])
    })
  })

  it.concurrent('names lambda:InvokeFunction when the invocation is denied, and does not retry it', async () => {
    await withStack({}, async (stack) => {
      await stack.seedIncidents(20, { status: 'CLOSED' })
      stack.faults.accessDenied('Invoke')

      const run = await runKbSync(stack)
      expect(run.outputs).toMatchObject({ status: 'failed', synced_count: '0', backlog_remaining: '20' })
      expect(annotations(run.errors)).toContain(
        `Access denied for lambda:InvokeFunction on function ${stack.ids.functionName}: grant the role lambda:InvokeFunction on that resource`
      )
      expect(actionCalls(stack).filter((c) => c === 'lambda:Invoke')).toHaveLength(1)
      expect(stack.invocations()).toEqual([])
      const view = await inspect(stack)
      expect(view.synced).toEqual([])
    })
  })

  it.concurrent('only warns, naming dynamodb:Query, when the backlog cannot be counted', async () => {
    await withStack({}, async (stack) => {
      await stack.seedIncidents(60, { status: 'CLOSED' })
      // Once: the action's count comes first; the Lambda's own queries must go through.
      stack.faults.accessDenied('dynamodb:Query', 1)

      const run = await runKbSync(stack)
      expect(run.outputs).toMatchObject({
        status: 'completed',
        synced_count: '60',
        sync_batches: '2',
        backlog_remaining: ''
      })
      expect(annotations(run.warnings)).toContain(
        `Backlog count unavailable, continuing without it: Access denied for dynamodb:Query on table ${stack.ids.table} index ${stack.ids.index}`
      )
      const denied = stack.calls().filter((c) => c.operation === 'Query' && c.status !== 200)
      expect(denied).toMatchObject([{ accessKeyId: stack.env.AWS_ACCESS_KEY_ID, errorCode: 'AccessDeniedException' }])
      const view = await inspect(stack)
      expectAllSearchable(view)
      expectJobAsReported(run, view)
    })
  })

  it.concurrent('says to check the id and the region when the knowledge base does not exist', async () => {
    await withStack({}, async (stack) => {
      await stack.seedIncidents(10, { status: 'CLOSED' })

      const run = await runKbSync(stack, { knowledge_base_id: 'WRONGKB001' })
      expect(run.outputs).toMatchObject({ status: 'failed', synced_count: '10', ingestion_job_id: '' })
      expect(annotations(run.errors)).toContain(
        `knowledge base WRONGKB001 data source ${stack.ids.dataSourceId} was not found in region us-east-1 (bedrock:ListIngestionJobs): check the id and the region`
      )
      const view = await inspect(stack)
      expect(view.indexed).toEqual([])
      expect(view.truth.jobs).toEqual([])
    })
  })
})

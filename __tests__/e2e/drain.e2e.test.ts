/**
 * Draining (docs/behaviour.md, "Draining"), end to end: dist/index.js invokes the batch-sync Lambda until the backlog
 * is gone (or the batch budget is spent), and every CLOSED incident really ends up in S3, marked, indexed and
 * retrievable.
 */
import { describe, expect, it } from '@jest/globals'
import {
  annotations,
  expectAllSearchable,
  expectDirectAsReported,
  expectJobAsReported,
  inspect,
  resultOf,
  reshapedReference,
  runKbSync,
  statisticsOf,
  withStack,
  type ReferenceResult
} from './support/e2e.js'

describe('draining a backlog with the reference Lambda', () => {
  it.concurrent(
    'stops at max_sync_batches with a warning that work is pending, and the next run finishes',
    async () => {
      await withStack({}, async (stack) => {
        await stack.seedIncidents(130, { status: 'CLOSED' })
        await stack.seedIncidents(40, { closedRatio: 0 })

        const first = await runKbSync(stack, { max_sync_batches: '2' })
        expect(first.outputs).toMatchObject({
          status: 'completed',
          synced_count: '100',
          sync_batches: '2',
          backlog_remaining: '30',
          ingestion_status: 'COMPLETE'
        })
        expect(annotations(first.warnings)).toContain(
          'Stopped after 2 batches (max_sync_batches = 2); 30 incidents are still pending. The next run continues'
        )
        expect(first.summary).toContain(
          'Stopped at max_sync_batches (2) with work still pending (30 incidents); the next run continues.'
        )
        const partway = await inspect(stack)
        expect(partway.synced).toHaveLength(100)
        expect(partway.pending).toHaveLength(30)
        expect(partway.indexed).toEqual(partway.synced)
        expect(statisticsOf(first).numberOfNewDocumentsIndexed).toBe(100)
        expectJobAsReported(first, partway)

        const second = await runKbSync(stack, { max_sync_batches: '2' })
        expect(second.outputs).toMatchObject({
          status: 'completed',
          synced_count: '30',
          sync_batches: '1',
          backlog_remaining: '0'
        })
        expect(second.warnings).toEqual([])
        // The first run's full job left the data source clean, so the 30 that remain go directly, by name.
        expect(statisticsOf(second)).toMatchObject({ numberOfDocumentsIndexed: 30, numberOfDocumentsFailed: 0 })
        const done = await inspect(stack)
        expectAllSearchable(done)
        expectDirectAsReported(second, done)
      })
    }
  )
})

describe('draining a Lambda that does not say has_more', () => {
  const legacy = 'legacy-batch-sync'
  const withoutHasMore = (r: ReferenceResult) => ({
    successfully_synced: r.successfully_synced,
    failed: r.failed,
    total_processed: r.total_processed
  })

  it.concurrent('keeps invoking while the backlog count is above zero', async () => {
    await withStack({}, async (stack) => {
      await stack.seedIncidents(100, { status: 'CLOSED' })
      const fn = reshapedReference(stack, legacy, withoutHasMore)

      const run = await runKbSync(stack, { function_name: legacy, max_sync_batches: '10' })
      // 50, then a count of 50 pending, then 50, then a count of 0: two batches, no third empty one.
      expect(run.outputs).toMatchObject({
        status: 'completed',
        synced_count: '100',
        sync_batches: '2',
        backlog_remaining: '0'
      })
      expect(fn.batches()).toBe(2)
      expect(run.stdout).not.toContain('has_more')
      const view = await inspect(stack)
      expectAllSearchable(view)
      expectJobAsReported(run, view)
    })
  })

  it.concurrent('without a backlog count, keeps invoking while a batch processed 50 or more', async () => {
    await withStack({}, async (stack) => {
      await stack.seedIncidents(100, { status: 'CLOSED' })
      const fn = reshapedReference(stack, legacy, withoutHasMore)

      const run = await runKbSync(stack, { function_name: legacy, backlog_table: '' })
      // 50 and 50 look like full batches, so a third batch finds nothing and ends the drain.
      expect(run.outputs).toMatchObject({
        status: 'completed',
        synced_count: '100',
        processed_count: '100',
        sync_batches: '3',
        backlog_remaining: ''
      })
      expect(resultOf(run).sync_phase).toMatchObject({ backlog_before: null, backlog_after: null })
      expect(fn.batches()).toBe(3)
      expect(
        stack.calls().filter((c) => c.operation === 'Query' && c.accessKeyId === stack.env.AWS_ACCESS_KEY_ID)
      ).toEqual([])
      expect(run.summary).toContain('<td>unknown</td><td>unknown</td>')
      const view = await inspect(stack)
      expectAllSearchable(view)
      expectJobAsReported(run, view)
    })
  })
})

describe('reading the Lambda answer in the accepted shapes', () => {
  const fn = 'shaped-batch-sync'

  it.concurrent('reads an API-Gateway-style answer (statusCode 200 and a JSON body string)', async () => {
    await withStack({}, async (stack) => {
      await stack.seedIncidents(70, { status: 'CLOSED' })
      reshapedReference(stack, fn, (r) => ({ statusCode: 200, body: JSON.stringify(r) }))

      const run = await runKbSync(stack, { function_name: fn })
      expect(run.outputs).toMatchObject({
        status: 'completed',
        synced_count: '70',
        sync_batches: '2',
        backlog_remaining: '0'
      })
      expectAllSearchable(await inspect(stack))
    })
  })

  it.concurrent('reads counts nested under sync_results', async () => {
    await withStack({}, async (stack) => {
      await stack.seedIncidents(70, { status: 'CLOSED' })
      reshapedReference(stack, fn, (r) => ({ message: 'Batch sync finished', sync_results: r }))

      const run = await runKbSync(stack, { function_name: fn })
      expect(run.outputs).toMatchObject({ status: 'completed', synced_count: '70', sync_batches: '2' })
      expectAllSearchable(await inspect(stack))
    })
  })

  it.concurrent('reads camelCase counts (successfullySynced, failedCount, totalProcessed, hasMore)', async () => {
    await withStack({}, async (stack) => {
      await stack.seedIncidents(70, { status: 'CLOSED' })
      const shaped = reshapedReference(stack, fn, (r) => ({
        successfullySynced: r.successfully_synced,
        failedCount: r.failed,
        totalProcessed: r.total_processed,
        hasMore: r.has_more,
        failedIds: r.failed_ids
      }))

      // backlog_table off: only hasMore can keep the drain going past the first (full) batch and stop it after the
      // second.
      const run = await runKbSync(stack, { function_name: fn, backlog_table: '' })
      expect(run.outputs).toMatchObject({
        status: 'completed',
        synced_count: '70',
        processed_count: '70',
        sync_batches: '2'
      })
      expect(run.stdout).toContain('Batch 1: synced 50, failed 0, processed 50, has_more true')
      expect(shaped.batches()).toBe(2)
      expectAllSearchable(await inspect(stack))
    })
  })
})

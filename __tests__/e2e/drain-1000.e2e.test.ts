/**
 * Draining (docs/behaviour.md, "Draining") at scale: a backlog of 1,000 closed incidents drained by dist/index.js with
 * the reference Lambda in one run, then all of them searchable. Alone in its file so its wall time is measured without
 * other scenarios running.
 */
import { describe, expect, it } from '@jest/globals'
import {
  expectAllSearchable,
  expectJobAsReported,
  inspect,
  resultOf,
  runKbSync,
  statisticsOf,
  withStack
} from './support/e2e.js'

describe('draining a backlog of 1,000 incidents', () => {
  it('drains 1,000 closed incidents in 20 batches and makes every one of them searchable in one job', async () => {
    await withStack({}, async (stack) => {
      await stack.seedIncidents(1000, { status: 'CLOSED' })
      await stack.seedIncidents(700, { closedRatio: 0 })

      const started = performance.now()
      const run = await runKbSync(stack, { max_sync_batches: '1000' }, { timeoutMs: 120_000 })
      const wallMs = performance.now() - started
      console.log(
        `1,000-incident drain: ${(wallMs / 1000).toFixed(1)} s wall time for ${run.outputs.sync_batches} batches (duration_seconds output ${run.outputs.duration_seconds})`
      )

      expect(run.outputs).toMatchObject({
        status: 'completed',
        synced_count: '1000',
        sync_failed_count: '0',
        processed_count: '1000',
        sync_batches: String(Math.ceil(1000 / 50)),
        backlog_remaining: '0',
        ingestion_status: 'COMPLETE'
      })
      expect(resultOf(run).sync_phase).toMatchObject({ backlog_before: 1000, backlog_after: 0 })
      expect(statisticsOf(run)).toMatchObject({
        numberOfDocumentsScanned: 1000,
        numberOfMetadataDocumentsScanned: 1000,
        numberOfNewDocumentsIndexed: 1000,
        numberOfDocumentsFailed: 0
      })
      expect(run.warnings).toEqual([])
      expect(run.summary).toContain('Synced 1000 incidents in 20 batches')
      expect(run.summary).toContain('The backlog is drained.')
      expect(run.summary).toContain('<td><code>numberOfNewDocumentsIndexed</code></td><td>1000</td>')

      const view = await inspect(stack)
      expect(view.closed).toHaveLength(1000)
      expect(view.open).toHaveLength(700)
      expectAllSearchable(view)
      expect(view.truth.jobs).toHaveLength(1)
      expectJobAsReported(run, view)
      expect(stack.invocations().filter((i) => i.functionName === stack.ids.functionName)).toHaveLength(20)
    })
  }, 150_000)
})

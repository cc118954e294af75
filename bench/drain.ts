/**
 * Benchmark: the bundled action drains a backlog of 1,000 closed incidents through the reference Lambda on the
 * local stack, then ingests them. Prints the wall time of the run, the batches, and the Lambda's throughput per
 * invocation (incidents per second, warm invocations).
 */
import { runAction } from '../local/harness/action-runner.js'
import { startStack } from '../local/stack.js'

const CLOSED = Number(process.env.BENCH_INCIDENTS ?? 1000)

const stack = await startStack({ jobDurationMs: 500 })
try {
  await stack.seedIncidents(CLOSED, { status: 'CLOSED', seed: 1 })
  await stack.seedIncidents(200, { status: 'OPEN', seed: 2 })

  const started = performance.now()
  const run = await runAction({
    env: stack.env,
    inputs: {
      knowledge_base_id: stack.ids.knowledgeBaseId,
      data_source_id: stack.ids.dataSourceId,
      max_sync_batches: '1000',
      poll_interval_seconds: '0.5'
    },
    timeoutMs: 300_000
  })
  const wallMs = performance.now() - started
  if (run.outputs.status !== 'completed')
    throw new Error(`the run ended ${run.outputs.status}: ${run.errors.join('\n')}`)

  const truth = await stack.truth()
  const warm = stack.invocations().filter((i) => i.invocationType === 'RequestResponse' && !i.coldStart)
  const rates = warm
    .map((i) => (JSON.parse(i.payload) as { successfully_synced: number }).successfully_synced / (i.durationMs / 1000))
    .sort((a, b) => a - b)
  const median = rates[Math.floor(rates.length / 2)] ?? NaN

  console.log(`drain of ${CLOSED} closed incidents (+200 open):`)
  console.log(
    `  wall time of the run: ${(wallMs / 1000).toFixed(1)} s (action's own duration_seconds: ${run.outputs.duration_seconds})`
  )
  console.log(
    `  batches: ${run.outputs.sync_batches}, synced: ${run.outputs.synced_count}, backlog after: ${run.outputs.backlog_remaining}`
  )
  console.log(`  ingestion: ${run.outputs.ingestion_status}, ${run.outputs.statistics}`)
  console.log(
    `  pending after: ${truth.pendingIds.length}, indexed documents: ${truth.indexed.filter((d) => !d.key.endsWith('.metadata.json')).length}`
  )
  console.log(
    `  reference Lambda, warm invocations: median ${median.toFixed(0)} incidents/s per invocation (${warm.length} invocations)`
  )
} finally {
  await stack.stop()
}

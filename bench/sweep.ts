/**
 * Benchmark: the sweep over 10,000 synced incidents on the local stack. Runs the reference Lambda (the bundled
 * one, as Lambda would) with the default event until its sweep has made a full pass, first over documents synced
 * by an older version (no content hash yet), then again in the steady state, then after a few edits, reopenings
 * and deletions. Prints, per invocation, the requests the Lambda made by operation and its duration.
 */
import { DeleteItemCommand, DynamoDBClient, UpdateItemCommand } from '@aws-sdk/client-dynamodb'
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda'
import { sampleIncidents } from '../local/harness/incidents.js'
import { startStack } from '../local/stack.js'

const INCIDENTS = Number(process.env.BENCH_INCIDENTS ?? 10_000)
const LAMBDA_KEY = 'ASIALAMBDAEXECROLE01'

const stack = await startStack({
  ...(process.env.BENCH_LAMBDA ? { lambdaHandlerPath: process.env.BENCH_LAMBDA } : {}),
  lambdaEnv: process.env.SWEEP_LIMIT ? { SWEEP_LIMIT: process.env.SWEEP_LIMIT } : {}
})
const lambda = new LambdaClient({ ...stack.clientConfig, maxAttempts: 1 })
const ddb = new DynamoDBClient({ ...stack.clientConfig, maxAttempts: 1 })

interface Answer {
  successfully_synced: number
  updated: number
  removed: number
  duration_ms: number
  sweep: { checked: number; wrapped: boolean }
}

async function invoke(): Promise<{ answer: Answer; calls: Record<string, number>; ms: number }> {
  const before = stack.calls().length
  const started = performance.now()
  const out = await lambda.send(new InvokeCommand({ FunctionName: stack.ids.functionName, Payload: Buffer.from('{}') }))
  const ms = performance.now() - started
  const text = Buffer.from(out.Payload ?? new Uint8Array()).toString('utf8')
  if (out.FunctionError) throw new Error(`the Lambda failed: ${text}`)
  const calls: Record<string, number> = {}
  for (const c of stack.calls().slice(before)) {
    if (c.accessKeyId === LAMBDA_KEY) calls[c.operation] = (calls[c.operation] ?? 0) + 1
  }
  return { answer: JSON.parse(text) as Answer, calls, ms }
}

/** Invokes until the sweep wraps; prints one line per invocation. */
async function fullPass(title: string): Promise<void> {
  console.log(`\n${title}`)
  for (let n = 1; ; n++) {
    const { answer, calls, ms } = await invoke()
    const ops = Object.entries(calls)
      .sort()
      .map(([op, count]) => `${op} ${count}`)
      .join(', ')
    console.log(
      `  #${n}: checked ${answer.sweep.checked}, synced ${answer.successfully_synced}, updated ${answer.updated}, ` +
        `removed ${answer.removed}; ${answer.duration_ms} ms in the handler (${ms.toFixed(0)} ms invoke); ${ops}`
    )
    if (answer.sweep.wrapped) return
  }
}

try {
  const seeded = performance.now()
  // As an older version of the Lambda left them: documents written, kb_sync_status without hash and ETags.
  const legacy = sampleIncidents(INCIDENTS, 1, { status: 'CLOSED', syncedRatio: 1, seed: 1 }).map((i) => ({
    ...i,
    kb_sync_status: { ...i.kb_sync_status, content_sha256: undefined, etag: undefined, metadata_etag: undefined }
  }))
  const items = await stack.seedIncidents(legacy)
  console.log(
    `seeded ${INCIDENTS} synced incidents and their documents in ${((performance.now() - seeded) / 1000).toFixed(1)} s`
  )

  await fullPass('first pass: documents of an older version (hashes recorded, nothing written)')
  await fullPass('steady state: nothing changed')

  const ids = items.map((i) => String(i.incident_id))
  const key = (id: string) => ({ incident_id: { S: id } })
  for (const id of ids.slice(0, 20)) {
    await ddb.send(
      new UpdateItemCommand({
        TableName: stack.ids.table,
        Key: key(id),
        UpdateExpression: 'SET lessons_learned = :l',
        ExpressionAttributeValues: { ':l': { S: 'Postmortem: add a canary stage.' } }
      })
    )
  }
  for (const id of ids.slice(5000, 5005)) {
    await ddb.send(
      new UpdateItemCommand({
        TableName: stack.ids.table,
        Key: key(id),
        UpdateExpression: 'SET #s = :open',
        ExpressionAttributeNames: { '#s': 'status' },
        ExpressionAttributeValues: { ':open': { S: 'OPEN' } }
      })
    )
  }
  for (const id of ids.slice(9000, 9005)) {
    await ddb.send(new DeleteItemCommand({ TableName: stack.ids.table, Key: key(id) }))
  }
  await fullPass('after 20 edits, 5 reopenings, 5 deletions')
  const truth = await stack.truth()
  console.log(`\nmirror problems after the pass: ${truth.mirrorProblems.length}`)
} finally {
  lambda.destroy()
  ddb.destroy()
  await stack.stop()
}

import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, jest } from '@jest/globals'
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb'
import { S3Client } from '@aws-sdk/client-s3'
import { runInThisContext } from 'node:vm'
import { ConfigError, createHandler, type SyncHandler } from '../../src/lambda/index.js'
import { startStack, type Stack } from '../../local/stack.js'

// The handler runs in this process against the local stack's DynamoDB and S3 (over their wire protocols), with
// the stack's fault hooks standing in for AWS failures.
let stack: Stack
let ddb: DynamoDBClient
let s3: S3Client
let logged: string[]

function handlerWith(env: Record<string, string> = {}): SyncHandler {
  return createHandler({
    ddb: () => ddb,
    s3: () => s3,
    // The batch alone: the sweep has its own tests (sweep.test.ts), and a table shared by every test here.
    env: { BUCKET_NAME: stack.ids.bucket, CONCURRENCY: '4', SWEEP_LIMIT: '0', ...env }
  })
}

/** A Lambda context whose clock runs `msPerCall` faster per question, to exercise the time budget. */
function context(remainingMs = 300_000, msPerCall = 0): { functionName: string; getRemainingTimeInMillis(): number } {
  let left = remainingMs
  return {
    functionName: 'incident-kb-batch-sync',
    getRemainingTimeInMillis: () => (left -= msPerCall) + msPerCall
  }
}

beforeAll(async () => {
  stack = await startStack()
  ddb = new DynamoDBClient({ ...stack.clientConfig, maxAttempts: 1 })
  s3 = new S3Client({ ...stack.clientConfig, maxAttempts: 1 })
})

afterAll(async () => {
  ddb.destroy()
  s3.destroy()
  await stack.stop()
})

beforeEach(async () => {
  stack.faults.clear()
  logged = []
  const capture = (...args: unknown[]): void => void logged.push(args.map(String).join(' '))
  jest.spyOn(console, 'log').mockImplementation(capture)
  jest.spyOn(console, 'info').mockImplementation(capture)
  jest.spyOn(console, 'warn').mockImplementation(capture)
  jest.spyOn(console, 'error').mockImplementation(capture)
  // Each test starts from no pending incidents: sync whatever an earlier test left.
  const drain = handlerWith({ BATCH_LIMIT: '1000' })
  while ((await drain({}, context())).has_more);
  logged = []
})

afterEach(() => {
  jest.restoreAllMocks()
})

describe('the batch-sync handler', () => {
  it('writes each pending incident and its metadata sidecar to S3, then marks it synced', async () => {
    const seeded = await stack.seedIncidents(30)
    const pending = (await stack.truth()).pendingIds
    const ids = new Set(seeded.map((i) => i.incident_id))
    expect(pending.every((id) => ids.has(id))).toBe(true)

    const result = await handlerWith()({}, context())
    expect(result).toMatchObject({
      successfully_synced: pending.length,
      failed: 0,
      total_processed: pending.length,
      has_more: false,
      failed_ids: []
    })
    expect(result.duration_ms).toBeGreaterThanOrEqual(0)

    const truth = await stack.truth()
    expect(truth.pendingIds).toEqual([])
    for (const id of pending) {
      const key = `incidents/closed/${id}.json`
      expect(truth.documentKeys).toContain(key)
      expect(stack.s3.get(stack.ids.bucket, `${key}.metadata.json`)?.contentType).toBe('application/json')
      const item = truth.incidents.find((i) => i.incident_id === id) as { kb_sync_status: Record<string, unknown> }
      const written = stack.s3.get(stack.ids.bucket, key)
      expect(item.kb_sync_status).toEqual({
        synced: true,
        synced_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        s3_key: key,
        content_sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
        etag: written?.etag.replace(/"/g, ''),
        metadata_etag: stack.s3.get(stack.ids.bucket, `${key}.metadata.json`)?.etag.replace(/"/g, '')
      })
      // Marked as this Lambda's, so the sweep may delete it once the incident is reopened or deleted.
      expect(written?.metadata).toEqual({ 'kb-sync-incident': encodeURIComponent(id) })
    }
    // Open incidents are left alone.
    const open = seeded
      .filter((i) => i.status !== 'CLOSED')
      .map((i) => `incidents/closed/${String(i.incident_id)}.json`)
    expect(truth.documentKeys.filter((k) => open.includes(k))).toEqual([])

    const metrics = logged
      .map((l) => JSON.parse(l.startsWith('{') ? l : '{}') as Record<string, unknown>)
      .find((r) => '_aws' in r)
    expect(metrics).toMatchObject({
      FunctionName: 'incident-kb-batch-sync',
      IncidentsSynced: pending.length,
      SyncErrors: 0
    })
  })

  it('takes at most BATCH_LIMIT incidents and says when more remain', async () => {
    await stack.seedIncidents(12, { status: 'CLOSED' })
    const handler = handlerWith({ BATCH_LIMIT: '5' })
    const runs = []
    for (let i = 0; i < 4; i++) runs.push(await handler({}, context()))
    expect(runs.map((r) => [r.successfully_synced, r.has_more])).toEqual([
      [5, true],
      [5, true],
      [2, false],
      [0, false]
    ])
  })

  it('keeps paging past synced items, since Limit applies before the filter', async () => {
    // 60 synced P1 items come first in the index (range key priority); the 3 pending ones are P4.
    const synced = Array.from({ length: 60 }, (_, i) => ({
      incident_id: `INC-SYNCED-${i}`,
      status: 'CLOSED',
      priority: 'P1',
      kb_sync_status: { synced: true }
    }))
    const pending = Array.from({ length: 3 }, (_, i) => ({
      incident_id: `INC-LATE-${i}`,
      status: 'CLOSED',
      priority: 'P4',
      title: 'late'
    }))
    await stack.seedIncidents([...synced, ...pending])
    const result = await handlerWith({ BATCH_LIMIT: '2' })({}, context())
    expect(result).toMatchObject({ successfully_synced: 2, has_more: true })
    expect((await handlerWith({ BATCH_LIMIT: '2' })({}, context())).has_more).toBe(false)
  })

  it('works with an index that projects only keys, without rewriting synced incidents', async () => {
    await ddb.send(
      new CreateTableCommand({
        TableName: 'incidents-keys-only',
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [
          { AttributeName: 'incident_id', AttributeType: 'S' },
          { AttributeName: 'status', AttributeType: 'S' },
          { AttributeName: 'priority', AttributeType: 'S' }
        ],
        KeySchema: [{ AttributeName: 'incident_id', KeyType: 'HASH' }],
        GlobalSecondaryIndexes: [
          {
            IndexName: 'status-priority-index',
            KeySchema: [
              { AttributeName: 'status', KeyType: 'HASH' },
              { AttributeName: 'priority', KeyType: 'RANGE' }
            ],
            Projection: { ProjectionType: 'KEYS_ONLY' }
          }
        ]
      })
    )
    const { PutItemCommand } = await import('@aws-sdk/client-dynamodb')
    const put = (id: string, synced: boolean): Promise<unknown> =>
      ddb.send(
        new PutItemCommand({
          TableName: 'incidents-keys-only',
          Item: {
            incident_id: { S: id },
            status: { S: 'CLOSED' },
            priority: { S: 'P2' },
            title: { S: `title of ${id}` },
            kb_sync_status: { M: { synced: { BOOL: synced } } }
          }
        })
      )
    await put('KO-1', true)
    await put('KO-2', false)
    const result = await handlerWith({ TABLE_NAME: 'incidents-keys-only', KEY_PREFIX: 'keys-only/' })({}, context())
    expect(result).toMatchObject({ successfully_synced: 1, total_processed: 1, has_more: false })
    expect(stack.s3.get(stack.ids.bucket, 'keys-only/KO-1.json')).toBeUndefined()
    expect(JSON.parse(stack.s3.get(stack.ids.bucket, 'keys-only/KO-2.json')?.body.toString() ?? '{}')).toMatchObject({
      title: 'title of KO-2'
    })
  })

  it('never double-counts when invocations run concurrently', async () => {
    await stack.seedIncidents(40, { status: 'CLOSED' })
    const pending = (await stack.truth()).pendingIds.length
    const handler = handlerWith({ BATCH_LIMIT: '100', CONCURRENCY: '8' })
    const results = await Promise.all([handler({}, context()), handler({}, context()), handler({}, context())])
    const synced = results.reduce((n, r) => n + r.successfully_synced, 0)
    expect(synced).toBe(pending)
    expect(results.reduce((n, r) => n + r.failed, 0)).toBe(0)
    for (const r of results) expect(r.total_processed).toBe(r.successfully_synced + r.skipped)
    // They did race for the same incidents; the losers counted them as neither synced nor failed.
    expect(results.reduce((n, r) => n + r.skipped, 0)).toBeGreaterThan(0)
    expect((await stack.truth()).pendingIds).toEqual([])
  })

  it('stops taking new incidents when the time budget runs out, leaving them pending', async () => {
    await stack.seedIncidents(20, { status: 'CLOSED' })
    const pending = (await stack.truth()).pendingIds.length
    // 15 s left, 1 s consumed per look at the clock, a margin of a quarter of that: only the first few start.
    const result = await handlerWith({ CONCURRENCY: '1' })({}, context(15_000, 1000))
    expect(result.has_more).toBe(true)
    expect(result.total_processed).toBeGreaterThan(0)
    expect(result.total_processed).toBeLessThan(pending)
    expect(result.warning).toContain('not started for lack of time')
    expect((await stack.truth()).pendingIds.length).toBe(pending - result.successfully_synced)
  })

  it('answers with no work and has_more when no time is left, instead of throwing', async () => {
    await stack.seedIncidents(5, { status: 'CLOSED' })
    const before = (await stack.truth()).pendingIds
    const queries = stack.calls().filter((c) => c.operation === 'Query').length
    const result = await handlerWith()({}, context(0))
    expect(result).toMatchObject({
      successfully_synced: 0,
      failed: 0,
      total_processed: 0,
      has_more: true,
      failed_ids: [],
      skipped: 0,
      warning: expect.stringContaining('SAFETY_MARGIN_MS=10000')
    })
    expect(result.warning).toContain('before the backlog was read')
    expect(stack.calls().filter((c) => c.operation === 'Query').length).toBe(queries)
    expect((await stack.truth()).pendingIds).toEqual(before)
    expect(logged.some((l) => l.includes('"SyncErrors":0'))).toBe(true)
    expect(logged.some((l) => l.startsWith('{"message":"Time budget too short'))).toBe(true)
  })

  it.each([500, 3000])('shrinks the margin to fit %i ms left and answers with consistent counts', async (ms) => {
    await stack.seedIncidents(8, { status: 'CLOSED' })
    const before = (await stack.truth()).pendingIds.length
    const result = await handlerWith()({}, context(ms))
    expect(result.warning).toContain('SAFETY_MARGIN_MS=10000')
    expect(result.failed).toBe(0)
    expect(result.total_processed).toBe(result.successfully_synced + result.failed + result.skipped)
    const after = (await stack.truth()).pendingIds.length
    expect(after).toBe(before - result.successfully_synced)
    expect(result.has_more).toBe(after > 0)
    // A quarter of 3 s is ample margin for a handful of incidents against the local stack.
    if (ms === 3000) expect(result).toMatchObject({ successfully_synced: before, has_more: false })
  })

  it('turns a backlog query cut off by the deadline into an answer', async () => {
    await stack.seedIncidents(3, { status: 'CLOSED' })
    const before = (await stack.truth()).pendingIds
    // 1 s left: the margin is 250 ms and calls in flight are aborted with 125 ms to go.
    stack.faults.delay('Query', 1500)
    const result = await handlerWith()({}, context(1000))
    expect(result).toMatchObject({
      successfully_synced: 0,
      failed: 0,
      total_processed: 0,
      has_more: true,
      warning: expect.stringContaining('before the backlog was read')
    })
    expect((await stack.truth()).pendingIds).toEqual(before)
  })

  it('leaves an incident whose S3 write the deadline aborted pending, counted neither synced nor failed', async () => {
    await stack.seedIncidents(3, { status: 'CLOSED' })
    const before = (await stack.truth()).pendingIds
    stack.faults.delay('PutObject', 1500)
    // The configured margin fits here, so only the abort of the slow write is exercised.
    const result = await handlerWith({ CONCURRENCY: '1', SAFETY_MARGIN_MS: '250' })({}, context(1000))
    expect(result).toMatchObject({
      successfully_synced: 0,
      failed: 0,
      total_processed: 0,
      has_more: true,
      failed_ids: [],
      warning: expect.stringContaining('1 incident in flight')
    })
    expect((await stack.truth()).pendingIds).toEqual(before)
  })

  it('emits no MaxListenersExceededWarning for a batch of 50, even at the highest CONCURRENCY', async () => {
    await stack.seedIncidents(60, { status: 'CLOSED' })
    // Jest gives each test file its own copy of `process`; Node emits warnings on the real one.
    const realProcess = runInThisContext('process') as NodeJS.Process
    const warnings: Error[] = []
    const onWarning = (w: Error): void => void warnings.push(w)
    realProcess.on('warning', onWarning)
    try {
      const result = await handlerWith({ BATCH_LIMIT: '50', CONCURRENCY: '64' })({}, context())
      expect(result).toMatchObject({ successfully_synced: 50, failed: 0 })
      // Node reports the warning on a later tick.
      await new Promise((resolve) => setImmediate(resolve))
    } finally {
      realProcess.off('warning', onWarning)
    }
    expect(warnings.filter((w) => w.name === 'MaxListenersExceededWarning').map((w) => w.message)).toEqual([])
  })

  it('converges after a crash between the S3 write and the mark, rewriting the same bytes', async () => {
    const [incident] = await stack.seedIncidents([
      { incident_id: 'INC-CRASH', status: 'CLOSED', priority: 'P2', title: 'crash test' }
    ])
    stack.faults.error('UpdateItem', { status: 500, code: 'InternalServerError', message: 'boom' }, 1)
    const first = await handlerWith()({}, context())
    expect(first).toMatchObject({ successfully_synced: 0, failed: 1, failed_ids: ['INC-CRASH'] })
    const written = stack.s3.get(stack.ids.bucket, 'incidents/closed/INC-CRASH.json')
    expect(written).toBeDefined()
    expect((await stack.truth()).pendingIds).toEqual([incident?.incident_id])
    expect(logged.join('\n')).toContain('"incident_id":"INC-CRASH"')

    const second = await handlerWith()({}, context())
    expect(second).toMatchObject({ successfully_synced: 1, failed: 0 })
    expect(stack.s3.get(stack.ids.bucket, 'incidents/closed/INC-CRASH.json')?.etag).toBe(written?.etag)
    expect((await stack.truth()).pendingIds).toEqual([])
  })

  it('counts an S3 failure against the incident and leaves it pending, without throwing', async () => {
    await stack.seedIncidents([{ incident_id: 'INC-NOS3', status: 'CLOSED', priority: 'P3' }])
    stack.faults.accessDenied('PutObject')
    const result = await handlerWith()({}, context())
    expect(result).toMatchObject({ successfully_synced: 0, failed: 1, failed_ids: ['INC-NOS3'], has_more: false })
    expect((await stack.truth()).pendingIds).toEqual(['INC-NOS3'])
    const metrics = logged.find((l) => l.includes('"_aws"'))
    expect(metrics).toContain('"SyncErrors":1')
  })

  it('throws when the backlog cannot be read, and on a bad configuration', async () => {
    stack.faults.accessDenied('Query', 1)
    await expect(handlerWith()({}, context())).rejects.toMatchObject({ name: 'AccessDeniedException' })
    await expect(handlerWith({ BATCH_LIMIT: 'lots' })({}, context())).rejects.toBeInstanceOf(ConfigError)
    expect(logged.filter((l) => l.includes('"SyncErrors":1'))).toHaveLength(2)
  })
})

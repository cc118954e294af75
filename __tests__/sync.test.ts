import { beforeEach, describe, expect, it } from '@jest/globals'
import { DynamoDBClient, QueryCommand } from '@aws-sdk/client-dynamodb'
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda'
import { Uint8ArrayBlobAdapter } from '@smithy/core/serde'
import { mockClient } from 'aws-sdk-client-mock'
import { runSyncPhase } from '../src/pipeline/sync.js'
import { Cancelled } from '../src/deadline.js'
import { awsError, FakeClock, phaseContext, stubClients } from './support/fakes.js'

const lambdaMock = mockClient(LambdaClient)
const dynamoMock = mockClient(DynamoDBClient)
const clients = stubClients({
  lambda: new LambdaClient({ region: 'us-east-1' }),
  dynamodb: new DynamoDBClient({ region: 'us-east-1' })
})

const CONFIG = {
  sync: true,
  waitForSync: true,
  functionName: 'incident-kb-batch-sync',
  syncPayload: '{"source":"test"}',
  maxSyncBatches: 10,
  syncTimeoutSeconds: 900,
  backlogTable: 'incidents' as string | undefined,
  backlogIndex: 'status-priority-index',
  region: 'us-east-1'
}

const encode = (value: unknown) => Uint8ArrayBlobAdapter.fromString(JSON.stringify(value))
const batch = (synced: number, extra: Record<string, unknown> = {}) => ({
  StatusCode: 200,
  Payload: encode({ successfully_synced: synced, failed: 0, total_processed: synced, ...extra })
})

beforeEach(() => {
  lambdaMock.reset()
  dynamoMock.reset()
})

describe('runSyncPhase', () => {
  it('drains while the Lambda says has_more, summing the batches', async () => {
    dynamoMock.on(QueryCommand).resolvesOnce({ Count: 120 }).resolves({ Count: 0 })
    lambdaMock
      .on(InvokeCommand)
      .resolvesOnce(batch(50, { has_more: true }))
      .resolvesOnce(batch(50, { has_more: true }))
      .resolvesOnce(batch(20, { has_more: false }))
    const ctx = phaseContext()
    const phase = await runSyncPhase(CONFIG, clients, ctx)

    expect(phase).toMatchObject({
      invocations: 3,
      synced: 120,
      processed: 120,
      failed: 0,
      backlogBefore: 120,
      backlogAfter: 0,
      stopReason: 'drained',
      workPending: false
    })
    const calls = lambdaMock.commandCalls(InvokeCommand)
    expect(calls[0]!.args[0].input).toMatchObject({
      FunctionName: 'incident-kb-batch-sync',
      InvocationType: 'RequestResponse',
      LogType: 'Tail'
    })
    expect(new TextDecoder().decode(calls[0]!.args[0].input.Payload as Uint8Array)).toBe('{"source":"test"}')
    // has_more answered every question, so the backlog was read only before and after.
    expect(dynamoMock.commandCalls(QueryCommand)).toHaveLength(2)
    expect(ctx.warned).toEqual([])
  })

  it('counts the backlog with the GSI query of the spec', async () => {
    dynamoMock.on(QueryCommand).resolves({ Count: 0 })
    lambdaMock.on(InvokeCommand).resolves(batch(0, { has_more: false }))
    await runSyncPhase(CONFIG, clients, phaseContext())
    expect(dynamoMock.commandCalls(QueryCommand)[0]!.args[0].input).toEqual({
      TableName: 'incidents',
      IndexName: 'status-priority-index',
      KeyConditionExpression: '#status = :closed',
      FilterExpression: 'attribute_not_exists(#kb.#synced) OR #kb.#synced = :false',
      ExpressionAttributeNames: { '#status': 'status', '#kb': 'kb_sync_status', '#synced': 'synced' },
      ExpressionAttributeValues: { ':closed': { S: 'CLOSED' }, ':false': { BOOL: false } },
      Select: 'COUNT'
    })
  })

  it('pages through the whole backlog count', async () => {
    dynamoMock
      .on(QueryCommand)
      .resolvesOnce({ Count: 30, LastEvaluatedKey: { incident_id: { S: 'INC-30' } } })
      .resolvesOnce({ Count: 12 })
      .resolves({ Count: 0 })
    lambdaMock.on(InvokeCommand).resolves(batch(42, { has_more: false }))
    const phase = await runSyncPhase(CONFIG, clients, phaseContext())
    expect(phase.backlogBefore).toBe(42)
    expect(dynamoMock.commandCalls(QueryCommand)[1]!.args[0].input.ExclusiveStartKey).toEqual({
      incident_id: { S: 'INC-30' }
    })
  })

  it('uses the pending count when the Lambda does not say has_more', async () => {
    dynamoMock.on(QueryCommand).resolvesOnce({ Count: 70 }).resolvesOnce({ Count: 20 }).resolves({ Count: 0 })
    lambdaMock.on(InvokeCommand).resolvesOnce(batch(50)).resolvesOnce(batch(20))
    const phase = await runSyncPhase(CONFIG, clients, phaseContext())
    expect(phase).toMatchObject({ invocations: 2, synced: 70, backlogAfter: 0, stopReason: 'drained' })
    expect(dynamoMock.commandCalls(QueryCommand)).toHaveLength(3)
  })

  it('falls back to the batch size when neither has_more nor a count is known', async () => {
    lambdaMock.on(InvokeCommand).resolvesOnce(batch(50)).resolvesOnce(batch(50)).resolvesOnce(batch(12))
    const phase = await runSyncPhase({ ...CONFIG, backlogTable: undefined }, clients, phaseContext())
    expect(phase).toMatchObject({
      invocations: 3,
      synced: 112,
      backlogBefore: null,
      backlogAfter: null,
      stopReason: 'drained'
    })
    expect(dynamoMock.commandCalls(QueryCommand)).toHaveLength(0)
  })

  it('stops at max_sync_batches and says that work is still pending', async () => {
    dynamoMock.on(QueryCommand).resolvesOnce({ Count: 500 }).resolves({ Count: 400 })
    lambdaMock.on(InvokeCommand).resolves(batch(50, { has_more: true }))
    const ctx = phaseContext()
    const phase = await runSyncPhase({ ...CONFIG, maxSyncBatches: 2 }, clients, ctx)
    expect(phase).toMatchObject({
      invocations: 2,
      synced: 100,
      stopReason: 'max_batches',
      workPending: true,
      backlogAfter: 400
    })
    expect(ctx.warned).toEqual([
      'Stopped after 2 batches (max_sync_batches = 2); 400 incidents are still pending. The next run continues; raise max_sync_batches to drain faster.'
    ])
  })

  it('stops when a batch syncs nothing, so a stuck backlog cannot loop', async () => {
    dynamoMock.on(QueryCommand).resolves({ Count: 50 })
    lambdaMock.on(InvokeCommand).resolves({
      StatusCode: 200,
      Payload: encode({ successfully_synced: 0, failed: 50, total_processed: 50, has_more: true })
    })
    const ctx = phaseContext()
    const phase = await runSyncPhase(CONFIG, clients, ctx)
    expect(phase).toMatchObject({ invocations: 1, failed: 50, stopReason: 'no_progress', workPending: true })
    expect(ctx.warned[0]).toMatch(/synced no incident while work is still pending/)
  })

  it('keeps draining past a batch with some failures, and collects the failed ids', async () => {
    lambdaMock
      .on(InvokeCommand)
      .resolvesOnce(batch(49, { failed: 1, total_processed: 50, has_more: true, failed_ids: ['INC-9'] }))
      .resolvesOnce(batch(3, { has_more: false }))
    const phase = await runSyncPhase({ ...CONFIG, backlogTable: undefined }, clients, phaseContext())
    expect(phase).toMatchObject({ invocations: 2, synced: 52, failed: 1, failedIds: ['INC-9'], stopReason: 'drained' })
  })

  it('turns a function error into a sync error with the decoded log tail', async () => {
    const tail = 'START RequestId: 1\nERROR boom\nEND RequestId: 1\n'
    lambdaMock.on(InvokeCommand).resolves({
      StatusCode: 200,
      FunctionError: 'Unhandled',
      LogResult: Buffer.from(tail).toString('base64'),
      Payload: encode({ errorType: 'TypeError', errorMessage: 'Cannot read properties of undefined' })
    })
    const phase = await runSyncPhase({ ...CONFIG, backlogTable: undefined }, clients, phaseContext())
    expect(phase.error).toEqual({
      kind: 'function_error',
      message:
        'Batch 1: the Lambda incident-kb-batch-sync failed (Unhandled) with TypeError: Cannot read properties of undefined',
      logTail: tail
    })
    expect(phase).toMatchObject({ invocations: 1, stopReason: 'error' })
  })

  it('stops draining at an unreadable result', async () => {
    lambdaMock
      .on(InvokeCommand)
      .resolvesOnce(batch(50, { has_more: true }))
      .resolvesOnce({ StatusCode: 200, Payload: Uint8ArrayBlobAdapter.fromString('OK') })
    const phase = await runSyncPhase({ ...CONFIG, backlogTable: undefined }, clients, phaseContext())
    expect(phase.error?.kind).toBe('unreadable_result')
    expect(phase.error?.message).toMatch(/^Batch 2: The Lambda's result is not JSON; it began: "OK"/)
    expect(phase).toMatchObject({ invocations: 2, synced: 50 })
  })

  it('names lambda:InvokeFunction when access is denied', async () => {
    lambdaMock
      .on(InvokeCommand)
      .rejects(awsError('AccessDeniedException', 403, 'not authorized to perform: lambda:InvokeFunction'))
    const phase = await runSyncPhase({ ...CONFIG, backlogTable: undefined }, clients, phaseContext())
    expect(phase.error?.kind).toBe('aws')
    expect(phase.error?.message).toMatch(
      /^Batch 1: Access denied for lambda:InvokeFunction on function incident-kb-batch-sync/
    )
    // A refused request ran nothing: it is not an invocation made.
    expect(phase.invocations).toBe(0)
  })

  it('explains a timeout without retrying the batch', async () => {
    lambdaMock.on(InvokeCommand).rejects(Object.assign(new Error('Request timed out'), { name: 'TimeoutError' }))
    const phase = await runSyncPhase(
      { ...CONFIG, backlogTable: undefined, syncTimeoutSeconds: 30 },
      clients,
      phaseContext()
    )
    expect(phase.error?.message).toMatch(
      /no answer from the Lambda incident-kb-batch-sync within sync_timeout_seconds = 30; it may still be running/
    )
    expect(lambdaMock.commandCalls(InvokeCommand)).toHaveLength(1)
    // It may be running still, so it counts.
    expect(phase.invocations).toBe(1)
  })

  it('invokes once with InvocationType Event when not waiting', async () => {
    dynamoMock.on(QueryCommand).resolves({ Count: 7 })
    lambdaMock.on(InvokeCommand).resolves({ StatusCode: 202 })
    const phase = await runSyncPhase({ ...CONFIG, waitForSync: false }, clients, phaseContext())
    expect(lambdaMock.commandCalls(InvokeCommand)[0]!.args[0].input).toMatchObject({ InvocationType: 'Event' })
    expect(phase).toMatchObject({
      ran: true,
      waited: false,
      invocations: 1,
      stopReason: 'async',
      backlogBefore: 7,
      backlogAfter: null
    })
    expect(phase.error).toBeUndefined()
  })

  it('skips the Lambda when sync is off but still reports the pending backlog', async () => {
    dynamoMock.on(QueryCommand).resolves({ Count: 3 })
    const phase = await runSyncPhase({ ...CONFIG, sync: false }, clients, phaseContext())
    expect(lambdaMock.commandCalls(InvokeCommand)).toHaveLength(0)
    expect(phase).toMatchObject({ ran: false, skippedReason: 'sync: false', backlogAfter: 3, workPending: true })
  })

  it('warns once and carries on when the backlog cannot be counted', async () => {
    dynamoMock
      .on(QueryCommand)
      .rejects(awsError('AccessDeniedException', 400, 'not authorized to perform: dynamodb:Query'))
    lambdaMock.on(InvokeCommand).resolvesOnce(batch(50)).resolvesOnce(batch(5))
    const ctx = phaseContext()
    const phase = await runSyncPhase(CONFIG, clients, ctx)
    expect(phase).toMatchObject({
      invocations: 2,
      synced: 55,
      backlogBefore: null,
      backlogAfter: null,
      stopReason: 'drained'
    })
    expect(ctx.warned).toHaveLength(1)
    expect(ctx.warned[0]).toMatch(
      /^Backlog count unavailable, continuing without it: Access denied for dynamodb:Query on table incidents index status-priority-index/
    )
    expect(phase.error).toBeUndefined()
  })

  it("starts no batch that could not finish within the sync phase's time, and says so", async () => {
    const clock = new FakeClock(0)
    // Each count takes a minute: after the counts around two batches, a third 900 s batch no longer fits.
    dynamoMock.on(QueryCommand).callsFake(async () => {
      clock.advance(60_000)
      return { Count: 500 }
    })
    lambdaMock.on(InvokeCommand).callsFake(async () => {
      clock.advance(880_000)
      return batch(50)
    })
    const ctx = phaseContext(clock)
    const phase = await runSyncPhase({ ...CONFIG, maxSyncBatches: 3 }, clients, ctx)
    expect(phase).toMatchObject({ invocations: 2, synced: 100, stopReason: 'deadline', workPending: true })
    expect(ctx.warned).toEqual([
      "Stopped after 2 batches: another batch of up to sync_timeout_seconds = 900 would not fit in the sync phase's time; 500 incidents are still pending. The next run continues."
    ])
  })

  it('stops draining as soon as the run is cancelled, counting nothing more', async () => {
    const cancel = new AbortController()
    dynamoMock.on(QueryCommand).resolves({ Count: 500 })
    lambdaMock.on(InvokeCommand).callsFake(async () => {
      cancel.abort(new Cancelled('SIGINT'))
      return batch(50, { has_more: true })
    })
    const phase = await runSyncPhase(CONFIG, clients, phaseContext(new FakeClock(0), cancel.signal))
    expect(phase).toMatchObject({ invocations: 1, synced: 50, stopReason: 'cancelled', backlogAfter: null })
    expect(lambdaMock.commandCalls(InvokeCommand)).toHaveLength(1)
    expect(dynamoMock.commandCalls(QueryCommand)).toHaveLength(1)
  })

  it('counts a batch cut off by a cancel as made, and says it may still be running', async () => {
    const cancel = new AbortController()
    dynamoMock.on(QueryCommand).resolves({ Count: 500 })
    lambdaMock.on(InvokeCommand).callsFake(async () => {
      cancel.abort(new Cancelled('SIGTERM'))
      throw Object.assign(new Error('Request aborted'), { name: 'AbortError' })
    })
    const ctx = phaseContext(new FakeClock(0), cancel.signal)
    const phase = await runSyncPhase(CONFIG, clients, ctx)
    expect(phase).toMatchObject({ invocations: 1, inFlightBatch: 1, stopReason: 'cancelled', workPending: true })
    expect(phase.error).toBeUndefined()
    expect(ctx.logger.lines).toContain(
      'Batch 1: stopped waiting for the Lambda (the run was cancelled (SIGTERM)); the invocation may still finish in Lambda.'
    )
  })
})

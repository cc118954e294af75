/**
 * The sweep of the batch-sync Lambda: after the batch, the documents under the prefix are brought in step with the
 * table (edited incidents rewritten, reopened and deleted ones removed, others' files untouched), a bounded slice
 * per invocation from a stored cursor. The handler runs in this process against the local stack's DynamoDB and S3.
 */
import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals'
import { DeleteItemCommand, DynamoDBClient, UpdateItemCommand, type AttributeValue } from '@aws-sdk/client-dynamodb'
import { S3Client } from '@aws-sdk/client-s3'
import { renderDocument } from '../../src/lambda/document.js'
import { createHandler, type SyncResult } from '../../src/lambda/index.js'
import { startStack, type Stack } from '../../local/stack.js'

let stack: Stack
let ddb: DynamoDBClient
let s3: S3Client
let logged: string[]

const PREFIX = 'incidents/closed/'
const STATE_KEY = 'kb-sync-state/sweep.json'

beforeEach(async () => {
  stack = await startStack()
  ddb = new DynamoDBClient({ ...stack.clientConfig, maxAttempts: 1 })
  s3 = new S3Client({ ...stack.clientConfig, maxAttempts: 1 })
  logged = []
  const capture = (...args: unknown[]): void => void logged.push(args.map(String).join(' '))
  for (const level of ['log', 'info', 'warn', 'error'] as const) {
    jest.spyOn(console, level).mockImplementation(capture)
  }
})

afterEach(async () => {
  jest.restoreAllMocks()
  ddb.destroy()
  s3.destroy()
  await stack.stop()
})

function invoke(env: Record<string, string> = {}, remainingMs = 300_000): Promise<SyncResult> {
  const handler = createHandler({
    ddb: () => ddb,
    s3: () => s3,
    env: { BUCKET_NAME: stack.ids.bucket, CONCURRENCY: '4', ...env }
  })
  return handler({}, { functionName: 'incident-kb-batch-sync', getRemainingTimeInMillis: () => remainingMs })
}

/** CLOSED incidents, synced and written as the Lambda leaves them. */
async function seedSynced(n: number): Promise<string[]> {
  const items = await stack.seedIncidents(n, { status: 'CLOSED', syncedRatio: 1 })
  return items.map((i) => String(i.incident_id))
}

const docKey = (id: string): string => `${PREFIX}${id}.json`
const sidecarKey = (id: string): string => `${docKey(id)}.metadata.json`
const object = (key: string) => stack.s3.get(stack.ids.bucket, key)
const uri = (id: string): string => `s3://${stack.ids.bucket}/${docKey(id)}`

async function update(id: string, expression: string, values: Record<string, AttributeValue>): Promise<void> {
  await ddb.send(
    new UpdateItemCommand({
      TableName: stack.ids.table,
      Key: { incident_id: { S: id } },
      UpdateExpression: expression,
      ExpressionAttributeNames: expression.includes('#s') ? { '#s': 'status' } : undefined,
      ExpressionAttributeValues: Object.keys(values).length > 0 ? values : undefined
    })
  )
}

const edit = (id: string, text: string) => update(id, 'SET lessons_learned = :t', { ':t': { S: text } })
const setStatus = (id: string, status: string) => update(id, 'SET #s = :s', { ':s': { S: status } })
const deleteIncident = (id: string) =>
  ddb.send(new DeleteItemCommand({ TableName: stack.ids.table, Key: { incident_id: { S: id } } }))

async function item(id: string): Promise<Record<string, unknown> | undefined> {
  return (await stack.truth()).incidents.find((i) => i.incident_id === id)
}

/** Objects that are not the Lambda's, planted under (and beside) its prefix. */
function plantForeign(): Map<string, number> {
  const keys = [
    `${PREFIX}README.md`,
    `${PREFIX}runbooks/db-failover.json`,
    `${PREFIX}INC-HANDWRITTEN.json`,
    `${PREFIX}INC-HANDWRITTEN.json.metadata.json`,
    `${PREFIX}notes.json.metadata.json`
  ]
  for (const key of keys) stack.s3.put(stack.ids.bucket, key, '{"written":"by hand"}', 'application/json')
  return new Map(keys.map((k) => [k, object(k)?.sequence ?? -1]))
}

function expectUntouched(planted: Map<string, number>): void {
  for (const [key, sequence] of planted) expect(object(key)?.sequence).toBe(sequence)
}

/** Documents (and their sequence numbers) before a step, to prove a step rewrote nothing else. */
function sequences(ids: string[]): Map<string, [number, number]> {
  return new Map(ids.map((id) => [id, [object(docKey(id))?.sequence ?? -1, object(sidecarKey(id))?.sequence ?? -1]]))
}

describe('the sweep', () => {
  it('rewrites an edited incident, removes a reopened and a deleted one, and touches nothing else', async () => {
    const ids = await seedSynced(8)
    const planted = plantForeign()
    const [edited, reopened, deleted, ...unchanged] = ids as [string, string, string, ...string[]]
    const before = sequences(unchanged)

    await edit(edited, 'Postmortem: the canary stage now checks certificate expiry.')
    await setStatus(reopened, 'OPEN')
    await deleteIncident(deleted)
    const result = await invoke()
    expect(result).toMatchObject({
      successfully_synced: 0,
      updated: 1,
      removed: 2,
      failed: 0,
      total_processed: 3,
      has_more: false,
      synced_documents: [uri(edited)],
      removed_documents: expect.arrayContaining([uri(reopened), uri(deleted)]),
      // Six incidents, and two objects that look like documents (one is looked up, the other has no item).
      sweep: { checked: 10, wrapped: true }
    })
    expect(result.removed_documents).toHaveLength(2)
    expect(result.warning).toBeUndefined()

    const truth = await stack.truth()
    expect(truth.mirrorProblems).toEqual([])
    expect(object(docKey(edited))?.body.toString()).toContain('canary stage now checks certificate expiry')
    for (const id of [reopened, deleted]) {
      expect(object(docKey(id))).toBeUndefined()
      expect(object(sidecarKey(id))).toBeUndefined()
    }
    // The reopened incident is pending again as soon as it is closed again.
    expect((await item(reopened))?.kb_sync_status).toMatchObject({ synced: false })
    expect(sequences(unchanged)).toEqual(before)
    expectUntouched(planted)
    expect(truth.foreignKeys.sort()).toEqual([...planted.keys()].sort())

    // Nothing changed since: the next invocation writes and counts nothing.
    const calm = await invoke()
    expect(calm).toMatchObject({ updated: 0, removed: 0, synced_documents: [], removed_documents: [] })
    expect(sequences(unchanged)).toEqual(before)
  })

  it('syncs a reopened incident again once it is closed again', async () => {
    const [id] = (await seedSynced(1)) as [string]
    await setStatus(id, 'IN_PROGRESS')
    expect(await invoke()).toMatchObject({ removed: 1 })
    expect(object(docKey(id))).toBeUndefined()

    await setStatus(id, 'CLOSED')
    expect((await stack.truth()).pendingIds).toEqual([id])
    expect(await invoke()).toMatchObject({ successfully_synced: 1, removed: 0, synced_documents: [uri(id)] })
    const truth = await stack.truth()
    expect(truth.mirrorProblems).toEqual([])
    expect(truth.syncedIds).toEqual([id])
  })

  it('keeps a batch from marking a document that a concurrent removal deleted (the fence)', async () => {
    const [id] = (await seedSynced(1)) as [string]
    await setStatus(id, 'OPEN')
    // The sweep has made the incident pending and is about to delete its document...
    const deleting = stack.faults.hold('DeleteObject', { match: (key) => key === docKey(id) })
    const sweeping = invoke()
    await deleting.reached
    // ...when it is closed again, and a batch writes it and is about to mark it.
    await setStatus(id, 'CLOSED')
    const marking = stack.faults.hold('UpdateItem', { match: (key) => key === id })
    const batch = invoke({ SWEEP_LIMIT: '0' })
    await marking.reached
    expect(object(docKey(id))).toBeDefined()
    // The sweep's delete removes the batch's fresh document (same bytes, same ETag), then raises the fence.
    deleting.release()
    expect(await sweeping).toMatchObject({ removed: 1 })
    expect(object(docKey(id))).toBeUndefined()
    marking.release()
    // The mark read the incident before the fence rose: it fails, and the incident stays pending.
    expect(await batch).toMatchObject({ successfully_synced: 0, skipped: 1 })
    expect((await stack.truth()).pendingIds).toEqual([id])
    expect(await invoke()).toMatchObject({ successfully_synced: 1 })
    const truth = await stack.truth()
    expect(truth.mirrorProblems).toEqual([])
    expect(truth.syncedIds).toEqual([id])
  })

  it('walks a bounded slice per invocation from a stored cursor, and wraps', async () => {
    const ids = await seedSynced(12)
    // Files that do not look like documents cost nothing beyond their share of a List page.
    stack.s3.put(stack.ids.bucket, `${PREFIX}README.md`, 'hand-written', 'text/markdown')
    stack.s3.put(stack.ids.bucket, `${PREFIX}runbooks/db-failover.json`, '{}', 'application/json')
    const env = { SWEEP_LIMIT: '5' }
    const checked: [number, boolean][] = []
    for (let i = 0; i < 4; i++) {
      const before = stack.calls().length
      const r = await invoke(env)
      checked.push([r.sweep.checked, r.sweep.wrapped])
      const ops = stack
        .calls()
        .slice(before)
        .map((c) => c.operation)
      // One state read and write, a List page and a BatchGetItem; nothing per unchanged incident.
      expect(ops.filter((op) => op === 'BatchGetItem').length).toBeLessThanOrEqual(1)
      expect(ops.filter((op) => op === 'ListObjectsV2').length).toBeLessThanOrEqual(1)
      expect(ops.filter((op) => ['HeadObject', 'DeleteObject', 'UpdateItem'].includes(op))).toEqual([])
    }
    expect(checked).toEqual([
      [5, false],
      [5, false],
      [2, true],
      [5, false]
    ])
    const state = JSON.parse(object(STATE_KEY)?.body.toString() ?? '{}') as Record<string, unknown>
    expect(state).toMatchObject({ prefix: PREFIX, after: docKey(ids[4] as string) + '.metadata.json', passes: 1 })
  })

  it('changes at most BATCH_LIMIT documents per invocation, and the next invocation goes on', async () => {
    const ids = await seedSynced(7)
    for (const id of ids.slice(0, 5)) await edit(id, `edited ${id}`)
    const first = await invoke({ BATCH_LIMIT: '3' })
    expect(first).toMatchObject({ updated: 3, sweep: { wrapped: false } })
    expect(first.synced_documents).toEqual(ids.slice(0, 3).map(uri))
    const second = await invoke({ BATCH_LIMIT: '3' })
    expect(second).toMatchObject({ updated: 2, sweep: { wrapped: true } })
    expect((await stack.truth()).mirrorProblems).toEqual([])
  })

  it('counts each change once when invocations race', async () => {
    const ids = await seedSynced(20)
    for (const id of ids.slice(0, 5)) await edit(id, `edited ${id}`)
    for (const id of ids.slice(5, 10)) await setStatus(id, 'OPEN')
    for (const id of ids.slice(10, 13)) await deleteIncident(id)
    const results = await Promise.all([invoke(), invoke(), invoke()])
    const sum = (pick: (r: SyncResult) => number): number => results.reduce((n, r) => n + pick(r), 0)
    expect(sum((r) => r.failed)).toBe(0)
    expect(sum((r) => r.updated)).toBe(5)
    expect(sum((r) => r.removed)).toBe(8)
    expect(results.flatMap((r) => r.removed_documents).sort()).toEqual(ids.slice(5, 13).map(uri).sort())
    expect((await stack.truth()).mirrorProblems).toEqual([])
  })

  it('leaves documents of an older version in place, records their hash once, and still removes them', async () => {
    const ids = await seedSynced(4)
    const [kept, reopened, deleted] = ids as [string, string, string]
    // As an older version left them: no marker on the objects, only s3_key in kb_sync_status.
    for (const id of ids) {
      const doc = renderDocument((await item(id)) as { incident_id: string }, PREFIX)
      stack.s3.put(stack.ids.bucket, doc.metadataKey, doc.metadata, 'application/json')
      stack.s3.put(stack.ids.bucket, doc.key, doc.body, 'application/json')
      await update(id, 'REMOVE kb_sync_status.content_sha256, kb_sync_status.etag, kb_sync_status.metadata_etag', {})
    }
    const before = sequences(ids)
    await setStatus(reopened, 'OPEN')
    await deleteIncident(deleted)

    expect(await invoke()).toMatchObject({ updated: 0, removed: 1, removed_documents: [uri(reopened)] })
    // Adopted without a write: the hash is recorded, the objects are the same objects.
    expect((await item(kept))?.kb_sync_status).toMatchObject({
      content_sha256: expect.stringMatching(/^[0-9a-f]{64}$/)
    })
    expect(sequences([kept])).toEqual(new Map([[kept, before.get(kept)]]))
    // Without the marker nothing proves the deleted incident's document is the Lambda's: left, and logged.
    expect(object(docKey(deleted))).toBeDefined()
    expect(logged.join('\n')).toContain('Left alone: not written by this Lambda')
  })

  it('maps a key back to an id that is not one path segment through the marker', async () => {
    const id = 'OPS/2025/42'
    await stack.seedIncidents([
      { incident_id: id, status: 'CLOSED', priority: 'P2', title: 'slashes', kb_sync_status: { synced: true } }
    ])
    expect(object(`${PREFIX}OPS_2025_42.json`)).toBeDefined()
    await setStatus(id, 'OPEN')
    expect(await invoke()).toMatchObject({ removed: 1, failed: 0 })
    expect(object(`${PREFIX}OPS_2025_42.json`)).toBeUndefined()
    expect((await item(id))?.kb_sync_status).toMatchObject({ synced: false })
  })

  it('removes a sidecar left by a removal cut short, and counts the removal then', async () => {
    const [id] = (await seedSynced(1)) as [string]
    await deleteIncident(id)
    stack.s3.delete(stack.ids.bucket, docKey(id))
    expect(await invoke()).toMatchObject({ removed: 1, removed_documents: [uri(id)] })
    expect(object(sidecarKey(id))).toBeUndefined()
  })

  it('makes a synced incident whose document went missing pending again, and the batch writes it', async () => {
    const [id] = (await seedSynced(1)) as [string]
    stack.s3.delete(stack.ids.bucket, docKey(id))
    expect(await invoke()).toMatchObject({ removed: 0, updated: 0 })
    expect((await stack.truth()).pendingIds).toEqual([id])
    expect(await invoke()).toMatchObject({ successfully_synced: 1 })
    expect((await stack.truth()).mirrorProblems).toEqual([])
  })

  it('waits while the backlog drains: invocations that leave has_more do not sweep', async () => {
    const [edited] = (await seedSynced(3)) as [string]
    await invoke()
    await stack.seedIncidents(5, { status: 'CLOSED' })
    await edit(edited, 'edited while a backlog drains')
    const draining = await invoke({ BATCH_LIMIT: '2' })
    expect(draining).toMatchObject({ successfully_synced: 2, has_more: true, updated: 0, sweep: { checked: 0 } })
    let last = draining
    while (last.has_more) last = await invoke({ BATCH_LIMIT: '2' })
    expect(last).toMatchObject({ has_more: false, updated: 1 })
  })

  it('counts a failed step against the incident; the next invocation converges, counting once', async () => {
    const ids = await seedSynced(3)
    const [edited, reopened] = ids as [string, string]
    await edit(edited, 'edited before a failure')
    await setStatus(reopened, 'OPEN')
    const internal = { status: 500, code: 'InternalError', message: 'boom' }
    stack.faults.error('DeleteObject', internal, { times: 1, match: (key) => key.endsWith('.metadata.json') })
    stack.faults.error(
      'UpdateItem',
      { ...internal, code: 'InternalServerError' },
      { times: 1, match: (key) => key === edited }
    )
    const first = await invoke()
    expect(first).toMatchObject({ updated: 0, removed: 0, failed: 2 })
    expect(first.failed_ids.sort()).toEqual([edited, reopened].sort())
    const second = await invoke()
    expect(second).toMatchObject({ updated: 1, removed: 1, failed: 0 })
    expect(await invoke()).toMatchObject({ updated: 0, removed: 0 })
    expect((await stack.truth()).mirrorProblems).toEqual([])
  })

  it('answers with the batch and a warning when it cannot list, instead of failing', async () => {
    await stack.seedIncidents(2, { status: 'CLOSED' })
    stack.faults.accessDenied('ListObjectsV2', 1)
    const result = await invoke()
    expect(result).toMatchObject({ successfully_synced: 2, failed: 0, sweep: { checked: 0, wrapped: false } })
    expect(result.warning).toMatch(/the sweep\) stopped: AccessDenied/)
  })

  it('tells a missing key from a denied one when S3 answers 403 for both (s3:ListBucket limited to a prefix)', async () => {
    const [reopened] = (await seedSynced(2)) as [string]
    await setStatus(reopened, 'OPEN')
    // No cursor yet: its read is denied as S3 denies a missing key to such a role, and a listing says it is missing.
    stack.faults.accessDenied('GetObject', 1)
    expect(await invoke()).toMatchObject({ removed: 1, failed: 0, sweep: { checked: 2, wrapped: true } })
    expect(object(STATE_KEY)).toBeDefined()
    // A denied read of the cursor that exists is a real denial: a warning, and the batch's results stand.
    stack.faults.accessDenied('GetObject', 1)
    const denied = await invoke()
    expect(denied).toMatchObject({ failed: 0, sweep: { checked: 0 } })
    expect(denied.warning).toMatch(/could not read its cursor s3:\/\/.*kb-sync-state\/sweep.json: AccessDenied/)
  })

  it('stops at the deadline and resumes where it stopped', async () => {
    await seedSynced(30)
    // A second at most: the margin is 250 ms, and reads in flight are aborted with 125 ms to go.
    stack.faults.delay('BatchGetItem', 1500, { times: 1 })
    const cut = await invoke({ SWEEP_LIMIT: '10' }, 1000)
    expect(cut).toMatchObject({ failed: 0, sweep: { checked: 0, wrapped: false } })
    const state = JSON.parse(object(STATE_KEY)?.body.toString() ?? '{}') as { after: string }
    expect(state.after).toBe('')
    expect(await invoke({ SWEEP_LIMIT: '10' })).toMatchObject({ sweep: { checked: 10 } })
  })
})

/**
 * The knowledge base mirrors the table, end to end: dist/index.js runs the bundled reference Lambda with the default
 * event, and after each run the documents under the prefix are exactly the CLOSED incidents as they are now. An
 * edited incident is rewritten (the job counts it modified, Retrieve finds the new text), a reopened or deleted one
 * loses its document and sidecar (the job counts it deleted, Retrieve no longer finds it), a closed-again one is
 * synced again, an unchanged one is never rewritten and others' files under the prefix are never touched. A crash
 * or an error at any step converges on the next run, each change counted once.
 */
import { describe, expect, it } from '@jest/globals'
import { DeleteItemCommand, DynamoDBClient, UpdateItemCommand } from '@aws-sdk/client-dynamodb'
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda'
import type { Stack } from '../../local/stack.js'
import {
  annotations,
  expectJobAsReported,
  inspect,
  resultOf,
  retrievable,
  runKbSync,
  statisticsOf,
  withStack,
  type View
} from './support/e2e.js'

/**
 * The job statistics prove what the knowledge base saw (modified, deleted), so the walk ingests with full jobs;
 * with auto the same changes would go by name (direct ingestion, tested in direct.e2e.test.ts).
 */
const FULL_JOB = { ingestion: 'always' }

const PREFIX = 'incidents/closed/'
const docKey = (id: string): string => `${PREFIX}${id}.json`
const sidecarKey = (id: string): string => `${docKey(id)}.metadata.json`

/** Acting on the table as the team's tools would. */
function table(stack: Stack) {
  const send = async (command: UpdateItemCommand | DeleteItemCommand): Promise<void> => {
    const ddb = new DynamoDBClient({ ...stack.clientConfig, maxAttempts: 1 })
    try {
      await ddb.send(command as UpdateItemCommand)
    } finally {
      ddb.destroy()
    }
  }
  const key = (id: string) => ({ incident_id: { S: id } })
  return {
    edit: (id: string, lessons: string) =>
      send(
        new UpdateItemCommand({
          TableName: stack.ids.table,
          Key: key(id),
          UpdateExpression: 'SET lessons_learned = :l',
          ExpressionAttributeValues: { ':l': { S: lessons } }
        })
      ),
    setStatus: (id: string, status: string) =>
      send(
        new UpdateItemCommand({
          TableName: stack.ids.table,
          Key: key(id),
          UpdateExpression: 'SET #s = :s',
          ExpressionAttributeNames: { '#s': 'status' },
          ExpressionAttributeValues: { ':s': { S: status } }
        })
      ),
    remove: (id: string) => send(new DeleteItemCommand({ TableName: stack.ids.table, Key: key(id) }))
  }
}

/** Others' files under the Lambda's prefix: a note, a runbook in a folder, a document-like file with its sidecar. */
function plantForeign(stack: Stack): Map<string, number> {
  const files: [string, string][] = [
    [`${PREFIX}README.md`, 'Closed incidents, one JSON document each. Maintained by kb-sync.'],
    [`${PREFIX}runbooks/failover.json`, '{"title":"Database failover runbook"}'],
    [`${PREFIX}HANDBOOK-7.json`, '{"title":"On-call handbook, chapter 7"}'],
    [`${PREFIX}HANDBOOK-7.json.metadata.json`, '{"metadataAttributes":{"kind":"handbook"}}']
  ]
  for (const [key, body] of files) stack.s3.put(stack.ids.bucket, key, body, 'application/json')
  return writeCounters(
    stack,
    files.map(([key]) => key)
  )
}

/** The store's write counter of each object: unchanged means not written again, not even with the same bytes. */
function writeCounters(stack: Stack, keys: string[]): Map<string, number> {
  return new Map(keys.map((k) => [k, stack.s3.get(stack.ids.bucket, k)?.sequence ?? -1]))
}

function expectNotRewritten(stack: Stack, before: Map<string, number>): void {
  expect(writeCounters(stack, [...before.keys()])).toEqual(before)
}

/** The top hit of a search for `text`, as an incident id. */
async function topHit(stack: Stack, text: string): Promise<string | undefined> {
  const [top] = await stack.retrieve(text, { numberOfResults: 1 })
  const uri = top?.location?.s3Location?.uri ?? ''
  return uri.startsWith(`s3://${stack.ids.bucket}/${PREFIX}`)
    ? uri.slice(`s3://${stack.ids.bucket}/${PREFIX}`.length, -5)
    : undefined
}

/** A view where the Lambda's documents are exactly the CLOSED incidents, all of them indexed. */
function expectMirrored(view: View): void {
  expect(view.pending).toEqual([])
  expect(view.documents).toEqual(view.closed)
  expect(view.indexed).toEqual(view.closed)
}

describe('the knowledge base mirrors the table', () => {
  it.concurrent(
    'follows an edit, a reopening, a closing and a deletion; rewrites nothing else and touches no one else’s file',
    async () => {
      await withStack({}, async (stack) => {
        const ids = (await stack.seedIncidents(8, { status: 'CLOSED' })).map((i) => String(i.incident_id))
        await stack.seedIncidents(3, { status: 'OPEN' })
        const foreign = plantForeign(stack)
        const [edited, reopened, deleted, ...others] = ids as [string, string, string, ...string[]]
        const t = table(stack)

        const first = await runKbSync(stack)
        expect(first.outputs).toMatchObject({ status: 'completed', synced_count: '8', ingestion_status: 'COMPLETE' })
        expectMirrored(await inspect(stack))
        const untouched = writeCounters(
          stack,
          others.flatMap((id) => [docKey(id), sidecarKey(id)])
        )

        // A postmortem edited after closing reaches the knowledge base.
        await t.edit(edited, 'Postmortem: a zeppelin-grade canary now checks certificate expiry before rollout.')
        const afterEdit = await runKbSync(stack, FULL_JOB)
        expect(afterEdit.outputs).toMatchObject({
          status: 'completed',
          synced_count: '0',
          ingestion_status: 'COMPLETE'
        })
        expect(resultOf(afterEdit).sync_phase).toMatchObject({ updated: 1, removed: 0 })
        expect(afterEdit.summary).toContain('(updated 1, removed 0 documents)')
        expect(statisticsOf(afterEdit)).toMatchObject({
          numberOfNewDocumentsIndexed: 0,
          numberOfModifiedDocumentsIndexed: 1,
          numberOfDocumentsDeleted: 0,
          numberOfDocumentsFailed: 0
        })
        expect(await topHit(stack, 'zeppelin canary certificate expiry')).toBe(edited)
        const edit = await inspect(stack)
        expectMirrored(edit)
        expectJobAsReported(afterEdit, edit)

        // Reopened: no longer searchable as if resolved.
        await t.setStatus(reopened, 'OPEN')
        const afterReopen = await runKbSync(stack, FULL_JOB)
        expect(resultOf(afterReopen).sync_phase).toMatchObject({ successfully_synced: 0, updated: 0, removed: 1 })
        expect(statisticsOf(afterReopen)).toMatchObject({
          numberOfDocumentsDeleted: 1,
          numberOfModifiedDocumentsIndexed: 0
        })
        expect(await retrievable(stack, [reopened])).toEqual([])
        expect(stack.s3.get(stack.ids.bucket, docKey(reopened))).toBeUndefined()
        expect(stack.s3.get(stack.ids.bucket, sidecarKey(reopened))).toBeUndefined()
        expectMirrored(await inspect(stack))

        // Closed again: synced again, as a pending incident.
        await t.setStatus(reopened, 'CLOSED')
        const afterClose = await runKbSync(stack, FULL_JOB)
        expect(afterClose.outputs).toMatchObject({ synced_count: '1', backlog_remaining: '0' })
        expect(statisticsOf(afterClose)).toMatchObject({ numberOfNewDocumentsIndexed: 1 })
        expect(await retrievable(stack, [reopened])).toEqual([reopened])

        // Deleted: its document and sidecar go.
        await t.remove(deleted)
        const afterDelete = await runKbSync(stack, FULL_JOB)
        expect(resultOf(afterDelete).sync_phase).toMatchObject({ removed: 1 })
        expect(statisticsOf(afterDelete)).toMatchObject({ numberOfDocumentsDeleted: 1 })
        expect(stack.s3.get(stack.ids.bucket, docKey(deleted))).toBeUndefined()
        expect(stack.s3.get(stack.ids.bucket, sidecarKey(deleted))).toBeUndefined()
        const done = await inspect(stack)
        expectMirrored(done)
        expect(done.truth.foreignKeys.sort()).toEqual([...foreign.keys()].sort())

        // Nothing changed since: no write, no job.
        const calm = await runKbSync(stack)
        expect(calm.outputs).toMatchObject({ status: 'skipped', synced_count: '0', ingestion_job_id: '' })
        expect(resultOf(calm).sync_phase).toMatchObject({ updated: 0, removed: 0 })
        expectNotRewritten(stack, untouched)
        expectNotRewritten(stack, foreign)
      })
    }
  )
})

/** One invocation of the reference Lambda that the armed crash kills; the next one is a cold start. */
async function invokeCrashing(stack: Stack): Promise<void> {
  const lambda = new LambdaClient({ ...stack.clientConfig, maxAttempts: 1 })
  try {
    const out = await lambda.send(
      new InvokeCommand({ FunctionName: stack.ids.functionName, Payload: Buffer.from('{}') })
    )
    const payload = Buffer.from(out.Payload ?? new Uint8Array()).toString('utf8')
    expect(out.FunctionError).toBe('Unhandled')
    expect(payload).toContain('Runtime.ExitError')
  } finally {
    lambda.destroy()
  }
}

interface CrashPoint {
  name: string
  /** Changes the table for one incident of the stack's seeded, synced ones. */
  change: (t: ReturnType<typeof table>, id: string) => Promise<void>
  arm: (stack: Stack, id: string) => void
  counted: 'updated' | 'removed'
  /** Whether the crashed invocation had already done all there was to count (then the next run has nothing to). */
  finished?: boolean
}

const isId = (id: string) => (key: string) => key === id
const isDocumentOf = (id: string) => (key: string) => key === docKey(id)
const isSidecarOf = (id: string) => (key: string) => key === sidecarKey(id)

const EDIT = (t: ReturnType<typeof table>, id: string) => t.edit(id, `Lessons learned for ${id}, added after closing.`)
const REOPEN = (t: ReturnType<typeof table>, id: string) => t.setStatus(id, 'OPEN')
const DELETE = (t: ReturnType<typeof table>, id: string) => t.remove(id)

const CRASHES: CrashPoint[] = [
  {
    name: 'after the rewritten sidecar',
    change: EDIT,
    arm: (s, id) => s.faults.crashAfter('PutObject', { match: isSidecarOf(id) }),
    counted: 'updated'
  },
  {
    name: 'after the rewritten document',
    change: EDIT,
    arm: (s, id) => s.faults.crashAfter('PutObject', { match: isDocumentOf(id) }),
    counted: 'updated'
  },
  {
    name: 'after the rewrite was recorded',
    change: EDIT,
    arm: (s, id) => s.faults.crashAfter('UpdateItem', { match: isId(id) }),
    counted: 'updated',
    finished: true
  },
  {
    name: 'after a reopened incident was made pending',
    change: REOPEN,
    arm: (s, id) => s.faults.crashAfter('UpdateItem', { match: isId(id) }),
    counted: 'removed'
  },
  {
    name: 'after its document was deleted',
    change: REOPEN,
    arm: (s, id) => s.faults.crashAfter('DeleteObject', { match: isDocumentOf(id) }),
    counted: 'removed'
  },
  {
    name: 'after its sidecar was deleted',
    change: REOPEN,
    arm: (s, id) => s.faults.crashAfter('DeleteObject', { match: isSidecarOf(id) }),
    counted: 'removed',
    finished: true
  },
  {
    name: 'after its fence was raised',
    change: REOPEN,
    arm: (s, id) => s.faults.crashAfter('UpdateItem', { skip: 1, match: isId(id) }),
    counted: 'removed',
    finished: true
  },
  {
    name: 'after a deleted incident’s document was deleted',
    change: DELETE,
    arm: (s, id) => s.faults.crashAfter('DeleteObject', { match: isDocumentOf(id) }),
    counted: 'removed'
  }
]

describe('crash safety of the mirror', () => {
  it.concurrent.each([
    ['a rewrite', CRASHES.filter((c) => c.change === EDIT)],
    ['a removal', CRASHES.filter((c) => c.change !== EDIT)]
  ])('a crash at any step of %s converges on the next run, counted once', async (_what, crashes) => {
    await withStack({}, async (stack) => {
      const ids = (await stack.seedIncidents(crashes.length + 2, { status: 'CLOSED', syncedRatio: 1 })).map((i) =>
        String(i.incident_id)
      )
      const t = table(stack)
      const bystanders = ids.slice(crashes.length)
      const untouched = writeCounters(
        stack,
        bystanders.flatMap((id) => [docKey(id), sidecarKey(id)])
      )
      for (const [n, crash] of crashes.entries()) {
        const id = ids[n] as string
        await crash.change(t, id)
        crash.arm(stack, id)
        await invokeCrashing(stack)

        // Jobs wait for the end: here S3 and the table are what converges, and what the runs count.
        const next = await runKbSync(stack, { ingestion: 'never' })
        // "skipped" when the crashed invocation had finished the change: nothing left to do, nor to count.
        expect(next.outputs).toMatchObject({ status: crash.finished ? 'skipped' : 'completed', sync_failed_count: '0' })
        const counts = resultOf(next).sync_phase
        const other = crash.counted === 'updated' ? 'removed' : 'updated'
        expect({ crash: crash.name, [crash.counted]: counts[crash.counted], [other]: counts[other] }).toEqual({
          crash: crash.name,
          [crash.counted]: crash.finished ? 0 : 1,
          [other]: 0
        })
        // Content-exact: the edit is in S3, the reopened or deleted incident's objects are gone.
        const truth = await stack.truth()
        expect({ crash: crash.name, problems: truth.mirrorProblems }).toEqual({ crash: crash.name, problems: [] })
        expect(truth.pendingIds).toEqual([])
      }
      expectNotRewritten(stack, untouched)
      const last = await runKbSync(stack, { ingestion: 'always' })
      expect(resultOf(last).sync_phase).toMatchObject({ updated: 0, removed: 0 })
      expectMirrored(await inspect(stack))
    })
  })

  it.concurrent('an error at each step fails that incident, and the next run converges, counting once', async () => {
    await withStack({}, async (stack) => {
      const ids = (await stack.seedIncidents(7, { status: 'CLOSED', syncedRatio: 1 })).map((i) => String(i.incident_id))
      const [editA, editB, reopenA, reopenB, deleteA, deleteB] = ids as [string, string, string, string, string, string]
      // Ingested once as they are, so the next job's statistics count the changes.
      const baseline = await runKbSync(stack)
      expect(statisticsOf(baseline)).toMatchObject({ numberOfNewDocumentsIndexed: 7 })
      const t = table(stack)
      await EDIT(t, editA)
      await EDIT(t, editB)
      await REOPEN(t, reopenA)
      await REOPEN(t, reopenB)
      await DELETE(t, deleteA)
      await DELETE(t, deleteB)
      const internal = { status: 500, code: 'InternalError', message: 'We encountered an internal error.' }
      const dynamo = { status: 500, code: 'InternalServerError', message: 'Internal server error' }
      // The SDK makes three attempts at an S3 5xx and four at a DynamoDB one: that many in a row reach the Lambda's
      // code as an error.
      stack.faults.error('PutObject', internal, { times: 3, match: isDocumentOf(editA) })
      stack.faults.error('UpdateItem', dynamo, { times: 4, match: isId(editB) })
      stack.faults.error('UpdateItem', dynamo, { times: 4, match: isId(reopenA) })
      stack.faults.error('DeleteObject', internal, { times: 3, match: isSidecarOf(reopenB) })
      stack.faults.error('HeadObject', internal, { times: 3, match: isDocumentOf(deleteA) })
      stack.faults.error('DeleteObject', internal, { times: 3, match: isDocumentOf(deleteB) })

      const failing = await runKbSync(stack, { ingestion: 'never' })
      expect(failing.outputs).toMatchObject({ status: 'failed', sync_failed_count: '6' })
      expect(annotations(failing.errors)).toContain(editA)
      expect(resultOf(failing).sync_phase).toMatchObject({ updated: 0, removed: 0 })

      const next = await runKbSync(stack, FULL_JOB)
      expect(next.outputs).toMatchObject({ status: 'completed', sync_failed_count: '0', ingestion_status: 'COMPLETE' })
      expect(resultOf(next).sync_phase).toMatchObject({ updated: 2, removed: 4 })
      expect(statisticsOf(next)).toMatchObject({
        numberOfModifiedDocumentsIndexed: 2,
        numberOfDocumentsDeleted: 4,
        numberOfDocumentsFailed: 0
      })
      expectMirrored(await inspect(stack))
    })
  })
})

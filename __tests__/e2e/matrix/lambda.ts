/**
 * Faults of the batch-sync Lambda itself, with the reference Lambda running in the stack: refused invocations,
 * timeouts and crashes mid-batch, and S3 or DynamoDB failing for some incidents inside it. After each, a second run
 * converges: every CLOSED incident synced with its document, none counted twice.
 */
import { expect } from '@jest/globals'
import type { Stack } from '../../../local/stack.js'
import { actionCalls } from '../support/e2e.js'
import type { AreaTable, MatrixContext, MatrixRun } from './support/matrix.js'

const SEED = 40

/** The second run syncs exactly what the first left pending, so no incident is counted by both. */
async function converge(m: MatrixContext, first: MatrixRun): Promise<void> {
  const before = (await m.stack.truth()).pendingIds.length
  const second = await m.kb({}, { expect: 'completed', converge: true })
  expect(Number(second.outputs.synced_count)).toBe(before)
  expect(Number(first.outputs.synced_count || 0) + Number(second.outputs.synced_count)).toBeLessThanOrEqual(SEED)
}

function documentKey(stack: Stack, id: string): string {
  return `${stack.ids.prefix}${id}.json`
}

export const lambda: AreaTable = {
  area: 'lambda',
  title: 'Faults of the batch-sync Lambda',
  scenarios: [
    {
      name: 'Lambda answers 429 TooManyRequestsException twice',
      does: 'The function did not run; the SDK retries the invocation; the batch syncs everything; the run completes.',
      expect: 'completed',
      runs: 1,
      async run(m) {
        await m.stack.seedIncidents(SEED, { status: 'CLOSED' })
        m.stack.faults.throttle('Invoke', 2)
        const run = await m.kb({}, { converge: true })
        expect(run.outputs).toMatchObject({ synced_count: String(SEED), sync_batches: '1' })
        const invokes = m.stack.calls().filter((c) => c.operation === 'Invoke')
        expect(invokes.map((c) => c.status)).toEqual([429, 429, 200])
        expect(m.stack.invocations()).toHaveLength(1)
      }
    },
    {
      name: 'Lambda times out mid-batch, cut off while it writes (lambdaTimeout, run: true)',
      does: 'The run fails (Sandbox.Timedout); what the batch wrote stays; the next run syncs exactly what is still pending, nothing counted twice.',
      expect: 'failed',
      runs: 2,
      async run(m) {
        await m.stack.seedIncidents(SEED, { status: 'CLOSED' })
        m.stack.faults.lambdaTimeout({ run: true, afterMs: 40 })
        const first = await m.kb()
        expect(first.errorText).toMatch(/failed \(Unhandled\) with Sandbox\.Timedout: .*Task timed out/)
        expect(m.stack.invocations()).toMatchObject([{ outcome: 'timeout' }])
        await converge(m, first)
      }
    },
    {
      name: 'Lambda times out mid-batch right after its 5th mark (crashAfter UpdateItem, outcome timeout)',
      does: 'The run fails (Sandbox.Timedout); the marked incidents have their documents; the next run syncs exactly the rest, nothing counted twice.',
      expect: 'failed',
      runs: 2,
      async run(m) {
        await m.stack.seedIncidents(SEED, { status: 'CLOSED' })
        m.stack.faults.crashAfter('UpdateItem', { outcome: 'timeout', skip: 4 })
        const first = await m.kb()
        expect(first.errorText).toMatch(/failed \(Unhandled\) with Sandbox\.Timedout/)
        expect((await m.stack.truth()).syncedIds.length).toBeGreaterThanOrEqual(5)
        await converge(m, first)
      }
    },
    {
      name: 'Lambda times out before doing anything (lambdaTimeout)',
      does: 'The run fails (Sandbox.Timedout); nothing is marked; the next run syncs everything.',
      expect: 'failed',
      runs: 2,
      async run(m) {
        await m.stack.seedIncidents(SEED, { status: 'CLOSED' })
        m.stack.faults.lambdaTimeout({ afterMs: 20 })
        const first = await m.kb()
        expect(first.errorText).toContain('Sandbox.Timedout')
        expect((await m.stack.truth()).syncedIds).toEqual([])
        await converge(m, first)
      }
    },
    {
      name: 'Inside the Lambda, S3 refuses one incident and DynamoDB fails the mark of another',
      does: 'The Lambda carries on; the run fails naming both as failed, the others synced and ingested; the one whose mark failed stays pending with its document; the next run syncs both.',
      expect: 'failed',
      runs: 2,
      async run(m) {
        const seeded = await m.stack.seedIncidents(SEED, { status: 'CLOSED' })
        const [s3Id, markId] = [String(seeded[3]!.incident_id), String(seeded[7]!.incident_id)]
        m.stack.faults.accessDenied('PutObject', { times: 1, match: (key) => key.includes(s3Id) })
        // The document lands first; only its mark fails: a document in S3 for an incident still pending.
        m.stack.faults.error(
          'UpdateItem',
          { status: 400, code: 'ValidationException', message: 'Item size has exceeded the maximum allowed size' },
          { times: 1, match: (key) => key === markId }
        )
        const first = await m.kb()
        expect(first.outputs).toMatchObject({ synced_count: String(SEED - 2), sync_failed_count: '2' })
        expect(first.errorText).toMatch(/2 incidents failed to sync to S3: .*/)
        expect(first.errorText).toContain(s3Id)
        expect(first.errorText).toContain(markId)
        expect((await m.stack.truth()).pendingIds.sort()).toEqual([s3Id, markId].sort())
        await converge(m, first)
      }
    },
    {
      name: 'Lambda crashes between the S3 write and the mark (crashAfter PutObject)',
      does: 'The run fails (Runtime.ExitError); the incident stays pending with its document; the next run writes the same bytes (same ETag) and marks it; nothing counted twice.',
      expect: 'failed',
      runs: 2,
      async run(m) {
        await m.stack.seedIncidents(SEED, { status: 'CLOSED' })
        const crash = m.stack.faults.crashAfter('PutObject', { match: (key) => !key.endsWith('.metadata.json') })
        const first = await m.kb()
        expect(first.errorText).toMatch(/failed \(Unhandled\) with Runtime\.ExitError/)
        const written = (await crash.reached).key
        const truth = await m.stack.truth()
        const id = written.slice(m.stack.ids.prefix.length, -'.json'.length)
        expect(truth.pendingIds).toContain(id)
        const etag = truth.objects.find((o) => o.key === documentKey(m.stack, id))?.etag
        expect(etag).toBeDefined()
        await converge(m, first)
        // Written again, the same bytes: the next ingestion job sees no modified document.
        expect((await m.stack.truth()).objects.find((o) => o.key === documentKey(m.stack, id))?.etag).toBe(etag)
      }
    },
    {
      name: 'Lambda fails with an unhandled error',
      does: 'The run fails naming the error type and message; the invocation is not sent again; the next run syncs everything.',
      expect: 'failed',
      runs: 2,
      async run(m) {
        await m.stack.seedIncidents(SEED, { status: 'CLOSED' })
        m.stack.faults.functionError({ errorType: 'TypeError', errorMessage: 'Cannot read properties of undefined' })
        const first = await m.kb()
        expect(first.errorText).toContain('failed (Unhandled) with TypeError: Cannot read properties of undefined')
        expect(actionCalls(m.stack).filter((c) => c === 'lambda:Invoke')).toHaveLength(1)
        await converge(m, first)
      }
    }
  ]
}

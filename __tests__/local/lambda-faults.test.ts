import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { InvokeCommand, LambdaClient, type InvokeCommandOutput } from '@aws-sdk/client-lambda'
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3'
import { startStack, type Stack } from '../../local/stack.js'
import { until } from './support.js'

// The reference batch-sync Lambda, one incident at a time, so what a fault cuts short is exact.
let stack: Stack
let lambda: LambdaClient

beforeEach(async () => {
  stack = await startStack({ lambdaEnv: { CONCURRENCY: '1', BATCH_LIMIT: '10' } })
  lambda = new LambdaClient({ ...stack.clientConfig, maxAttempts: 1 })
})

afterEach(async () => {
  lambda.destroy()
  await stack.stop()
})

const payload = (out: InvokeCommandOutput): Record<string, unknown> =>
  JSON.parse(Buffer.from(out.Payload ?? new Uint8Array()).toString('utf8')) as Record<string, unknown>

function invoke(): Promise<InvokeCommandOutput> {
  return lambda.send(new InvokeCommand({ FunctionName: stack.ids.functionName, Payload: Buffer.from('{}') }))
}

/** Seeds `n` CLOSED incidents; returns their ids. */
async function seed(n: number): Promise<string[]> {
  return (await stack.seedIncidents(n, { status: 'CLOSED' })).map((i) => String(i.incident_id))
}

const isDocument = (key: string): boolean => key.endsWith('.json') && !key.endsWith('.metadata.json')

/** Synced incidents and the incidents whose document is in S3. */
async function state(): Promise<{ synced: string[]; documents: string[]; pending: string[] }> {
  const truth = await stack.truth()
  const prefix = stack.ids.prefix
  return {
    synced: truth.syncedIds,
    pending: truth.pendingIds,
    documents: truth.documentKeys.map((k) => k.slice(prefix.length, -'.json'.length)).sort()
  }
}

describe('Lambda faults with the reference batch-sync Lambda', () => {
  it('throttle("Invoke"): 429 TooManyRequestsException, and the function did not run', async () => {
    await seed(3)
    stack.faults.throttle('Invoke')
    await expect(invoke()).rejects.toMatchObject({
      name: 'TooManyRequestsException',
      $metadata: { httpStatusCode: 429 },
      Reason: 'CallerRateLimitExceeded'
    })
    expect(stack.invocations()).toEqual([])
    expect((await state()).synced).toEqual([])
    expect(stack.calls().at(-1)).toMatchObject({ operation: 'Invoke', status: 429, fault: 'throttle' })
  })

  it('per-item S3 errors seen by the Lambda: the incident fails, the others sync', async () => {
    const ids = await seed(4)
    const target = ids[2] as string
    // Three attempts: the Lambda's SDK retries a 500 twice.
    stack.faults.error(
      'PutObject',
      { status: 500, code: 'InternalError' },
      { times: 3, match: (key) => key.includes(target) }
    )
    const out = payload(await invoke())
    expect(out).toMatchObject({ successfully_synced: 3, failed: 1, failed_ids: [target] })
    const after = await state()
    expect(after.pending).toEqual([target])
    expect(after.documents).not.toContain(target)
    const faulted = stack.calls().filter((c) => c.fault === 'error')
    expect(faulted.map((c) => [c.operation, c.status, c.accessKeyId])).toEqual(
      Array(3).fill(['PutObject', 500, 'ASIALAMBDAEXECROLE01'])
    )
  })

  it('per-item DynamoDB errors: the document is written, the incident stays pending', async () => {
    const ids = await seed(3)
    const target = ids[0] as string
    stack.faults.accessDenied('UpdateItem', { times: 1, match: (key) => key === target })
    const out = payload(await invoke())
    expect(out).toMatchObject({ successfully_synced: 2, failed: 1, failed_ids: [target] })
    const after = await state()
    expect(after.pending).toEqual([target])
    expect(after.documents).toContain(target)
  })

  it('crashAfter("PutObject"): the environment dies right after the write; the next invocation converges', async () => {
    const ids = await seed(5)
    // Your own writes neither trigger nor use it up: only a Lambda environment's.
    const s3 = new S3Client({ ...stack.clientConfig, forcePathStyle: true })
    await s3.send(new PutObjectCommand({ Bucket: stack.ids.bucket, Key: 'misc/mine.json', Body: '{}' }))
    s3.destroy()
    const crash = stack.faults.crashAfter('PutObject', { skip: 2, match: isDocument })
    expect(crash.hits).toBe(0)

    const out = await invoke()
    expect(out.StatusCode).toBe(200)
    expect(out.FunctionError).toBe('Unhandled')
    expect(payload(out)).toMatchObject({
      errorType: 'Runtime.ExitError',
      errorMessage: expect.stringMatching(/^RequestId: [0-9a-f-]+ Error: Runtime exited with error: signal: killed$/)
    })
    const crashed = await state()
    expect(crashed.synced).toHaveLength(2)
    // The third document is in S3, its incident not marked.
    expect(crashed.documents).toHaveLength(3)
    const [written] = crashed.documents.filter((id) => !crashed.synced.includes(id))
    expect(crashed.pending).toContain(written)
    const call = stack.calls().find((c) => c.fault === 'crashAfter')
    expect(call).toMatchObject({ operation: 'PutObject', status: 200 })
    expect(stack.invocations().at(-1)).toMatchObject({ outcome: 'error', functionError: 'Unhandled' })
    expect(stack.invocations().at(-1)?.log).toContain('Runtime.ExitError')

    expect(payload(await invoke())).toMatchObject({ successfully_synced: 3, failed: 0, has_more: false })
    expect(stack.invocations().at(-1)?.coldStart).toBe(true)
    const converged = await state()
    expect(converged.synced).toEqual([...ids].sort())
    expect(converged.documents).toEqual([...ids].sort())
  })

  it('crashAfter with outcome "timeout": a mid-batch timeout at an exact point', async () => {
    await seed(4)
    stack.faults.crashAfter('UpdateItem', { skip: 1, outcome: 'timeout' })
    const out = await invoke()
    expect(out.FunctionError).toBe('Unhandled')
    expect(payload(out)).toMatchObject({
      errorType: 'Sandbox.Timedout',
      errorMessage: expect.stringContaining('Task timed out after 300.00 seconds')
    })
    const after = await state()
    expect(after.synced).toHaveLength(2)
    expect(after.documents).toEqual(after.synced)
    expect(stack.invocations().at(-1)).toMatchObject({ outcome: 'timeout' })
  })

  it('lambdaTimeout({ run: true }): the handler runs unhurried and is cut off; its writes stay', async () => {
    await seed(4)
    // The third mark never gets an answer, so the cut-off finds the handler waiting on it.
    const stalled = stack.faults.stall('UpdateItem', { skip: 2 })
    stack.faults.lambdaTimeout({ run: true, afterMs: 400 })
    const out = await invoke()
    expect(payload(out)).toMatchObject({
      errorType: 'Sandbox.Timedout',
      errorMessage: expect.stringContaining('Task timed out after 300.00 seconds')
    })
    expect(stalled.hits).toBe(1)
    const after = await state()
    expect(after.synced).toHaveLength(2)
    expect(after.documents).toHaveLength(3)
    // The cut-off ended the environment: its stalled call was left by the client.
    await until(() => stack.calls().some((c) => c.fault === 'stall:before-headers'), 'the stalled call to be logged')
    expect(stack.calls().find((c) => c.fault === 'stall:before-headers')).toMatchObject({
      operation: 'UpdateItem',
      status: 0,
      interrupted: 'client'
    })
    expect(payload(await invoke())).toMatchObject({ successfully_synced: 2, has_more: false })
  })

  it('a real short timeout: the reference Lambda keeps its safety margin in proportion and stops in time', async () => {
    await seed(3)
    stack.configureFunction(stack.ids.functionName, { timeoutMs: 600 })
    // The second mark hangs: the function's own budget gives up on it before the timeout, and the incident it
    // could not finish stays pending (neither synced nor failed) for the next invocation.
    stack.faults.stall('UpdateItem', { skip: 1 })
    const out = await invoke()
    expect(out.FunctionError).toBeUndefined()
    expect(payload(out)).toMatchObject({ successfully_synced: 1, failed: 0, has_more: true })
    expect((await state()).synced).toHaveLength(1)
  })
})

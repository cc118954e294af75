import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import {
  GetFunctionConfigurationCommand,
  InvokeCommand,
  LambdaClient,
  type InvokeCommandOutput
} from '@aws-sdk/client-lambda'
import { fileURLToPath } from 'node:url'
import { rawPayload, startStack, type Stack } from '../../local/stack.js'

const FIXTURES = fileURLToPath(new URL('./fixtures/handlers.ts', import.meta.url))
const SOURCE_LAMBDA = fileURLToPath(new URL('../../src/lambda/index.ts', import.meta.url))

let stack: Stack
let lambda: LambdaClient

const text = (out: InvokeCommandOutput): string => Buffer.from(out.Payload ?? new Uint8Array()).toString('utf8')
const json = (out: InvokeCommandOutput): Record<string, unknown> => JSON.parse(text(out)) as Record<string, unknown>
const logTail = (out: InvokeCommandOutput): string => Buffer.from(out.LogResult ?? '', 'base64').toString('utf8')

function invoke(
  FunctionName: string,
  payload: unknown = {},
  extra: Partial<ConstructorParameters<typeof InvokeCommand>[0]> = {}
): Promise<InvokeCommandOutput> {
  return lambda.send(new InvokeCommand({ FunctionName, Payload: Buffer.from(JSON.stringify(payload)), ...extra }))
}

beforeAll(async () => {
  stack = await startStack({ lambdaHandlerPath: SOURCE_LAMBDA })
  lambda = new LambdaClient({ ...stack.clientConfig, maxAttempts: 1 })
  stack.setFunction('fixture', { handlerPath: FIXTURES, env: { FIXTURE_VALUE: 'from-env' }, timeoutMs: 2000 })
  stack.setFunction('short', { handlerPath: FIXTURES, timeoutMs: 300 })
  stack.setFunction('callback', { handlerPath: FIXTURES, exportName: 'callbackHandler' })
})

afterAll(async () => {
  lambda.destroy()
  await stack.stop()
})

beforeEach(() => stack.faults.clear())

describe('Invoke with the reference batch-sync Lambda', () => {
  it('runs it in its own environment against the local DynamoDB and S3, with a Tail log', async () => {
    await stack.seedIncidents(12, { status: 'CLOSED' })
    const out = await invoke(stack.ids.functionName, {}, { LogType: 'Tail' })
    expect(out.StatusCode).toBe(200)
    expect(out.FunctionError).toBeUndefined()
    expect(out.ExecutedVersion).toBe('$LATEST')
    expect(json(out)).toMatchObject({
      successfully_synced: 12,
      failed: 0,
      total_processed: 12,
      has_more: false,
      failed_ids: []
    })
    const log = logTail(out)
    expect(log).toMatch(/^START RequestId: [0-9a-f-]{36} Version: \$LATEST/)
    expect(log).toContain('"Namespace":"IncidentKBSync"')
    expect(log).toMatch(/REPORT RequestId: .*Duration: [\d.]+ ms/)
    expect((await stack.truth()).pendingIds).toEqual([])
    // The function's own calls went through the gateway under its execution role.
    expect(stack.calls().some((c) => c.operation === 'UpdateItem' && c.accessKeyId === 'ASIALAMBDAEXECROLE01')).toBe(
      true
    )
  })

  it("answers with counts and has_more under AWS's default 3 s timeout, not a function error", async () => {
    // Deployed with the default SAFETY_MARGIN_MS (10 s) and AWS's default timeout: the margin must shrink to fit.
    stack.configureFunction(stack.ids.functionName, { timeoutMs: 3000, env: { SAFETY_MARGIN_MS: '10000' } })
    try {
      await stack.seedIncidents(60, { status: 'CLOSED' })
      const before = (await stack.truth()).pendingIds.length
      const out = await invoke(stack.ids.functionName, {}, { LogType: 'Tail' })
      expect(out.FunctionError).toBeUndefined()
      const result = json(out)
      expect(result).toMatchObject({
        successfully_synced: expect.any(Number),
        failed: 0,
        total_processed: expect.any(Number),
        has_more: expect.any(Boolean),
        warning: expect.stringContaining('SAFETY_MARGIN_MS=10000')
      })
      const synced = result.successfully_synced as number
      expect(synced).toBeGreaterThan(0)
      expect(result.total_processed).toBe(synced + (result.skipped as number))
      const after = (await stack.truth()).pendingIds.length
      expect(after).toBe(before - synced)
      expect(result.has_more).toBe(after > 0)
      expect(logTail(out)).toContain('WARN\t{"message":"Time budget too short')
    } finally {
      stack.configureFunction(stack.ids.functionName, { timeoutMs: 300_000 })
    }
  })

  it('accepts a partial or full ARN and a qualifier (alias), in the name or as Qualifier', async () => {
    const arn = `arn:aws:lambda:us-east-1:123456789012:function:${stack.ids.functionName}`
    expect((await invoke(`${arn}:live`)).ExecutedVersion).toBe('1')
    expect((await invoke(`123456789012:function:${stack.ids.functionName}`)).StatusCode).toBe(200)
    expect((await invoke(stack.ids.functionName, {}, { Qualifier: '1' })).ExecutedVersion).toBe('1')
    await expect(invoke(`${stack.ids.functionName}:live`, {}, { Qualifier: '1' })).rejects.toMatchObject({
      name: 'InvalidParameterValueException'
    })
    await expect(invoke(`${stack.ids.functionName}:nope`)).rejects.toMatchObject({ name: 'ResourceNotFoundException' })
  })
})

describe('Invoke semantics', () => {
  it('unknown function: 404 ResourceNotFoundException', async () => {
    await expect(invoke('no-such-function')).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      $metadata: { httpStatusCode: 404 },
      message: expect.stringContaining(
        'Function not found: arn:aws:lambda:us-east-1:123456789012:function:no-such-function'
      )
    })
  })

  it('DryRun: 204, nothing runs', async () => {
    const before = stack.invocations().length
    const out = await invoke('fixture', {}, { InvocationType: 'DryRun' })
    expect(out.StatusCode).toBe(204)
    expect(stack.invocations().length).toBe(before)
  })

  it('Event: 202 at once, runs in the background', async () => {
    const out = await invoke('fixture', { sleepMs: 50, marker: 'async' }, { InvocationType: 'Event' })
    expect(out.StatusCode).toBe(202)
    expect(text(out)).toBe('')
    await stack.idle()
    const record = stack.invocations().find((r) => (r.event as { marker?: string }).marker === 'async')
    expect(record).toMatchObject({ invocationType: 'Event', outcome: 'success' })
  })

  it('keeps module state in a warm environment and gives each environment its own env and deadline', async () => {
    const first = json(await invoke('fixture'))
    const second = json(await invoke('fixture'))
    expect(second.invocations).toBe((first.invocations as number) + 1)
    expect(first.env).toBe('from-env')
    expect(first.remaining).toBeGreaterThan(1000)
    expect(first.remaining).toBeLessThanOrEqual(2000)
  })

  it('supports callback-style handlers', async () => {
    expect(json(await invoke('callback', { a: 1 }))).toEqual({ echoed: { a: 1 } })
  })

  it('a thrown error: 200 with X-Amz-Function-Error Unhandled and the error payload', async () => {
    const out = await invoke('fixture', { crash: true }, { LogType: 'Tail' })
    expect(out.StatusCode).toBe(200)
    expect(out.FunctionError).toBe('Unhandled')
    expect(json(out)).toMatchObject({
      errorType: 'TypeError',
      errorMessage: 'crashed on purpose',
      trace: expect.any(Array)
    })
    expect(logTail(out)).toContain('Invoke Error')
  })

  it('a timeout ends the environment: Unhandled, "Task timed out after N seconds"; the next call is a cold start', async () => {
    // The first call loads the module (a cold start): init time does not count against the timeout.
    expect((await invoke('short')).FunctionError).toBeUndefined()
    const out = await invoke('short', { sleepMs: 5000 }, { LogType: 'Tail' })
    expect(out.FunctionError).toBe('Unhandled')
    expect(json(out)).toMatchObject({
      errorType: 'Sandbox.Timedout',
      errorMessage: expect.stringContaining('Task timed out after 0.30 seconds')
    })
    expect(logTail(out)).toContain('Task timed out after 0.30 seconds')
    await invoke('short')
    expect(stack.invocations().at(-1)?.coldStart).toBe(true)
  })

  it('a process exit: Runtime.ExitError', async () => {
    const out = await invoke('fixture', { exit: true })
    expect(out.FunctionError).toBe('Unhandled')
    expect(json(out)).toMatchObject({ errorType: 'Runtime.ExitError' })
  })

  it('in-process handlers can return any shape, even a payload that is not JSON', async () => {
    stack.setFunction('apigw', {
      handler: () => ({
        statusCode: 200,
        body: JSON.stringify({ successfullySynced: 3, failedCount: 0, totalProcessed: 3 })
      })
    })
    stack.setFunction('garbage', { handler: () => rawPayload('<html>Bad Gateway</html>') })
    stack.setFunction('logs', {
      handler: () => {
        console.log('hello from the function')
        throw new RangeError('bad range')
      }
    })
    expect(json(await invoke('apigw'))).toEqual({
      statusCode: 200,
      body: '{"successfullySynced":3,"failedCount":0,"totalProcessed":3}'
    })
    expect(text(await invoke('garbage'))).toBe('<html>Bad Gateway</html>')
    const out = await invoke('logs', {}, { LogType: 'Tail' })
    expect(out.FunctionError).toBe('Unhandled')
    expect(json(out)).toMatchObject({ errorType: 'RangeError', errorMessage: 'bad range' })
    expect(logTail(out)).toContain('hello from the function')
  })

  it("keeps capturing a handler's logs when another stack in the process stops", async () => {
    const logging = () => {
      console.log('logged while another stack stopped')
      return { ok: true }
    }
    const first = await startStack()
    const second = await startStack()
    first.setFunction('logging', { handler: logging })
    second.setFunction('logging', { handler: logging })
    const firstLambda = new LambdaClient(first.clientConfig)
    const secondLambda = new LambdaClient(second.clientConfig)
    const call = new InvokeCommand({ FunctionName: 'logging', LogType: 'Tail' })
    try {
      await firstLambda.send(call)
      await secondLambda.send(call)
      await first.stop()
      expect(logTail(await secondLambda.send(call))).toContain('logged while another stack stopped')
    } finally {
      firstLambda.destroy()
      secondLambda.destroy()
      await second.stop()
    }
  })

  it('in-process handlers time out too', async () => {
    stack.setFunction('slow', { handler: () => new Promise((resolve) => setTimeout(resolve, 1000)), timeoutMs: 50 })
    const out = await invoke('slow')
    expect(json(out)).toMatchObject({
      errorType: 'Sandbox.Timedout',
      errorMessage: expect.stringContaining('Task timed out after 0.05 seconds')
    })
  })

  it('fault hooks: lambdaTimeout, functionError, throttle, accessDenied', async () => {
    stack.faults.lambdaTimeout({ functionName: 'fixture' })
    expect(json(await invoke('fixture'))).toMatchObject({ errorType: 'Sandbox.Timedout' })

    stack.faults.functionError({ errorType: 'Runtime.OutOfMemory', errorMessage: 'out of memory', handled: true })
    const handled = await invoke('fixture')
    expect(handled.FunctionError).toBe('Handled')
    expect(json(handled)).toMatchObject({ errorType: 'Runtime.OutOfMemory', errorMessage: 'out of memory' })

    stack.faults.throttle('Invoke', 1)
    await expect(invoke('fixture')).rejects.toMatchObject({
      name: 'TooManyRequestsException',
      $metadata: { httpStatusCode: 429 }
    })

    stack.faults.accessDenied('Invoke')
    await expect(invoke('fixture')).rejects.toMatchObject({
      name: 'AccessDeniedException',
      $metadata: { httpStatusCode: 403 },
      message: expect.stringContaining(
        'not authorized to perform: lambda:InvokeFunction on resource: arn:aws:lambda:us-east-1:123456789012:function:fixture'
      )
    })
  })

  it('refuses a request body that is not JSON and answers GetFunctionConfiguration', async () => {
    await expect(
      lambda.send(new InvokeCommand({ FunctionName: 'fixture', Payload: Buffer.from('{oops') }))
    ).rejects.toMatchObject({
      name: 'InvalidRequestContentException'
    })
    const config = await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: 'fixture' }))
    expect(config).toMatchObject({ FunctionName: 'fixture', Timeout: 2, MemorySize: 512 })
  })
})

import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import {
  BedrockAgentClient,
  GetKnowledgeBaseCommand,
  ServiceQuotaExceededException,
  StartIngestionJobCommand
} from '@aws-sdk/client-bedrock-agent'
import { BedrockAgentRuntimeClient, RetrieveCommand } from '@aws-sdk/client-bedrock-agent-runtime'
import { DescribeTableCommand, DynamoDBClient, QueryCommand } from '@aws-sdk/client-dynamodb'
import { GetFunctionConfigurationCommand, InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda'
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3'
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts'
import { connect } from 'node:net'
import { crc32 } from 'node:zlib'
import { ManualClock, startStack, type CallRecord, type Stack } from '../../local/stack.js'
import { quickRetries, raw, until } from './support.js'

// Jobs move only when the clock does: a job a test starts is over once the next test advances it.
const clock = new ManualClock()
let stack: Stack
const kbPath = (): string => `/knowledgebases/${stack.ids.knowledgeBaseId}`
const jobsPath = (): string => `${kbPath()}/datasources/${stack.ids.dataSourceId}/ingestionjobs`

/** The call log from here on. */
function callsSince(): () => CallRecord[] {
  const from = stack.calls().length
  return () => stack.calls().slice(from)
}

async function jobCount(): Promise<number> {
  return (await stack.truth()).jobs.length
}

/** Clients of every service, each with `attempts` attempts that retry at once. */
function clients(attempts: number) {
  const retry = quickRetries(attempts)
  const config = { ...stack.clientConfig, retryStrategy: retry, maxAttempts: attempts }
  return {
    retry,
    agent: new BedrockAgentClient(config),
    runtime: new BedrockAgentRuntimeClient(config),
    ddb: new DynamoDBClient(config),
    lambda: new LambdaClient(config),
    s3: new S3Client({ ...config, forcePathStyle: true }),
    sts: new STSClient(config),
    destroy(): void {
      for (const c of [this.agent, this.runtime, this.ddb, this.lambda, this.s3, this.sts]) c.destroy()
    }
  }
}
type Clients = ReturnType<typeof clients>

/** One read-only call per service, the operation name the faults use, and what a success looks like. */
const PROBES: { service: string; operation: string; call: (c: Clients) => Promise<unknown> }[] = [
  {
    service: 'dynamodb',
    operation: 'Query',
    call: (c) =>
      c.ddb.send(
        new QueryCommand({
          TableName: stack.ids.table,
          IndexName: stack.ids.index,
          KeyConditionExpression: '#s = :s',
          ExpressionAttributeNames: { '#s': 'status' },
          ExpressionAttributeValues: { ':s': { S: 'CLOSED' } },
          Select: 'COUNT'
        })
      )
  },
  {
    service: 's3',
    operation: 'GetObject',
    call: (c) => c.s3.send(new GetObjectCommand({ Bucket: stack.ids.bucket, Key: 'probe.json' }))
  },
  {
    service: 'lambda',
    operation: 'GetFunctionConfiguration',
    call: (c) => c.lambda.send(new GetFunctionConfigurationCommand({ FunctionName: 'probe' }))
  },
  {
    service: 'bedrock-agent',
    operation: 'GetKnowledgeBase',
    call: (c) => c.agent.send(new GetKnowledgeBaseCommand({ knowledgeBaseId: stack.ids.knowledgeBaseId }))
  },
  {
    service: 'bedrock-agent-runtime',
    operation: 'Retrieve',
    call: (c) =>
      c.runtime.send(
        new RetrieveCommand({ knowledgeBaseId: stack.ids.knowledgeBaseId, retrievalQuery: { text: 'probe' } })
      )
  },
  { service: 'sts', operation: 'GetCallerIdentity', call: (c) => c.sts.send(new GetCallerIdentityCommand({})) }
]

let c3: Clients

beforeAll(async () => {
  stack = await startStack({ clock })
  stack.s3.put(stack.ids.bucket, 'probe.json', '{"probe":true}')
  stack.setFunction('probe', { handler: () => ({ ok: true }) })
  c3 = clients(3)
})

afterAll(async () => {
  c3.destroy()
  await stack.stop()
})

beforeEach(() => {
  stack.faults.clear()
  clock.advance(60_000)
})

describe('transport faults', () => {
  it('stall before-headers: the request is read, nothing is sent or executed until the client gives up', async () => {
    const log = callsSince()
    const jobs = await jobCount()
    const fault = stack.faults.stall('StartIngestionJob')
    const out = await raw(stack, { method: 'PUT', path: jobsPath(), service: 'bedrock', body: '{}', giveUpMs: 100 })
    expect(out.status).toBeUndefined()
    expect(out.gaveUp).toBe(true)
    await until(() => log().length === 1, 'the call to be logged')
    expect(log()[0]).toMatchObject({
      operation: 'StartIngestionJob',
      status: 0,
      fault: 'stall:before-headers',
      interrupted: 'client'
    })
    expect(fault.hits).toBe(1)
    expect(await jobCount()).toBe(jobs)
  })

  it('stall before-headers for ms: then executed and answered', async () => {
    stack.faults.stall('GetKnowledgeBase', { ms: 80 })
    const out = await raw(stack, { method: 'GET', path: kbPath(), service: 'bedrock' })
    expect(out).toMatchObject({ status: 200, complete: true })
    expect(out.ms).toBeGreaterThanOrEqual(75)
    expect(stack.calls().at(-1)).toMatchObject({ status: 200, fault: 'stall:before-headers' })
    expect(stack.calls().at(-1)?.interrupted).toBeUndefined()
  })

  it('stall after-headers: executed; status, the real Content-Length and the first bytes, then nothing', async () => {
    const jobs = await jobCount()
    const log = callsSince()
    stack.faults.stall('StartIngestionJob', { phase: 'after-headers', bytes: 10 })
    const out = await raw(stack, { method: 'PUT', path: jobsPath(), service: 'bedrock', body: '{}', giveUpMs: 150 })
    expect(out).toMatchObject({ status: 202, complete: false, gaveUp: true })
    expect(Number(out.headers?.['content-length'])).toBeGreaterThan(10)
    expect(out.body.toString()).toBe('{"ingestio')
    expect(await jobCount()).toBe(jobs + 1)
    await until(() => log().length === 1, 'the call to be logged')
    expect(log()[0]).toMatchObject({ status: 202, fault: 'stall:after-headers', interrupted: 'client' })
  })

  it('stall after-headers for ms: the rest of the body follows', async () => {
    stack.faults.stall('GetKnowledgeBase', { phase: 'after-headers', ms: 60, bytes: 3 })
    const out = await raw(stack, { method: 'GET', path: kbPath(), service: 'bedrock' })
    expect(out).toMatchObject({ status: 200, complete: true })
    expect(JSON.parse(out.body.toString())).toMatchObject({ knowledgeBase: { status: 'ACTIVE' } })
    expect(out.ms).toBeGreaterThanOrEqual(55)
  })

  it('an SDK client with a request timeout gives up on a stalled call, and its retry gets through', async () => {
    const retry = quickRetries(2)
    const lambda = new LambdaClient({
      ...stack.clientConfig,
      retryStrategy: retry,
      requestHandler: { requestTimeout: 80, throwOnRequestTimeout: true }
    })
    try {
      const log = callsSince()
      stack.faults.stall('GetFunctionConfiguration')
      await expect(lambda.send(new GetFunctionConfigurationCommand({ FunctionName: 'probe' }))).resolves.toMatchObject({
        FunctionName: 'probe'
      })
      expect(retry.seen).toEqual(['TRANSIENT'])
      await until(() => log().length === 2, 'both calls to be logged')
      expect(log().map((c) => [c.status, c.fault, c.interrupted])).toEqual(
        expect.arrayContaining([
          [0, 'stall:before-headers', 'client'],
          [200, undefined, undefined]
        ])
      )
    } finally {
      lambda.destroy()
    }
  })

  it('reset before-headers: the connection is reset, nothing is executed', async () => {
    const jobs = await jobCount()
    const log = callsSince()
    stack.faults.reset('StartIngestionJob')
    const out = await raw(stack, { method: 'PUT', path: jobsPath(), service: 'bedrock', body: '{}' })
    expect(out.status).toBeUndefined()
    expect(out).toMatchObject({ error: 'ECONNRESET', gaveUp: false })
    expect(await jobCount()).toBe(jobs)
    await until(() => log().length === 1, 'the call to be logged')
    expect(log()[0]).toMatchObject({ status: 0, fault: 'reset:before-headers', interrupted: 'server' })
  })

  it('reset after-headers: executed; the headers and part of the body arrive, then the connection closes', async () => {
    const jobs = await jobCount()
    stack.faults.reset('StartIngestionJob', { phase: 'after-headers', bytes: 5 })
    const out = await raw(stack, { method: 'PUT', path: jobsPath(), service: 'bedrock', body: '{}' })
    expect(out).toMatchObject({ status: 202, complete: false, gaveUp: false })
    expect(out.error).toBeDefined()
    expect(out.body.toString()).toBe('{"ing')
    expect(await jobCount()).toBe(jobs + 1)
    await until(() => stack.calls().at(-1)?.operation === 'StartIngestionJob', 'the call to be logged')
    expect(stack.calls().at(-1)).toMatchObject({ status: 202, fault: 'reset:after-headers', interrupted: 'server' })
  })

  it('the SDK retries a reset as a transient error, on HTTP/1.1 and on HTTP/2 (Retrieve)', async () => {
    const c = clients(2)
    try {
      stack.faults.reset('GetKnowledgeBase')
      await expect(PROBES[3]!.call(c)).resolves.toBeDefined()
      stack.faults.reset('Retrieve')
      await expect(PROBES[4]!.call(c)).resolves.toBeDefined()
      stack.faults.stall('Retrieve', { phase: 'after-headers', ms: 30, bytes: 4 })
      await expect(PROBES[4]!.call(c)).resolves.toBeDefined()
      expect(c.retry.seen).toEqual(['TRANSIENT', 'TRANSIENT'])
      const retrieves = stack.calls().filter((r) => r.operation === 'Retrieve')
      expect(retrieves.slice(-3).map((r) => [r.status, r.fault])).toEqual([
        [0, 'reset:before-headers'],
        [200, undefined],
        [200, 'stall:after-headers']
      ])
    } finally {
      c.destroy()
    }
  })

  it('skip and match choose the calls: a service prefix, a wildcard, a predicate on the key', async () => {
    stack.s3.put(stack.ids.bucket, 'a/one.json', '{}')
    stack.s3.put(stack.ids.bucket, 'b/two.json', '{}')
    const get = (Key: string) => c3.s3.send(new GetObjectCommand({ Bucket: stack.ids.bucket, Key }))
    const c1 = clients(1)
    try {
      const onA = stack.faults.error(
        's3:*',
        { status: 500, code: 'InternalError' },
        { times: 1, skip: 1, match: (key) => key.startsWith('a/') }
      )
      const getOnce = (Key: string) => c1.s3.send(new GetObjectCommand({ Bucket: stack.ids.bucket, Key }))
      await expect(getOnce('b/two.json')).resolves.toBeDefined()
      await expect(getOnce('a/one.json')).resolves.toBeDefined() // skipped
      await expect(getOnce('b/two.json')).resolves.toBeDefined()
      await expect(getOnce('a/one.json')).rejects.toMatchObject({ name: 'InternalError' })
      await expect(get('a/one.json')).resolves.toBeDefined()
      expect(onA.hits).toBe(1)
      const first = await onA.reached
      expect(first).toMatchObject({ service: 's3', operation: 'GetObject', key: 'a/one.json' })
    } finally {
      c1.destroy()
    }
  })
})

describe('error bursts in each service’s own wire format', () => {
  it.each(PROBES.map((p) => [p.service, p] as const))(
    '%s: a burst shorter than the attempts is retried away; one as long fails with the code',
    async (_name, probe) => {
      const c = clients(3)
      try {
        const log = callsSince()
        stack.faults.error(probe.operation, { status: 503, code: 'ServiceUnavailable' }, 2)
        await expect(probe.call(c)).resolves.toBeDefined()
        stack.faults.error(probe.operation, { status: 500, code: 'InternalFailure', message: 'boom' }, 3)
        await expect(probe.call(c)).rejects.toMatchObject({
          name: 'InternalFailure',
          $metadata: { httpStatusCode: 500 }
        })
        expect(c.retry.seen).toEqual(Array(5).fill('TRANSIENT'))
        expect(log().map((r) => [r.service, r.status, r.fault, r.errorCode])).toEqual([
          [probe.service, 503, 'error', 'ServiceUnavailable'],
          [probe.service, 503, 'error', 'ServiceUnavailable'],
          [probe.service, 200, undefined, undefined],
          [probe.service, 500, 'error', 'InternalFailure'],
          [probe.service, 500, 'error', 'InternalFailure'],
          [probe.service, 500, 'error', 'InternalFailure']
        ])
      } finally {
        c.destroy()
      }
    }
  )

  it('renders errors as each protocol does on the wire', async () => {
    for (const op of ['Query', 'GetObject', 'GetFunctionConfiguration', 'GetKnowledgeBase', 'GetCallerIdentity']) {
      stack.faults.error(op, { status: 500, code: 'InternalFailure', message: 'boom' })
    }
    const ddb = await raw(stack, {
      method: 'POST',
      path: '/',
      service: 'dynamodb',
      headers: { 'x-amz-target': 'DynamoDB_20120810.Query', 'content-type': 'application/x-amz-json-1.0' },
      body: '{}'
    })
    expect(JSON.parse(ddb.body.toString())).toEqual({
      __type: 'com.amazonaws.dynamodb.v20120810#InternalFailure',
      message: 'boom'
    })
    expect(ddb.headers?.['x-amz-crc32']).toBe(String(crc32(ddb.body) >>> 0))
    const s3 = await raw(stack, { method: 'GET', path: `/${stack.ids.bucket}/probe.json`, service: 's3' })
    expect(s3.body.toString()).toMatch(/<Error><Code>InternalFailure<\/Code><Message>boom<\/Message>/)
    const lambda = await raw(stack, {
      method: 'GET',
      path: '/2015-03-31/functions/probe/configuration',
      service: 'lambda'
    })
    expect(lambda.headers?.['x-amzn-errortype']).toBe('InternalFailure')
    expect(JSON.parse(lambda.body.toString())).toMatchObject({ Type: 'Service', Message: 'boom' })
    const agent = await raw(stack, { method: 'GET', path: kbPath(), service: 'bedrock' })
    expect(agent.headers?.['x-amzn-errortype']).toBe('InternalFailure')
    expect(JSON.parse(agent.body.toString())).toEqual({ message: 'boom' })
    const sts = await raw(stack, {
      method: 'POST',
      path: '/',
      service: 'sts',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'Action=GetCallerIdentity&Version=2011-06-15'
    })
    expect(sts.body.toString()).toMatch(
      /<ErrorResponse[^>]*><Error><Type>Receiver<\/Type><Code>InternalFailure<\/Code><Message>boom<\/Message>/
    )
    stack.faults.error('GetIDToken', { status: 503, code: 'ServiceUnavailable' }, 1)
    const oidc = await fetch(`${stack.env.ACTIONS_ID_TOKEN_REQUEST_URL}&audience=sts.amazonaws.com`, {
      headers: { Authorization: `Bearer ${stack.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN}` }
    })
    expect(oidc.status).toBe(503)
  })
})

describe('throttling, as each service throttles', () => {
  const cases: [string, string, number, (c: Clients) => Promise<unknown>][] = [
    ['Query', 'ProvisionedThroughputExceededException', 400, PROBES[0]!.call],
    [
      'DescribeTable',
      'ThrottlingException',
      400,
      (c) => c.ddb.send(new DescribeTableCommand({ TableName: stack.ids.table }))
    ],
    ['GetObject', 'SlowDown', 503, PROBES[1]!.call],
    [
      'Invoke',
      'TooManyRequestsException',
      429,
      (c) => c.lambda.send(new InvokeCommand({ FunctionName: 'probe', Payload: Buffer.from('{}') }))
    ],
    ['GetKnowledgeBase', 'ThrottlingException', 429, PROBES[3]!.call],
    ['Retrieve', 'ThrottlingException', 429, PROBES[4]!.call],
    ['GetCallerIdentity', 'Throttling', 400, PROBES[5]!.call]
  ]

  it.each(cases)(
    '%s: %s (%d), classified as throttling; a storm outlasts the attempts and the next call meets the rest',
    async (operation, code, status, call) => {
      const c = clients(3)
      try {
        const invocations = stack.invocations().length
        const storm = stack.faults.throttle(operation, 5)
        await expect(call(c)).rejects.toMatchObject({ name: code, $metadata: { httpStatusCode: status } })
        await expect(call(c)).resolves.toBeDefined()
        expect(storm.hits).toBe(5)
        expect(c.retry.seen).toEqual(Array(5).fill('THROTTLING'))
        const log = stack.calls().slice(-6)
        expect(log.map((r) => [r.status, r.fault])).toEqual([...Array(5).fill([status, 'throttle']), [200, undefined]])
        // A throttled Invoke never reached the function.
        if (operation === 'Invoke') expect(stack.invocations().length).toBe(invocations + 1)
      } finally {
        c.destroy()
      }
    }
  )

  it('serviceQuota: bedrock-agent’s 402 ServiceQuotaExceededException, not retried', async () => {
    const jobs = await jobCount()
    stack.faults.serviceQuota('StartIngestionJob')
    const err = await c3.agent
      .send(
        new StartIngestionJobCommand({
          knowledgeBaseId: stack.ids.knowledgeBaseId,
          dataSourceId: stack.ids.dataSourceId
        })
      )
      .catch((e: unknown) => e)
    expect(err).toBeInstanceOf(ServiceQuotaExceededException)
    expect(err).toMatchObject({ $metadata: { httpStatusCode: 402, attempts: 1 } })
    expect(stack.calls().at(-1)).toMatchObject({ status: 402, fault: 'serviceQuota' })
    expect(await jobCount()).toBe(jobs)
  })
})

describe('hold', () => {
  it('holds a call before it is executed until released; reached says when', async () => {
    const jobs = await jobCount()
    const gate = stack.faults.hold('StartIngestionJob')
    const started = c3.agent.send(
      new StartIngestionJobCommand({ knowledgeBaseId: stack.ids.knowledgeBaseId, dataSourceId: stack.ids.dataSourceId })
    )
    const held = await gate.reached
    expect(held).toMatchObject({
      service: 'bedrock-agent',
      operation: 'StartIngestionJob',
      key: stack.ids.dataSourceId
    })
    expect(gate.waiting).toBe(1)
    expect(await jobCount()).toBe(jobs)
    gate.release()
    await expect(started).resolves.toMatchObject({ ingestionJob: { status: 'STARTING' } })
    expect(gate.waiting).toBe(0)
    expect(stack.calls().at(-1)).toMatchObject({ operation: 'StartIngestionJob', status: 202, fault: 'hold' })
    // Released gates hold nothing more.
    await expect(PROBES[3]!.call(c3)).resolves.toBeDefined()
  })

  it('holds the nth matching call and lets others by; clear() releases it', async () => {
    const gate = stack.faults.hold('PutObject', { skip: 1, match: (key) => key.startsWith('held/') })
    const put = (Key: string) => c3.s3.send(new PutObjectCommand({ Bucket: stack.ids.bucket, Key, Body: '{}' }))
    await put('held/first.json')
    const second = put('held/second.json')
    await gate.reached
    await put('free/other.json')
    expect(stack.s3.get(stack.ids.bucket, 'held/second.json')).toBeUndefined()
    stack.faults.clear()
    await second
    expect(stack.s3.get(stack.ids.bucket, 'held/second.json')).toBeDefined()
  })
})

describe('clients that leave', () => {
  let problems: unknown[]
  const onProblem = (err: unknown): void => void problems.push(err)
  beforeEach(() => {
    problems = []
    process.on('uncaughtException', onProblem)
    process.on('unhandledRejection', onProblem)
  })
  const settle = async (): Promise<void> => {
    await new Promise((resolve) => setTimeout(resolve, 30))
    process.off('uncaughtException', onProblem)
    process.off('unhandledRejection', onProblem)
    expect(problems).toEqual([])
  }

  it('mid-body, on every protocol, leave the stack answering', async () => {
    const half = { body: Buffer.alloc(200, 'x'), sendBytes: 50 }
    await raw(stack, {
      method: 'POST',
      path: '/',
      service: 'dynamodb',
      headers: { 'x-amz-target': 'DynamoDB_20120810.Query', 'content-type': 'application/x-amz-json-1.0' },
      ...half
    })
    await raw(stack, { method: 'PUT', path: `/${stack.ids.bucket}/half.json`, service: 's3', ...half })
    await raw(stack, { method: 'POST', path: '/2015-03-31/functions/probe/invocations', service: 'lambda', ...half })
    await raw(stack, { method: 'PUT', path: jobsPath(), service: 'bedrock', ...half })
    await settle()
    for (const probe of PROBES) await expect(probe.call(c3)).resolves.toBeDefined()
    expect(stack.s3.get(stack.ids.bucket, 'half.json')).toBeUndefined()
  })

  it('before sending anything: a connection reset at once', async () => {
    await new Promise<void>((resolve) => {
      const socket = connect(Number(new URL(stack.url).port), '127.0.0.1', () => {
        socket.resetAndDestroy()
        resolve()
      })
      socket.on('error', () => undefined)
    })
    await settle()
    await expect(PROBES[3]!.call(c3)).resolves.toBeDefined()
  })

  it('during an Invoke in flight: the function runs to its end and is recorded; the call is logged as left', async () => {
    let finish: () => void = () => {}
    stack.setFunction('slow', {
      handler: () => new Promise<unknown>((resolve) => (finish = () => resolve({ done: 1 })))
    })
    const log = callsSince()
    const out = await raw(stack, {
      method: 'POST',
      path: '/2015-03-31/functions/slow/invocations',
      service: 'lambda',
      body: '{}',
      giveUpMs: 50
    })
    expect(out.gaveUp).toBe(true)
    await until(() => log().length === 1, 'the call to be logged')
    expect(log()[0]).toMatchObject({ operation: 'Invoke', status: 0, interrupted: 'client' })
    finish()
    await until(() => stack.invocations().some((r) => r.functionName === 'slow'), 'the invocation to end')
    expect(stack.invocations().find((r) => r.functionName === 'slow')).toMatchObject({ outcome: 'success' })
    await settle()
  })

  it('during a delay, a hold, or a stalled response', async () => {
    stack.faults.delay('GetKnowledgeBase', 60)
    await raw(stack, { method: 'GET', path: kbPath(), service: 'bedrock', giveUpMs: 10 })
    const gate = stack.faults.hold('Query')
    const query = raw(stack, {
      method: 'POST',
      path: '/',
      service: 'dynamodb',
      headers: { 'x-amz-target': 'DynamoDB_20120810.Query', 'content-type': 'application/x-amz-json-1.0' },
      body: '{}',
      giveUpMs: 20
    })
    await gate.reached
    await query
    gate.release()
    stack.faults.stall('GetFunctionConfiguration', { phase: 'after-headers', bytes: 2 })
    await raw(stack, {
      method: 'GET',
      path: '/2015-03-31/functions/probe/configuration',
      service: 'lambda',
      giveUpMs: 20
    })
    await new Promise((resolve) => setTimeout(resolve, 80))
    await settle()
    for (const probe of PROBES) await expect(probe.call(c3)).resolves.toBeDefined()
  })
})

describe('stopping', () => {
  it('drops stalled, held and delayed calls at once', async () => {
    const other = await startStack()
    try {
      const armed = [
        other.faults.stall('GetKnowledgeBase'),
        other.faults.stall('GetDataSource', { phase: 'after-headers', bytes: 1 }),
        other.faults.hold('Query'),
        other.faults.delay('GetCallerIdentity', 60_000)
      ]
      let headersArrived: () => void = () => {}
      const headers = new Promise<void>((resolve) => (headersArrived = resolve))
      const path = `/knowledgebases/${other.ids.knowledgeBaseId}`
      const calls = [
        raw(other, { method: 'GET', path, service: 'bedrock', giveUpMs: 10_000 }),
        raw(other, {
          method: 'GET',
          path: `${path}/datasources/${other.ids.dataSourceId}`,
          service: 'bedrock',
          giveUpMs: 10_000,
          onHeaders: headersArrived
        }),
        raw(other, {
          method: 'POST',
          path: '/',
          service: 'dynamodb',
          headers: { 'x-amz-target': 'DynamoDB_20120810.Query', 'content-type': 'application/x-amz-json-1.0' },
          body: '{}',
          giveUpMs: 10_000
        }),
        raw(other, {
          method: 'POST',
          path: '/',
          service: 'sts',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: 'Action=GetCallerIdentity&Version=2011-06-15',
          giveUpMs: 10_000
        })
      ]
      await Promise.all([...armed.map((a) => a.reached), headers])
      const started = Date.now()
      await other.stop()
      const outcomes = await Promise.all(calls)
      expect(Date.now() - started).toBeLessThan(2000)
      expect(outcomes.map((o) => [o.gaveUp, o.complete])).toEqual(Array(4).fill([false, false]))
      expect(outcomes[1]?.status).toBe(200)
      await until(() => other.calls().length === 4, 'the calls to be logged')
      expect(other.calls().map((c) => c.interrupted)).toEqual(Array(4).fill('server'))
    } finally {
      await other.stop()
    }
  })
})

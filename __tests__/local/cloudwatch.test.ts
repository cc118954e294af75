/**
 * The stack's CloudWatch: PutMetricData over AWS JSON 1.0 as the SDK speaks it, checked as CloudWatch checks it,
 * answered in that protocol's error format, and recorded for `stack.metrics()`.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import {
  CloudWatchClient,
  ListMetricsCommand,
  PutMetricDataCommand,
  type MetricDatum,
  type PutMetricDataCommandInput
} from '@aws-sdk/client-cloudwatch'
import { ManualClock, startStack, type Stack } from '../../local/stack.js'
import { quickRetries, raw } from './support.js'

let stack: Stack
let clock: ManualClock
let cloudwatch: CloudWatchClient

beforeAll(async () => {
  clock = new ManualClock()
  stack = await startStack({ clock })
  cloudwatch = new CloudWatchClient({ ...stack.clientConfig, maxAttempts: 1 })
})

afterAll(async () => {
  cloudwatch.destroy()
  await stack.stop()
})

/** The error the SDK raised, as name, query code and status. */
async function refusal(input: PutMetricDataCommandInput, client = cloudwatch): Promise<Record<string, unknown>> {
  try {
    await client.send(new PutMetricDataCommand(input))
  } catch (error) {
    const e = error as { name: string; Code?: string; message: string; $metadata: { httpStatusCode?: number } }
    return { name: e.name, code: e.Code, status: e.$metadata.httpStatusCode, message: e.message }
  }
  throw new Error('PutMetricData was accepted')
}

const datum = (overrides: Partial<MetricDatum> = {}): MetricDatum => ({ MetricName: 'Runs', Value: 1, ...overrides })

describe('PutMetricData', () => {
  it('records each data point with its namespace, name, value, unit, dimensions and timestamp', async () => {
    const before = stack.metrics().length
    const at = new Date('2025-10-01T11:59:00.000Z')
    await cloudwatch.send(
      new PutMetricDataCommand({
        Namespace: 'Team/KB',
        MetricData: [
          datum({
            MetricName: 'DocumentsIndexed',
            Value: 12,
            Unit: 'Count',
            Timestamp: at,
            Dimensions: [
              { Name: 'KnowledgeBaseId', Value: 'KB1' },
              { Name: 'DataSourceId', Value: 'DS1' }
            ]
          }),
          datum({
            MetricName: 'Latency',
            Value: undefined,
            Values: [1, 2.5],
            Counts: [3, 1],
            Unit: 'Seconds',
            StorageResolution: 1
          }),
          datum({
            MetricName: 'Sizes',
            Value: undefined,
            StatisticValues: { SampleCount: 2, Sum: 3, Minimum: 1, Maximum: 2 }
          })
        ]
      })
    )
    expect(stack.metrics().slice(before)).toEqual([
      {
        namespace: 'Team/KB',
        name: 'DocumentsIndexed',
        value: 12,
        unit: 'Count',
        dimensions: { KnowledgeBaseId: 'KB1', DataSourceId: 'DS1' },
        timestamp: at.toISOString(),
        accessKeyId: stack.clientConfig.credentials.accessKeyId
      },
      {
        namespace: 'Team/KB',
        name: 'Latency',
        values: [1, 2.5],
        counts: [3, 1],
        unit: 'Seconds',
        dimensions: {},
        // No Timestamp: the time of receipt, on the stack's clock.
        timestamp: new Date(clock.now()).toISOString(),
        storageResolution: 1,
        accessKeyId: stack.clientConfig.credentials.accessKeyId
      },
      {
        namespace: 'Team/KB',
        name: 'Sizes',
        statisticValues: { sampleCount: 2, sum: 3, minimum: 1, maximum: 2 },
        unit: 'None',
        dimensions: {},
        timestamp: new Date(clock.now()).toISOString(),
        accessKeyId: stack.clientConfig.credentials.accessKeyId
      }
    ])
    expect(stack.calls().at(-1)).toMatchObject({ service: 'cloudwatch', operation: 'PutMetricData', status: 200 })
  })

  it('takes 1000 data points in one request, which the SDK sends gzip-encoded', async () => {
    const before = stack.metrics().length
    const seen = stack.faults.delay('PutMetricData', 0)
    await cloudwatch.send(
      new PutMetricDataCommand({
        Namespace: 'Team/KB',
        MetricData: Array.from({ length: 1000 }, (_, i) =>
          datum({ Value: i, Dimensions: [{ Name: 'KnowledgeBaseId', Value: 'KB1' }] })
        )
      })
    )
    expect((await seen.reached).headers['content-encoding']).toBe('gzip')
    expect(
      stack
        .metrics()
        .slice(before)
        .map((p) => p.value)
    ).toEqual(Array.from({ length: 1000 }, (_, i) => i))
  })

  it('refuses what CloudWatch refuses, all or nothing', async () => {
    const before = stack.metrics().length
    const invalid = { name: 'InvalidParameterValueException', code: 'InvalidParameterValue', status: 400 }
    expect(await refusal({ Namespace: 'AWS/Lambda', MetricData: [datum()] })).toEqual({
      ...invalid,
      message: 'The value AWS/Lambda for parameter Namespace is invalid.'
    })
    expect(await refusal({ Namespace: 'N', MetricData: Array.from({ length: 1001 }, () => datum()) })).toEqual({
      ...invalid,
      message: 'The collection MetricData must not have a size greater than 1000.'
    })
    const dimensions = Array.from({ length: 31 }, (_, i) => ({ Name: `D${i}`, Value: 'v' }))
    expect(await refusal({ Namespace: 'N', MetricData: [datum(), datum({ Dimensions: dimensions })] })).toEqual({
      ...invalid,
      message: 'The collection MetricData.member.2.Dimensions must not have a size greater than 30.'
    })
    for (const value of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 2 ** 361]) {
      expect(await refusal({ Namespace: 'N', MetricData: [datum({ Value: value })] })).toEqual({
        ...invalid,
        message: `The value ${value} for parameter MetricData.member.1.Value is invalid.`
      })
    }
    expect(await refusal({ Namespace: 'N', MetricData: [datum({ Unit: 'Widgets' as 'Count' })] })).toMatchObject({
      ...invalid,
      message: 'The value Widgets for parameter MetricData.member.1.Unit is invalid.'
    })
    expect(
      await refusal({
        Namespace: 'N',
        MetricData: [datum({ StatisticValues: { SampleCount: 1, Sum: 1, Minimum: 1, Maximum: 1 } })]
      })
    ).toMatchObject({ name: 'InvalidParameterCombinationException', code: 'InvalidParameterCombination', status: 400 })
    expect(await refusal({ Namespace: 'N', MetricData: [{ MetricName: undefined, Value: 1 }] })).toEqual({
      name: 'MissingRequiredParameterException',
      code: 'MissingParameter',
      status: 400,
      message: 'The parameter MetricData.member.1.MetricName is required.'
    })
    expect(await refusal({ Namespace: 'N', MetricData: [] })).toMatchObject({ code: 'MissingParameter' })
    expect(stack.metrics()).toHaveLength(before)
  })

  it('answers errors in AWS JSON 1.0 with the query code CloudWatch adds', async () => {
    const answer = await raw(stack, {
      method: 'POST',
      path: '/',
      service: 'monitoring',
      headers: {
        'content-type': 'application/x-amz-json-1.0',
        'x-amz-target': 'GraniteServiceVersion20100801.PutMetricData'
      },
      body: JSON.stringify({ Namespace: 'AWS/EC2', MetricData: [{ MetricName: 'A', Value: 1 }] })
    })
    expect(answer.status).toBe(400)
    expect(answer.headers?.['content-type']).toBe('application/x-amz-json-1.0')
    expect(answer.headers?.['x-amzn-query-error']).toBe('InvalidParameterValue;Sender')
    expect(JSON.parse(answer.body.toString())).toEqual({
      __type: 'com.amazonaws.cloudwatch#InvalidParameterValueException',
      message: 'The value AWS/EC2 for parameter Namespace is invalid.'
    })
  })

  it('speaks only JSON, and only PutMetricData', async () => {
    const query = await raw(stack, {
      method: 'POST',
      path: '/',
      service: 'monitoring',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'Action=PutMetricData&Version=2010-08-01&Namespace=N'
    })
    expect(query.status).toBe(400)
    expect(JSON.parse(query.body.toString()).__type).toMatch(/#UnknownOperationException$/)
    await expect(cloudwatch.send(new ListMetricsCommand({}))).rejects.toMatchObject({
      name: 'UnknownOperationException',
      message: 'The local CloudWatch does not emulate ListMetrics.'
    })
  })
})

describe('faults on PutMetricData', () => {
  it('refuses as IAM does, naming cloudwatch:PutMetricData', async () => {
    const denied = stack.faults.accessDenied('PutMetricData', 1)
    const error = await refusal({ Namespace: 'N', MetricData: [datum()] })
    expect(error).toMatchObject({ name: 'AccessDenied', code: 'AccessDenied', status: 403 })
    expect(error.message).toContain('is not authorized to perform: cloudwatch:PutMetricData')
    expect(denied.hits).toBe(1)
    expect(stack.calls().at(-1)).toMatchObject({ operation: 'PutMetricData', status: 403, fault: 'accessDenied' })
  })

  it('throttles as CloudWatch does (the SDK retries it) and answers injected errors in its format', async () => {
    const retries = quickRetries(3)
    const client = new CloudWatchClient({ ...stack.clientConfig, retryStrategy: retries })
    try {
      stack.faults.throttle('cloudwatch:PutMetricData', 1)
      stack.faults.error('monitoring:PutMetricData', { status: 500, code: 'InternalServiceFault', message: 'boom' })
      const before = stack.metrics().length
      await client.send(new PutMetricDataCommand({ Namespace: 'N', MetricData: [datum()] }))
      expect(retries.seen).toEqual(['THROTTLING', 'TRANSIENT'])
      expect(stack.metrics()).toHaveLength(before + 1)
    } finally {
      client.destroy()
    }
  })

  it('keys faults by namespace', async () => {
    stack.faults.error('PutMetricData', { status: 400, code: 'InvalidParameterValue' }, { match: (ns) => ns === 'B' })
    await cloudwatch.send(new PutMetricDataCommand({ Namespace: 'A', MetricData: [datum()] }))
    expect(await refusal({ Namespace: 'B', MetricData: [datum()] })).toMatchObject({
      name: 'InvalidParameterValueException',
      code: 'InvalidParameterValue'
    })
  })
})

describe('region', () => {
  it('refuses a client signing for another region unless strictRegion is off', async () => {
    const elsewhere = new CloudWatchClient({ ...stack.clientConfig, region: 'eu-west-1', maxAttempts: 1 })
    try {
      expect(await refusal({ Namespace: 'N', MetricData: [datum()] }, elsewhere)).toMatchObject({
        name: 'InvalidSignatureException',
        status: 403
      })
    } finally {
      elsewhere.destroy()
    }
    const lenient = await startStack({ strictRegion: false })
    const client = new CloudWatchClient({ ...lenient.clientConfig, region: 'eu-west-1', maxAttempts: 1 })
    try {
      await client.send(new PutMetricDataCommand({ Namespace: 'N', MetricData: [datum()] }))
      expect(lenient.metrics()).toHaveLength(1)
    } finally {
      client.destroy()
      await lenient.stop()
    }
  })
})

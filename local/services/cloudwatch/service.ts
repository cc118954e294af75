import { gunzipSync } from 'node:zlib'
import type { PutMetricDataInput } from '@aws-sdk/client-cloudwatch'
import { AwsError, sendJson, type Call } from '../common/protocol.js'
import type { Unchecked } from '../common/wire.js'
import type { Clock } from '../clock.js'
import type { Faults } from '../faults/faults.js'
import { FaultedService, type FaultStyle, type PrincipalOf } from '../gateway/service.js'
import { pointsOf, type MetricStore } from './metrics.js'

const TARGET_PREFIX = 'GraniteServiceVersion20100801.'
/** PutMetricData's request limit (after decompression). */
const MAX_REQUEST_BYTES = 1024 * 1024

/**
 * CloudWatch moved from the query protocol to JSON and stayed query-compatible: each error also travels as its
 * query code in `x-amzn-query-error`, which the SDK prefers when it names the error. Codes the two protocols spell
 * alike are left out.
 */
const QUERY_CODES: Record<string, string> = {
  InvalidParameterValueException: 'InvalidParameterValue',
  MissingRequiredParameterException: 'MissingParameter',
  InvalidParameterCombinationException: 'InvalidParameterCombination',
  InternalServiceFault: 'InternalServiceError',
  LimitExceededFault: 'LimitExceeded',
  InvalidFormatFault: 'InvalidFormat',
  AccessDeniedException: 'AccessDenied',
  ThrottlingException: 'Throttling'
}
const JSON_NAMES = Object.fromEntries(Object.entries(QUERY_CODES).map(([name, code]) => [code, name]))
/** Errors raised by the service framework rather than CloudWatch's model carry the framework's namespace. */
const FRAMEWORK_ERRORS = new Set([
  'AccessDeniedException',
  'ThrottlingException',
  'UnknownOperationException',
  'SerializationException',
  'InvalidSignatureException',
  'RequestEntityTooLarge'
])

const STYLE: FaultStyle = {
  service: 'monitoring',
  throttle: () => new AwsError(400, 'ThrottlingException', 'Rate exceeded'),
  denied: (message) => new AwsError(403, 'AccessDeniedException', message),
  iamAction: (op) => `cloudwatch:${op}`
}

function decoded(call: Call, body: Buffer): Buffer {
  return String(call.headers['content-encoding'] ?? '').includes('gzip') ? gunzipSync(body) : body
}

/**
 * CloudWatch's PutMetricData over AWS JSON 1.0, as the SDK speaks it: `POST /` with `X-Amz-Target:
 * GraniteServiceVersion20100801.PutMetricData`, a JSON body (gzip-encoded when large), errors as `__type` and
 * `message` plus the query code. The data points it accepts go to the store, where `stack.metrics()` reads them.
 */
export class CloudWatchService extends FaultedService {
  readonly name = 'cloudwatch'

  constructor(
    private readonly store: MetricStore,
    private readonly clock: Clock,
    faults: Faults,
    principalOf: PrincipalOf
  ) {
    super(faults, STYLE, principalOf)
  }

  sendError(call: Call, err: AwsError): void {
    const name = JSON_NAMES[err.code] ?? err.code
    const namespace = FRAMEWORK_ERRORS.has(name) ? 'com.amazon.coral.service' : 'com.amazonaws.cloudwatch'
    const queryCode = QUERY_CODES[name] ?? err.code
    sendJson(
      call.res,
      err.status,
      { __type: `${namespace}#${name}`, message: err.message },
      {
        'x-amzn-RequestId': call.requestId,
        'x-amzn-query-error': `${queryCode};${err.status >= 500 ? 'Receiver' : 'Sender'}`,
        ...err.headers
      },
      'application/x-amz-json-1.0'
    )
  }

  async handle(call: Call): Promise<void> {
    const target = String(call.headers['x-amz-target'] ?? '')
    const operation = target.startsWith(TARGET_PREFIX) ? target.slice(TARGET_PREFIX.length) : 'Unknown'
    await this.admit(call, operation, {
      resource: () => '*',
      key: (body) => String((JSON.parse(decoded(call, body).toString('utf8')) as { Namespace?: unknown }).Namespace)
    })
    if (operation === 'Unknown') {
      throw new AwsError(
        400,
        'UnknownOperationException',
        'The local CloudWatch speaks AWS JSON 1.0 only: POST / with X-Amz-Target: GraniteServiceVersion20100801.<Operation>.'
      )
    }
    if (operation !== 'PutMetricData') {
      throw new AwsError(400, 'UnknownOperationException', `The local CloudWatch does not emulate ${operation}.`)
    }
    const input = this.inputOf(call, await call.body())
    const points = pointsOf(input, this.clock.now())
    this.store.add(points.map((p) => (call.accessKeyId ? { ...p, accessKeyId: call.accessKeyId } : p)))
    sendJson(call.res, 200, {}, { 'x-amzn-RequestId': call.requestId }, 'application/x-amz-json-1.0')
  }

  private inputOf(call: Call, raw: Buffer): Unchecked<PutMetricDataInput> {
    let body: Buffer
    try {
      body = decoded(call, raw)
    } catch {
      throw new AwsError(400, 'SerializationException', 'The request body is not valid gzip.')
    }
    if (body.length > MAX_REQUEST_BYTES) {
      throw new AwsError(
        413,
        'RequestEntityTooLarge',
        `Request size ${body.length} exceeded ${MAX_REQUEST_BYTES} bytes`
      )
    }
    try {
      const input = JSON.parse(body.toString('utf8') || '{}') as unknown
      if (typeof input !== 'object' || input === null || Array.isArray(input)) throw new Error('not an object')
      return input as Unchecked<PutMetricDataInput>
    } catch {
      throw new AwsError(400, 'SerializationException', 'The request body is not a JSON object.')
    }
  }
}

import type { FunctionConfiguration, GetFunctionResponse, InvocationResponse } from '@aws-sdk/client-lambda'
import { AwsError, sendJson, sendRestJsonError, type Call } from '../common/protocol.js'
import type { Faults } from '../faults/faults.js'
import { FaultedService, type FaultStyle, type PrincipalOf } from '../gateway/service.js'
import { MAX_SYNC_PAYLOAD } from './invocation-record.js'
import { FUNCTION_NAME, type LambdaRuntime } from './runtime.js'
import type { FunctionState } from './types.js'

const MAX_ASYNC_PAYLOAD = 1024 * 1024
const INVOKE = /^\/2015-03-31\/functions\/([^/]+)\/invocations\/?$/
const FUNCTION = /^\/2015-03-31\/functions\/([^/]+)(\/configuration)?\/?$/

type Operation = 'Invoke' | 'GetFunction' | 'GetFunctionConfiguration' | 'Unknown'

/** The operation a request names, and the FunctionName in its path. */
function route(call: Call): { operation: Operation; name: string } {
  const invoke = INVOKE.exec(call.url.pathname)
  const config = FUNCTION.exec(call.url.pathname)
  const operation: Operation =
    invoke && call.method === 'POST'
      ? 'Invoke'
      : config && call.method === 'GET'
        ? config[2]
          ? 'GetFunctionConfiguration'
          : 'GetFunction'
        : 'Unknown'
  return { operation, name: decodeURIComponent((invoke ?? config)?.[1] ?? '') }
}

/** Lambda's errors about the caller's request carry `Type: User`. */
function userError(status: number, code: string, message: string): AwsError {
  return new AwsError(status, code, message, { Type: 'User' })
}

const STYLE: FaultStyle = {
  service: 'lambda',
  throttle: () =>
    new AwsError(
      429,
      'TooManyRequestsException',
      'Rate Exceeded.',
      { Type: 'User', message: 'Rate Exceeded.', Reason: 'CallerRateLimitExceeded' },
      { 'Retry-After': '1' }
    ),
  denied: (message) => userError(403, 'AccessDeniedException', message),
  iamAction: (op) => (op === 'Invoke' ? 'lambda:InvokeFunction' : `lambda:${op}`)
}

/** Invoke's answer headers, named by the members of InvocationResponse (InvokeCommandOutput) they carry. */
function invokeHeaders(response: Omit<InvocationResponse, 'StatusCode' | 'Payload'>): Record<string, string> {
  const headers: Record<string, string> = {}
  if (response.ExecutedVersion !== undefined) headers['X-Amz-Executed-Version'] = response.ExecutedVersion
  if (response.FunctionError !== undefined) headers['X-Amz-Function-Error'] = response.FunctionError
  if (response.LogResult !== undefined) headers['X-Amz-Log-Result'] = response.LogResult
  return headers
}

/** The event: the body as JSON (an empty body is `{}`), within the payload limit of the invocation type. */
function eventOf(body: Buffer, type: string): unknown {
  const limit = type === 'Event' ? MAX_ASYNC_PAYLOAD : MAX_SYNC_PAYLOAD
  if (body.length > limit) {
    throw userError(
      413,
      'RequestTooLargeException',
      `Request must be smaller than ${limit} bytes for the InvokeFunction operation`
    )
  }
  if (body.length === 0) return {}
  try {
    return JSON.parse(body.toString('utf8')) as unknown
  } catch (err) {
    throw userError(
      400,
      'InvalidRequestContentException',
      `Could not parse request body into json: ${(err as Error).message}`
    )
  }
}

/** Lambda's REST-JSON API: Invoke (RequestResponse, Event, DryRun; Tail logs), GetFunction(Configuration). */
export class LambdaService extends FaultedService {
  readonly name = 'lambda'

  constructor(
    private readonly runtime: LambdaRuntime,
    faults: Faults,
    principalOf: PrincipalOf
  ) {
    super(faults, STYLE, principalOf)
  }

  sendError(call: Call, err: AwsError): void {
    sendRestJsonError(call, err, { Type: err.status >= 500 ? 'Service' : 'User', Message: err.message, ...err.fields })
  }

  async handle(call: Call): Promise<void> {
    const { operation, name } = route(call)
    const functionName = FUNCTION_NAME.exec(name)?.[4] ?? name
    await this.admit(call, operation, {
      resource: () => this.runtime.functionArn(functionName),
      key: () => functionName
    })
    if (operation === 'Unknown')
      throw new AwsError(404, 'UnknownOperationException', `Unknown operation ${call.method} ${call.url.pathname}`)
    const { fn, qualifier, version } = this.runtime.resolve(name, call.url.searchParams.get('Qualifier') ?? undefined)
    if (operation === 'Invoke') return this.invoke(call, fn, qualifier, version)
    const configuration = this.configuration(fn, qualifier, version)
    const answer: FunctionConfiguration | GetFunctionResponse =
      operation === 'GetFunction' ? { Configuration: configuration } : configuration
    sendJson(call.res, 200, answer, { 'x-amzn-RequestId': call.requestId })
  }

  private configuration(fn: FunctionState, qualifier: string, version: string): FunctionConfiguration {
    return {
      FunctionName: fn.name,
      FunctionArn: this.runtime.functionArn(fn.name, qualifier === '$LATEST' ? undefined : qualifier),
      Runtime: 'nodejs20.x',
      Handler: `index.${fn.config.exportName}`,
      Timeout: Math.ceil(fn.config.timeoutMs / 1000),
      MemorySize: fn.config.memoryMb,
      Version: version,
      State: 'Active',
      LastUpdateStatus: 'Successful',
      PackageType: 'Zip',
      Architectures: ['x86_64']
    }
  }

  private async invoke(call: Call, fn: FunctionState, qualifier: string, version: string): Promise<void> {
    const type = String(call.headers['x-amz-invocation-type'] ?? 'RequestResponse')
    if (!['RequestResponse', 'Event', 'DryRun'].includes(type)) {
      throw userError(400, 'InvalidParameterValueException', `Unsupported invocation type ${type}`)
    }
    const event = eventOf(await call.body(), type)
    const headers = { 'x-amzn-RequestId': call.requestId, ...invokeHeaders({ ExecutedVersion: version }) }
    const invocation = { fn, qualifier, version, event, requestId: call.requestId }
    if (type === 'DryRun') {
      call.res.writeHead(204, headers)
      return void call.res.end()
    }
    if (type === 'Event') {
      this.runtime.runInBackground(() => this.runtime.run({ ...invocation, invocationType: 'Event' }))
      call.res.writeHead(202, { ...headers, 'Content-Length': 0 })
      return void call.res.end()
    }
    if (fn.config.reservedConcurrency !== undefined && fn.running >= fn.config.reservedConcurrency) {
      throw new AwsError(
        429,
        'TooManyRequestsException',
        'Rate Exceeded.',
        { message: 'Rate Exceeded.', Reason: 'ReservedFunctionConcurrentInvocationLimitExceeded' },
        { 'Retry-After': '1' }
      )
    }
    const record = await this.runtime.run({ ...invocation, invocationType: 'RequestResponse' })
    const tail = call.headers['x-amz-log-type'] === 'Tail'
    call.res.writeHead(200, {
      ...headers,
      ...invokeHeaders({
        FunctionError: record.functionError,
        LogResult: tail ? Buffer.from(record.log).subarray(-4096).toString('base64') : undefined
      }),
      'Content-Type': 'application/json',
      'Content-Length': Buffer.byteLength(record.payload)
    })
    call.res.end(record.payload)
  }
}

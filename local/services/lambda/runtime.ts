import { AsyncLocalStorage } from 'node:async_hooks'
import { format } from 'node:util'
import { ACCOUNT_ID } from '../common/ids.js'
import { AwsError, sendJson, sleep, type Call } from '../common/protocol.js'
import type { Environments, Faults, LambdaFault } from '../faults/faults.js'
import { applyFaults, type FaultStyle, type Service } from '../gateway/gateway.js'
import { Container, type ContextFields, type LambdaErrorPayload, type RunResult } from './container.js'

/** The context an in-process handler receives: the fields of the Node.js runtime's context. */
export interface LambdaContext extends ContextFields {
  callbackWaitsForEmptyEventLoop: boolean
  getRemainingTimeInMillis(): number
}

export type InProcessHandler = (event: unknown, context: LambdaContext) => unknown

const RAW = Symbol('rawPayload')

/**
 * A result an in-process handler returns to make the function answer these exact bytes, e.g. a payload that is
 * not JSON (a real Node.js function cannot, but a function in another runtime can).
 */
export function rawPayload(text: string): { [RAW]: string } {
  return { [RAW]: text }
}

export interface FunctionConfig {
  /** Runs in this process (tests' stand-in Lambdas). Shares this process's environment. */
  handler?: InProcessHandler
  /** A module run in its own execution environment (worker thread, own env); `.ts` files are loaded with tsx. */
  handlerPath?: string
  /** Exported handler function of `handlerPath` (default `handler`). */
  exportName?: string
  /** Function timeout (default 300 000 ms, the team's 5 minutes). */
  timeoutMs?: number
  memoryMb?: number
  /** Environment of `handlerPath` functions (the stack adds AWS settings pointing at itself). */
  env?: Record<string, string>
  /** Versions and aliases accepted as qualifier besides `$LATEST`, e.g. `{ '1': '1', live: '1' }` (alias → version). */
  qualifiers?: Record<string, string>
  /** At most this many concurrent invocations; more are refused with TooManyRequestsException (429). */
  reservedConcurrency?: number
}

export interface InvocationRecord {
  requestId: string
  functionName: string
  qualifier: string
  invocationType: 'RequestResponse' | 'Event'
  event: unknown
  startedAt: string
  durationMs: number
  coldStart: boolean
  outcome: 'success' | 'error' | 'timeout'
  /** The payload as returned (for Event invocations, what the function returned though nobody read it). */
  payload: string
  functionError?: 'Unhandled' | 'Handled'
  /** The invocation's full log, START to REPORT. */
  log: string
}

interface FunctionState {
  name: string
  config: FunctionConfig & { timeoutMs: number; memoryMb: number; exportName: string }
  containers: Container[]
  running: number
}

const NAME =
  /^(?:arn:aws[a-zA-Z-]*:lambda:([a-z]{2}(?:-gov)?-[a-z]+-\d):(\d{12}):function:|(\d{12}):function:)?([a-zA-Z0-9_-]{1,64})(?::(\$LATEST|[a-zA-Z0-9_-]+))?$/
const MAX_SYNC_PAYLOAD = 6 * 1024 * 1024
const MAX_ASYNC_PAYLOAD = 1024 * 1024

/** The invocation an in-process handler's console output belongs to; one store for every stack in the process. */
const handlerLogs = new AsyncLocalStorage<{ requestId: string; lines: string[] }>()

/**
 * Console output of in-process handlers goes to their invocation's log, everything else where it went. The console
 * is global, so the patch is shared and counted: stopping one stack must not blind another still running.
 */
const consoleCapture = (() => {
  const methods = { log: 'INFO', info: 'INFO', warn: 'WARN', error: 'ERROR', debug: 'DEBUG', trace: 'TRACE' } as const
  const target = console as unknown as Record<string, (...args: unknown[]) => void>
  const originals = new Map<string, (...args: unknown[]) => void>()
  let users = 0
  return {
    acquire(): void {
      if (users++ > 0) return
      for (const [method, level] of Object.entries(methods)) {
        const original = target[method] as (...args: unknown[]) => void
        originals.set(method, original)
        target[method] = (...args: unknown[]) => {
          const store = handlerLogs.getStore()
          if (store) store.lines.push(`${new Date().toISOString()}\t${store.requestId}\t${level}\t${format(...args)}\n`)
          else original.apply(console, args)
        }
      }
    },
    release(): void {
      if (--users > 0) return
      for (const [method, original] of originals) target[method] = original
      originals.clear()
    }
  }
})()

/** Lambda's execution side: functions, their execution environments, invocations and logs. */
export class LambdaRuntime implements Environments {
  readonly invocations: InvocationRecord[] = []
  private functions = new Map<string, FunctionState>()
  /**
   * Environments by the session token each was given: the token comes back on every AWS call the environment
   * makes, which is how the gateway knows which environment called (for `crashAfter`).
   */
  private environments = new Map<string, { id: string; container: Container }>()
  private environmentSeq = 0
  private background = new Set<Promise<void>>()
  private capturing = false
  /** Ends in-process invocations still running when the stack stops (their timers would outlive it). */
  private aborts = new Set<() => void>()

  constructor(
    readonly region: string,
    private readonly faults: Faults
  ) {
    faults.environments = this
  }

  idOf(sessionToken: string): string | undefined {
    return this.environments.get(sessionToken)?.id
  }

  async crash(id: string, outcome: 'crash' | 'timeout'): Promise<void> {
    for (const [token, env] of this.environments) {
      if (env.id !== id) continue
      this.environments.delete(token)
      await env.container.kill(outcome)
    }
  }

  private newContainer(fn: FunctionState): Container {
    const id = `${fn.name}#${++this.environmentSeq}`
    const env = { ...fn.config.env }
    const token =
      env.AWS_SESSION_TOKEN !== undefined ? `${env.AWS_SESSION_TOKEN}-env-${this.environmentSeq}` : undefined
    if (token !== undefined) env.AWS_SESSION_TOKEN = token
    const container = new Container(fn.config.handlerPath as string, fn.config.exportName, env)
    if (token !== undefined) this.environments.set(token, { id, container })
    return container
  }

  register(name: string, config: FunctionConfig): void {
    if (!config.handler === !config.handlerPath)
      throw new Error(`Function ${name}: give exactly one of handler, handlerPath`)
    const old = this.functions.get(name)
    for (const c of old?.containers ?? []) void c.stop()
    this.functions.set(name, {
      name,
      config: { timeoutMs: 300_000, memoryMb: 512, exportName: 'handler', ...config },
      containers: [],
      running: 0
    })
  }

  /**
   * Changes a function's settings; running environments are replaced (as a configuration update does). `env` is
   * merged into the current variables, so a test can change one without restating the stack's AWS settings.
   */
  configure(name: string, changes: Partial<FunctionConfig>): void {
    const fn = this.get(name)
    const env = changes.env !== undefined ? { ...fn.config.env, ...changes.env } : fn.config.env
    this.register(name, { ...fn.config, ...changes, ...(env !== undefined ? { env } : {}) })
  }

  has(name: string): boolean {
    return this.functions.has(name)
  }

  functionArn(name: string, qualifier?: string): string {
    return `arn:aws:lambda:${this.region}:${ACCOUNT_ID}:function:${name}${qualifier ? `:${qualifier}` : ''}`
  }

  /** Resolves a FunctionName (name, partial or full ARN, `:qualifier`) and a Qualifier parameter. */
  resolve(functionName: string, qualifierParam?: string): { fn: FunctionState; qualifier: string; version: string } {
    const m = NAME.exec(functionName)
    if (!m) {
      throw new AwsError(
        400,
        'ValidationException',
        `1 validation error detected: Value '${functionName}' at 'functionName' failed to satisfy constraint: Member must satisfy regular expression pattern: (arn:(aws[a-zA-Z-]*)?:lambda:)?([a-z]{2}(-gov)?-[a-z]+-\\d{1}:)?(\\d{12}:)?(function:)?([a-zA-Z0-9-_\\.]+)(:(\\$LATEST|[a-zA-Z0-9-_]+))?`
      )
    }
    const [, region, account, partialAccount, name = '', nameQualifier] = m
    if (nameQualifier && qualifierParam && nameQualifier !== qualifierParam) {
      throw new AwsError(
        400,
        'InvalidParameterValueException',
        'The derived qualifier from the function name does not match the specified qualifier.',
        { Type: 'User' }
      )
    }
    const qualifier = nameQualifier ?? qualifierParam ?? '$LATEST'
    const fn = this.functions.get(name)
    const wrongPlace = (region && region !== this.region) || (account ?? partialAccount ?? ACCOUNT_ID) !== ACCOUNT_ID
    const version = qualifier === '$LATEST' ? '$LATEST' : fn?.config.qualifiers?.[qualifier]
    if (!fn || wrongPlace || version === undefined) {
      throw new AwsError(
        404,
        'ResourceNotFoundException',
        `Function not found: ${this.functionArn(name, qualifier === '$LATEST' && !nameQualifier && !qualifierParam ? undefined : qualifier)}`,
        { Type: 'User' }
      )
    }
    return { fn, qualifier, version }
  }

  get(name: string): FunctionState {
    const fn = this.functions.get(name)
    if (!fn) throw new Error(`No function ${name}`)
    return fn
  }

  /** Runs one invocation to its end (success, error or timeout), and records it. */
  async run(
    fn: FunctionState,
    qualifier: string,
    version: string,
    event: unknown,
    invocationType: 'RequestResponse' | 'Event',
    requestId: string
  ): Promise<InvocationRecord> {
    const started = Date.now()
    const context: ContextFields = {
      functionName: fn.name,
      functionVersion: version,
      invokedFunctionArn: this.functionArn(fn.name, qualifier === '$LATEST' ? undefined : qualifier),
      memoryLimitInMB: String(fn.config.memoryMb),
      awsRequestId: requestId,
      logGroupName: `/aws/lambda/${fn.name}`,
      logStreamName: `${new Date(started).toISOString().slice(0, 10).replace(/-/g, '/')}/[${version}]${requestId.replace(/-/g, '')}`
    }
    fn.running++
    let result: RunResult
    let coldStart = false
    try {
      const fault = this.faults.takeLambdaFault(fn.name)
      const cutAfterMs = fault?.kind === 'timeout' && fault.run ? fault.afterMs : fn.config.timeoutMs
      if (fault && !(fault.kind === 'timeout' && fault.run)) result = await this.faulted(fault)
      else if (fn.config.handler) result = await this.runInProcess(fn, event, context, cutAfterMs)
      else {
        let container = fn.containers.find((c) => !c.busy && !c.dead)
        if (!container) {
          coldStart = true
          container = this.newContainer(fn)
          fn.containers.push(container)
        }
        result = await container.run(event, context, fn.config.timeoutMs, cutAfterMs)
        fn.containers = fn.containers.filter((c) => !c.dead)
        this.forgetDead()
      }
    } finally {
      fn.running--
    }
    const durationMs = Date.now() - started
    const record = this.record(
      fn,
      qualifier,
      version,
      event,
      invocationType,
      requestId,
      started,
      durationMs,
      coldStart,
      result
    )
    this.invocations.push(record)
    return record
  }

  private async faulted(fault: LambdaFault): Promise<RunResult> {
    await sleep(fault.afterMs)
    if (fault.kind === 'timeout') return { ok: false, timedOut: true, lines: [] }
    const error = { errorType: fault.errorType, errorMessage: fault.errorMessage, trace: [] }
    return { ok: false, error, lines: [], handled: fault.handled }
  }

  private record(
    fn: FunctionState,
    qualifier: string,
    version: string,
    event: unknown,
    invocationType: 'RequestResponse' | 'Event',
    requestId: string,
    started: number,
    durationMs: number,
    coldStart: boolean,
    result: RunResult
  ): InvocationRecord {
    const timeoutS = (fn.config.timeoutMs / 1000).toFixed(2)
    let payload: string
    let functionError: 'Unhandled' | 'Handled' | undefined
    let error: LambdaErrorPayload | undefined = result.error
    if (result.timedOut) {
      error = {
        errorType: 'Sandbox.Timedout',
        errorMessage: `RequestId: ${requestId} Error: Task timed out after ${timeoutS} seconds`,
        trace: []
      }
    } else if (result.ok && (result.payload?.length ?? 0) > MAX_SYNC_PAYLOAD) {
      error = {
        errorType: 'Function.ResponseSizeTooLarge',
        errorMessage: `Response payload size (${result.payload?.length} bytes) exceeded maximum allowed payload size (${MAX_SYNC_PAYLOAD} bytes).`,
        trace: []
      }
    }
    if (error) {
      payload = JSON.stringify(error)
      functionError = result.handled ? 'Handled' : 'Unhandled'
    } else payload = result.payload ?? 'null'

    const lines = [`START RequestId: ${requestId} Version: ${version}\n`, ...result.lines]
    if (result.timedOut)
      lines.push(`${new Date().toISOString()} ${requestId} Task timed out after ${timeoutS} seconds\n`)
    lines.push(`END RequestId: ${requestId}\n`)
    const init = result.initMs !== undefined ? `\tInit Duration: ${result.initMs.toFixed(2)} ms` : ''
    lines.push(
      `REPORT RequestId: ${requestId}\tDuration: ${durationMs.toFixed(2)} ms\tBilled Duration: ${Math.max(1, Math.ceil(durationMs))} ms\tMemory Size: ${fn.config.memoryMb} MB\tMax Memory Used: ${Math.min(fn.config.memoryMb, result.maxMemoryMb ?? 64)} MB${init}${result.timedOut ? '\tStatus: timeout' : ''}\n`
    )
    return {
      requestId,
      functionName: fn.name,
      qualifier,
      invocationType,
      event,
      startedAt: new Date(started).toISOString(),
      durationMs,
      coldStart,
      outcome: result.timedOut ? 'timeout' : error ? 'error' : 'success',
      payload,
      functionError,
      log: lines.join('')
    }
  }

  private forgetDead(): void {
    for (const [token, env] of this.environments) if (env.container.dead) this.environments.delete(token)
  }

  private async runInProcess(
    fn: FunctionState,
    event: unknown,
    fields: ContextFields,
    cutAfterMs = fn.config.timeoutMs
  ): Promise<RunResult> {
    if (!this.capturing) {
      this.capturing = true
      consoleCapture.acquire()
    }
    const lines: string[] = []
    const deadline = Date.now() + fn.config.timeoutMs
    const context: LambdaContext = {
      ...fields,
      callbackWaitsForEmptyEventLoop: true,
      getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now())
    }
    let timer: NodeJS.Timeout | undefined
    let abort = (): void => {}
    const timeout = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), cutAfterMs)
      abort = () => resolve('timeout')
    })
    this.aborts.add(abort)
    const handler = fn.config.handler as InProcessHandler
    try {
      const value = await Promise.race([
        handlerLogs.run({ requestId: fields.awsRequestId, lines }, async () => handler(event, context)),
        timeout
      ])
      // An in-process handler cannot be stopped; past its timeout its result is ignored, as Lambda would have
      // frozen it.
      if (value === 'timeout') return { ok: false, timedOut: true, lines }
      if (value !== null && typeof value === 'object' && RAW in value)
        return { ok: true, payload: (value as { [RAW]: string })[RAW], lines }
      return { ok: true, payload: JSON.stringify(value === undefined ? null : value), lines }
    } catch (err) {
      const e = err instanceof Error ? err : new Error(String(err))
      const error = { errorType: e.name || 'Error', errorMessage: e.message, trace: String(e.stack ?? '').split('\n') }
      lines.push(
        `${new Date().toISOString()}\t${fields.awsRequestId}\tERROR\tInvoke Error \t${JSON.stringify(error)}\n`
      )
      return { ok: false, error, lines }
    } finally {
      clearTimeout(timer)
      this.aborts.delete(abort)
    }
  }

  /** Starts an Event invocation; `idle()` waits for it. */
  runInBackground(task: () => Promise<unknown>): void {
    const p = task()
      .then(() => undefined)
      .catch(() => undefined)
      .finally(() => this.background.delete(p))
    this.background.add(p)
  }

  /** Resolves when no Event invocation is running. */
  async idle(): Promise<void> {
    while (this.background.size > 0) await Promise.all([...this.background])
  }

  async stop(): Promise<void> {
    for (const abort of this.aborts) abort()
    if (this.capturing) {
      this.capturing = false
      consoleCapture.release()
    }
    await Promise.all([...this.functions.values()].flatMap((fn) => fn.containers.map((c) => c.stop())))
    for (const fn of this.functions.values()) fn.containers = []
    this.environments.clear()
  }
}

/** Lambda's REST-JSON API: Invoke (RequestResponse, Event, DryRun; Tail logs) and GetFunctionConfiguration. */
export class LambdaService implements Service {
  readonly name = 'lambda'
  private readonly style: FaultStyle = {
    service: 'lambda',
    throttle: () =>
      new AwsError(
        429,
        'TooManyRequestsException',
        'Rate Exceeded.',
        { Type: 'User', message: 'Rate Exceeded.', Reason: 'CallerRateLimitExceeded' },
        { 'Retry-After': '1' }
      ),
    denied: (message) => new AwsError(403, 'AccessDeniedException', message, { Type: 'User' }),
    iamAction: (op) => (op === 'Invoke' ? 'lambda:InvokeFunction' : `lambda:${op}`)
  }

  constructor(
    private readonly runtime: LambdaRuntime,
    private readonly faults: Faults,
    private readonly principalOf: (accessKeyId?: string) => string
  ) {}

  sendError(call: Call, err: AwsError): void {
    sendJson(
      call.res,
      err.status,
      { Type: err.status >= 500 ? 'Service' : 'User', Message: err.message, ...err.fields },
      {
        'x-amzn-ErrorType': err.code,
        'x-amzn-RequestId': call.requestId,
        ...err.headers
      }
    )
  }

  async handle(call: Call): Promise<void> {
    const invoke = /^\/2015-03-31\/functions\/([^/]+)\/invocations\/?$/.exec(call.url.pathname)
    const config = /^\/2015-03-31\/functions\/([^/]+)(\/configuration)?\/?$/.exec(call.url.pathname)
    const op =
      invoke && call.method === 'POST'
        ? 'Invoke'
        : config && call.method === 'GET'
          ? config[2]
            ? 'GetFunctionConfiguration'
            : 'GetFunction'
          : 'Unknown'
    const name = decodeURIComponent((invoke ?? config)?.[1] ?? '')
    const fault = await applyFaults(this.faults, call, this.style, op, {
      principalOf: this.principalOf,
      resource: () => this.runtime.functionArn(NAME.exec(name)?.[4] ?? name),
      key: () => NAME.exec(name)?.[4] ?? name
    })
    if (fault) throw fault
    if (op === 'Unknown')
      throw new AwsError(404, 'UnknownOperationException', `Unknown operation ${call.method} ${call.url.pathname}`)
    const { fn, qualifier, version } = this.runtime.resolve(name, call.url.searchParams.get('Qualifier') ?? undefined)
    if (op !== 'Invoke') {
      const configuration = {
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
      return sendJson(call.res, 200, op === 'GetFunction' ? { Configuration: configuration } : configuration, {
        'x-amzn-RequestId': call.requestId
      })
    }

    const type = String(call.headers['x-amz-invocation-type'] ?? 'RequestResponse')
    if (!['RequestResponse', 'Event', 'DryRun'].includes(type)) {
      throw new AwsError(400, 'InvalidParameterValueException', `Unsupported invocation type ${type}`, { Type: 'User' })
    }
    const body = await call.body()
    if (body.length > (type === 'Event' ? MAX_ASYNC_PAYLOAD : MAX_SYNC_PAYLOAD)) {
      throw new AwsError(
        413,
        'RequestTooLargeException',
        `Request must be smaller than ${type === 'Event' ? MAX_ASYNC_PAYLOAD : MAX_SYNC_PAYLOAD} bytes for the InvokeFunction operation`,
        { Type: 'User' }
      )
    }
    let event: unknown = {}
    if (body.length > 0) {
      try {
        event = JSON.parse(body.toString('utf8'))
      } catch (err) {
        throw new AwsError(
          400,
          'InvalidRequestContentException',
          `Could not parse request body into json: ${(err as Error).message}`,
          { Type: 'User' }
        )
      }
    }
    const headers = { 'x-amzn-RequestId': call.requestId, 'X-Amz-Executed-Version': version }
    if (type === 'DryRun') {
      call.res.writeHead(204, headers)
      return void call.res.end()
    }
    if (type === 'Event') {
      this.runtime.runInBackground(() => this.runtime.run(fn, qualifier, version, event, 'Event', call.requestId))
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
    const record = await this.runtime.run(fn, qualifier, version, event, 'RequestResponse', call.requestId)
    const out: Record<string, string> = { ...headers }
    if (record.functionError) out['X-Amz-Function-Error'] = record.functionError
    if (call.headers['x-amz-log-type'] === 'Tail') {
      out['X-Amz-Log-Result'] = Buffer.from(record.log).subarray(-4096).toString('base64')
    }
    call.res.writeHead(200, {
      ...out,
      'Content-Type': 'application/json',
      'Content-Length': Buffer.byteLength(record.payload)
    })
    call.res.end(record.payload)
  }
}

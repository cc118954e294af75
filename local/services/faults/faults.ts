import type { IncomingHttpHeaders } from 'node:http'

/**
 * Fault hooks: tests make the local services misbehave the way AWS does, one call or one job at a time.
 *
 * Operations are named as in the AWS API (`StartIngestionJob`, `Invoke`, `Query`, `PutObject`,
 * `AssumeRoleWithWebIdentity`, ...) or with a service prefix when a name is ambiguous (`dynamodb:Query`); the prefix
 * is the call log's service name or the signing name (`bedrock-agent:` and `bedrock:` both work). `*` and
 * `service:*` match every operation. The OIDC token endpoint is the operation `GetIDToken`.
 */

/** Where a transport fault strikes: before anything is sent, or once the status line and headers are out. */
export type Phase = 'before-headers' | 'after-headers'

/** A call as fault predicates see it. */
export interface FaultRequest {
  /** Service name as in the call log: dynamodb, s3, lambda, bedrock-agent, bedrock-agent-runtime, sts, oidc. */
  service: string
  operation: string
  /**
   * What the call is about: the S3 object key; the DynamoDB item key (its attribute values joined by `|`, empty for
   * Query/Scan); the Lambda function name; the last id of a Bedrock path (job, data source or knowledge base); the
   * STS role ARN; the OIDC audience.
   */
  key: string
  method: string
  path: string
  headers: IncomingHttpHeaders
  /** The request body as text (already read). */
  body: string
  accessKeyId?: string
  /** Set when one of the stack's Lambda execution environments made the call (its id). */
  environment?: string
}

export type CallMatcher = (key: string, request: FaultRequest) => boolean

/** Which calls an operation fault applies to. */
export interface CallFilter {
  /** How many calls it applies to (default 1; `accessDenied`: until `clear()`). */
  times?: number
  /** Lets this many matching calls through first (the fault applies to call `skip + 1` onwards). */
  skip?: number
  /** Only calls this accepts count (neither applied to nor skipped otherwise). */
  match?: CallMatcher
}

export interface ErrorSpec {
  status: number
  code: string
  message?: string
  /** Extra members of the error body (e.g. Lambda's `Reason`). */
  fields?: Record<string, unknown>
  headers?: Record<string, string>
}

export type OperationFault =
  | { kind: 'throttle' }
  | { kind: 'accessDenied' }
  | { kind: 'serviceQuota' }
  | {
      kind: 'error'
      status: number
      code: string
      message: string
      fields?: Record<string, unknown>
      headers?: Record<string, string>
    }
  | { kind: 'delay'; ms: number }
  | { kind: 'hold'; gate: GateControl }
  | { kind: 'stall'; phase: Phase; ms?: number; bytes: number }
  | { kind: 'reset'; phase: Phase; bytes: number }
  | { kind: 'crashAfter'; outcome: 'crash' | 'timeout' }

/** What an operation fault returns: how often it struck, and the first call it struck. */
export interface FaultHandle {
  /** Calls it has applied to so far. */
  readonly hits: number
  /** Calls it will still apply to. */
  readonly remaining: number
  /** Resolves with the first call it applies to (never rejects). */
  readonly reached: Promise<FaultRequest>
  /** Disarms what is left of it. */
  cancel(): void
}

/** A `hold`: calls wait until the test releases them. */
export interface Gate extends FaultHandle {
  /** Calls held and not yet released. */
  readonly waiting: number
  /** Lets every held call go on (and disarms the rest of the gate). */
  release(): void
}

/** @internal The part of a gate a held call waits on. */
export interface GateControl {
  opened: Promise<void>
  enter(): void
  leave(): void
}

export interface JobFate {
  kind: 'fail' | 'stick' | 'stop'
  reasons: string[]
  /** Fraction of the job's documents processed when it fails. */
  atFraction: number
  /** `stop`: ms after the start when someone else stops it; undefined = halfway through its run. */
  afterMs?: number
}

export interface LambdaFault {
  kind: 'timeout' | 'error'
  afterMs: number
  errorType: string
  errorMessage: string
  handled: boolean
  /** `timeout`: the handler runs, and is cut off after `afterMs`. */
  run?: boolean
}

/** @internal A job the stack starts itself, as another user would. */
export interface ForeignJob {
  description: string
  resolve(job: unknown): void
  reject(err: unknown): void
}

/** @internal What the Lambda runtime tells the gateway about its execution environments. */
export interface Environments {
  /** The environment a session token was handed to, if any. */
  idOf(sessionToken: string): string | undefined
  /** Ends an environment at once; its running invocation answers as a runtime exit or as a timeout. */
  crash(id: string, outcome: 'crash' | 'timeout'): Promise<void>
}

interface Armed<T> {
  match: string
  fault: T
  remaining: number
  skip: number
  predicate?: CallMatcher
  hits: number
  onHit?: (request: FaultRequest | undefined) => void
}

const ANSWERS = new Set(['throttle', 'accessDenied', 'serviceQuota', 'error', 'stall', 'reset'])

function filterOf(
  arg: number | CallFilter | undefined,
  defaultTimes: number
): Required<Omit<CallFilter, 'match'>> & Pick<CallFilter, 'match'> {
  if (typeof arg === 'number' || arg === undefined) return { times: arg ?? defaultTimes, skip: 0 }
  return { times: arg.times ?? defaultTimes, skip: arg.skip ?? 0, match: arg.match }
}

export class Faults {
  private operations: Armed<OperationFault>[] = []
  private jobs: JobFate[] = []
  private documents = new Map<string, string>()
  private lambda: Armed<LambdaFault>[] = []
  private foreign: ForeignJob[] = []
  private gates = new Set<() => void>()
  /** @internal Set by the stack's Lambda runtime. */
  environments: Environments | undefined

  /**
   * The next `times` calls of `operation` answer the service's throttling error (the SDK retries those): Bedrock
   * 429 ThrottlingException, Lambda 429 TooManyRequestsException, DynamoDB 400 ProvisionedThroughputExceededException
   * (ThrottlingException for table operations), S3 503 SlowDown, STS 400 Throttling.
   */
  throttle(operation: string, times: number | CallFilter = 1): FaultHandle {
    return this.arm(operation, { kind: 'throttle' }, filterOf(times, 1))
  }

  /** Calls of `operation` are refused as IAM would, naming the IAM action; until `clear()` unless `times` is given. */
  accessDenied(operation: string, times: number | CallFilter = Number.POSITIVE_INFINITY): FaultHandle {
    return this.arm(operation, { kind: 'accessDenied' }, filterOf(times, Number.POSITIVE_INFINITY))
  }

  /** The next `times` calls of `operation` answer this error (e.g. 500 InternalServerException) in its service's format. */
  error(operation: string, error: ErrorSpec, times: number | CallFilter = 1): FaultHandle {
    const fault: OperationFault = { kind: 'error', message: `Injected ${error.code}`, ...error }
    return this.arm(operation, fault, filterOf(times, 1))
  }

  /** bedrock-agent's 402 ServiceQuotaExceededException (e.g. too many ingestion jobs running in the account). */
  serviceQuota(operation = 'StartIngestionJob', times: number | CallFilter = 1): FaultHandle {
    return this.arm(operation, { kind: 'serviceQuota' }, filterOf(times, 1))
  }

  /** The next `times` calls of `operation` are executed and answered only after `ms` (for client timeouts). */
  delay(operation: string, ms: number, times: number | CallFilter = 1): FaultHandle {
    return this.arm(operation, { kind: 'delay', ms }, filterOf(times, 1))
  }

  /**
   * The response stalls. `before-headers`: the request is read and nothing is sent; it is not executed until the
   * stall ends after `ms` (then it is executed and answered normally), and never if the client leaves first;
   * without `ms` nothing is ever sent. `after-headers`: the call is executed, the status line and headers (with the
   * real Content-Length) and the first `bytes` of the body (default 0) are sent, then nothing more until `ms` has
   * passed (then the rest), or ever. An empty body (204, PutObject) is complete with its headers: nothing to stall.
   */
  stall(operation: string, options: CallFilter & { phase?: Phase; ms?: number; bytes?: number } = {}): FaultHandle {
    const fault: OperationFault = {
      kind: 'stall',
      phase: options.phase ?? 'before-headers',
      ms: options.ms,
      bytes: options.bytes ?? 0
    }
    return this.arm(operation, fault, filterOf(options, 1))
  }

  /**
   * The connection is dropped. `before-headers` (default): reset (TCP RST) once the request is read, not executed.
   * `after-headers`: executed, the status line, headers and the first `bytes` of the body go out, then the connection
   * is closed before the body is complete.
   */
  reset(operation: string, options: CallFilter & { phase?: Phase; bytes?: number } = {}): FaultHandle {
    const fault: OperationFault = { kind: 'reset', phase: options.phase ?? 'before-headers', bytes: options.bytes ?? 0 }
    return this.arm(operation, fault, filterOf(options, 1))
  }

  /**
   * Holds calls of `operation` before they are executed until `release()` (or `clear()`); the gate's `reached`
   * resolves when the first is held. A held call whose client went away is still executed on release, as AWS
   * executes what it received; the stack stopping drops it.
   */
  hold(operation: string, options: CallFilter = {}): Gate {
    let open: () => void = () => {}
    const opened = new Promise<void>((resolve) => (open = resolve))
    let waiting = 0
    let released = false
    const control: GateControl = {
      opened,
      enter: () => void waiting++,
      leave: () => void waiting--
    }
    const handle = this.arm(operation, { kind: 'hold', gate: control }, filterOf(options, 1))
    const release = (): void => {
      if (released) return
      released = true
      this.gates.delete(release)
      handle.cancel()
      open()
    }
    this.gates.add(release)
    return {
      get hits() {
        return handle.hits
      },
      get remaining() {
        return handle.remaining
      },
      get waiting() {
        return waiting
      },
      reached: handle.reached,
      cancel: handle.cancel,
      release
    }
  }

  /**
   * Right after a call of `operation` made by one of the stack's Lambda execution environments succeeds (status
   * below 300, the effect applied), that environment is killed before it reads the answer. Its invocation answers
   * as Lambda does when the runtime exits (`Runtime.ExitError`, `X-Amz-Function-Error: Unhandled`), or with
   * `outcome: 'timeout'` as a timeout (`Sandbox.Timedout`); the next invocation is a cold start. Calls by anyone
   * else neither trigger nor use it up; nor does a call that fails.
   */
  crashAfter(operation: string, options: CallFilter & { outcome?: 'crash' | 'timeout' } = {}): FaultHandle {
    return this.arm(operation, { kind: 'crashAfter', outcome: options.outcome ?? 'crash' }, filterOf(options, 1))
  }

  /** The next ingestion job ends FAILED with these `failureReasons` after processing `atFraction` of its documents. */
  failNextJob(
    reasons: string[] = ['Injected failure: the ingestion job failed.'],
    options: { atFraction?: number } = {}
  ): void {
    this.jobs.push({ kind: 'fail', reasons, atFraction: options.atFraction ?? 0.5 })
  }

  /** The next ingestion job never finishes: it stays IN_PROGRESS until StopIngestionJob. */
  stickNextJob(): void {
    this.jobs.push({ kind: 'stick', reasons: [], atFraction: 0.5 })
  }

  /**
   * The next ingestion job is stopped by someone else `afterMs` (clock time) after it started, default halfway
   * through its run: STOPPING, then STOPPED, as if another user had called StopIngestionJob. A job that ends first
   * is not stopped.
   */
  stopNextJob(options: { afterMs?: number } = {}): void {
    this.jobs.push({ kind: 'stop', reasons: [], atFraction: 0.5, afterMs: options.afterMs })
  }

  /**
   * Right after the next successful ListIngestionJobs has answered, the stack starts an ingestion job of its own on
   * that data source, as another run or a console user would: whoever lists and then starts meets a 409
   * ConflictException. `started` resolves with that job (it rejects if the start was refused, e.g. a job was already
   * running; that rejection is never unhandled). The job does not use up a `failNextJob`/`stickNextJob`/`stopNextJob`.
   */
  foreignJobOnNextList(options: { description?: string } = {}): { started: Promise<unknown> } {
    let resolve: (job: unknown) => void = () => {}
    let reject: (err: unknown) => void = () => {}
    const started = new Promise<unknown>((res, rej) => {
      resolve = res
      reject = rej
    })
    started.catch(() => undefined)
    this.foreign.push({ description: options.description ?? 'Started by someone else', resolve, reject })
    return { started }
  }

  /** Every ingestion job fails this document (S3 key) with `reason`, until `clear()`. */
  failDocument(key: string, reason = 'Injected document failure.'): void {
    this.documents.set(key, reason)
  }

  /**
   * The next `times` invocations time out: the handler does not run and, after `afterMs` of real time, the call
   * answers as Lambda does at its timeout (`Sandbox.Timedout`, "Task timed out after N seconds", N being the
   * function's configured timeout). A number is `afterMs`. With `run: true` the handler does run (its context
   * reports the configured timeout, so it does not hurry) and is cut off after `afterMs`: what it wrote by then stays
   * written. To run the handler against a short real timeout, configure the function instead
   * (`stack.configureFunction(name, { timeoutMs })`).
   */
  lambdaTimeout(
    options: number | { afterMs?: number; times?: number; functionName?: string; run?: boolean } = {}
  ): void {
    const o = typeof options === 'number' ? { afterMs: options } : options
    this.lambda.push({
      match: o.functionName ?? '*',
      fault: {
        kind: 'timeout',
        afterMs: o.afterMs ?? 20,
        errorType: 'Sandbox.Timedout',
        errorMessage: '',
        handled: false,
        run: o.run ?? false
      },
      remaining: o.times ?? 1,
      skip: 0,
      hits: 0
    })
  }

  /** The next `times` invocations fail as if the handler threw (`X-Amz-Function-Error: Unhandled`, or `Handled`). */
  functionError(
    options: {
      errorType?: string
      errorMessage?: string
      handled?: boolean
      times?: number
      functionName?: string
    } = {}
  ): void {
    this.lambda.push({
      match: options.functionName ?? '*',
      fault: {
        kind: 'error',
        afterMs: 0,
        errorType: options.errorType ?? 'Error',
        errorMessage: options.errorMessage ?? 'Injected function error',
        handled: options.handled ?? false
      },
      remaining: options.times ?? 1,
      skip: 0,
      hits: 0
    })
  }

  /** Disarms every fault; calls held by `hold` go on. */
  clear(): void {
    this.operations = []
    this.jobs = []
    this.documents.clear()
    this.lambda = []
    this.foreign = []
    for (const release of [...this.gates]) release()
  }

  private arm(
    operation: string,
    fault: OperationFault,
    filter: { times: number; skip: number; match?: CallMatcher }
  ): FaultHandle {
    let first: (request: FaultRequest) => void = () => {}
    const reached = new Promise<FaultRequest>((resolve) => (first = resolve))
    const armed: Armed<OperationFault> = {
      match: operation,
      fault,
      remaining: filter.times,
      skip: filter.skip,
      predicate: filter.match,
      hits: 0,
      onHit: (request) => {
        if (armed.hits === 1) first(request ?? blankRequest(operation))
      }
    }
    this.operations.push(armed)
    return {
      get hits() {
        return armed.hits
      },
      get remaining() {
        return armed.remaining
      },
      reached,
      cancel: () => void (armed.remaining = 0)
    }
  }

  /**
   * @internal The faults that apply to this call, used up: at most one delay, one hold, one answer (an error or a
   * transport fault) and one crashAfter. Without `request`, faults with a predicate or needing an environment do not
   * apply.
   */
  take(service: string | string[], operation: string, request?: FaultRequest): OperationFault[] {
    return this.takeArmed(service, operation, request).map((t) => t.fault)
  }

  /** @internal As `take`, with a way to give back a crashAfter whose call failed. */
  takeArmed(
    service: string | string[],
    operation: string,
    request?: FaultRequest
  ): { fault: OperationFault; refund: () => void }[] {
    const out: { fault: OperationFault; refund: () => void }[] = []
    const slots = new Set<string>()
    const services = typeof service === 'string' ? [service] : service
    for (const armed of this.operations) {
      if (armed.remaining <= 0) continue
      const m = armed.match
      const named = m === operation || m === '*' || services.some((s) => m === `${s}:${operation}` || m === `${s}:*`)
      if (!named) continue
      const kind = armed.fault.kind
      const slot = ANSWERS.has(kind) ? 'answer' : kind
      if (slots.has(slot)) continue
      if (kind === 'crashAfter' && request?.environment === undefined) continue
      if (armed.predicate !== undefined && (request === undefined || !armed.predicate(request.key, request))) continue
      if (armed.skip > 0) {
        armed.skip--
        continue
      }
      armed.remaining--
      armed.hits++
      armed.onHit?.(request)
      slots.add(slot)
      out.push({
        fault: armed.fault,
        refund: () => {
          armed.remaining++
          armed.hits--
          if (!this.operations.includes(armed)) this.operations.push(armed)
        }
      })
    }
    this.operations = this.operations.filter((a) => a.remaining > 0)
    return out
  }

  /** @internal */
  takeJobFate(): JobFate | undefined {
    return this.jobs.shift()
  }

  /** @internal */
  takeForeignJob(): ForeignJob | undefined {
    return this.foreign.shift()
  }

  /** @internal */
  documentFailure(key: string): string | undefined {
    return this.documents.get(key)
  }

  /** @internal */
  takeLambdaFault(functionName: string): LambdaFault | undefined {
    const armed = this.lambda.find((a) => a.remaining > 0 && (a.match === '*' || a.match === functionName))
    if (armed === undefined) return undefined
    armed.remaining--
    this.lambda = this.lambda.filter((a) => a.remaining > 0)
    return armed.fault
  }
}

function blankRequest(operation: string): FaultRequest {
  return { service: '', operation, key: '', method: '', path: '', headers: {}, body: '' }
}

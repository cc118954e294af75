import type {
  CallFilter,
  CallMatcher,
  Environments,
  ErrorSpec,
  FaultHandle,
  FaultRequest,
  ForeignJob,
  Gate,
  GateControl,
  JobFate,
  LambdaFault,
  OperationFault,
  Phase
} from './types.js'

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

type Filter = Required<Omit<CallFilter, 'match'>> & Pick<CallFilter, 'match'>

function filterOf(arg: number | CallFilter | undefined, defaultTimes: number): Filter {
  if (typeof arg === 'number' || arg === undefined) return { times: arg ?? defaultTimes, skip: 0 }
  return { times: arg.times ?? defaultTimes, skip: arg.skip ?? 0, match: arg.match }
}

/** What a test holds of an armed operation fault. */
class ArmedHandle implements FaultHandle {
  constructor(
    private readonly armed: Armed<OperationFault>,
    readonly reached: Promise<FaultRequest>
  ) {}

  get hits(): number {
    return this.armed.hits
  }

  get remaining(): number {
    return this.armed.remaining
  }

  readonly cancel = (): void => void (this.armed.remaining = 0)
}

/** The call side of a gate: held calls wait for `opened`, counted while they wait. */
class Latch implements GateControl {
  waiting = 0
  open: () => void = () => {}
  readonly opened = new Promise<void>((resolve) => (this.open = resolve))
  readonly enter = (): void => void this.waiting++
  readonly leave = (): void => void this.waiting--
}

class GateHandle extends ArmedHandle implements Gate {
  private released = false

  constructor(
    armed: Armed<OperationFault>,
    reached: Promise<FaultRequest>,
    private readonly latch: Latch,
    private readonly onRelease: (gate: GateHandle) => void
  ) {
    super(armed, reached)
  }

  get waiting(): number {
    return this.latch.waiting
  }

  readonly release = (): void => {
    if (this.released) return
    this.released = true
    this.onRelease(this)
    this.cancel()
    this.latch.open()
  }
}

export class Faults {
  private operations: Armed<OperationFault>[] = []
  private jobs: JobFate[] = []
  private documents = new Map<string, { reason: string; remaining: number }>()
  private lambda: Armed<LambdaFault>[] = []
  private foreign: ForeignJob[] = []
  private gates = new Set<GateHandle>()
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
    const latch = new Latch()
    const onRelease = (gate: GateHandle): void => void this.gates.delete(gate)
    const [armed, reached] = this.register(operation, { kind: 'hold', gate: latch }, filterOf(options, 1))
    const gate = new GateHandle(armed, reached, latch, onRelease)
    this.gates.add(gate)
    return gate
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

  /**
   * Ingestion fails this document (S3 key) with `reason`: every job and every direct ingestion of it until
   * `clear()`, or only the next `times` of them (a passing failure).
   */
  failDocument(key: string, reason = 'Injected document failure.', options: { times?: number } = {}): void {
    this.documents.set(key, { reason, remaining: options.times ?? Number.POSITIVE_INFINITY })
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
    for (const gate of [...this.gates]) gate.release()
  }

  private arm(operation: string, fault: OperationFault, filter: Filter): FaultHandle {
    return new ArmedHandle(...this.register(operation, fault, filter))
  }

  private register(
    operation: string,
    fault: OperationFault,
    filter: Filter
  ): [armed: Armed<OperationFault>, reached: Promise<FaultRequest>] {
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
    return [armed, reached]
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
    const armed = this.documents.get(key)
    if (armed === undefined || armed.remaining <= 0) return undefined
    armed.remaining--
    return armed.reason
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

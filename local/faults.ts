/**
 * Fault hooks: tests make the local services misbehave the way AWS does, one call or one job at a time.
 *
 * Operations are named as in the AWS API (`StartIngestionJob`, `Invoke`, `Query`, `PutObject`,
 * `AssumeRoleWithWebIdentity`, ...) or with a service prefix when a name is ambiguous (`dynamodb:Query`). The OIDC
 * token endpoint is the operation `GetIDToken`.
 */
export type OperationFault =
  | { kind: 'throttle' }
  | { kind: 'accessDenied' }
  | { kind: 'error'; status: number; code: string; message: string }
  | { kind: 'delay'; ms: number }

export interface JobFate {
  kind: 'fail' | 'stick'
  reasons: string[]
  /** Fraction of the job's documents processed when it fails. */
  atFraction: number
}

export interface LambdaFault {
  kind: 'timeout' | 'error'
  afterMs: number
  errorType: string
  errorMessage: string
  handled: boolean
}

interface Armed<T> {
  match: string
  fault: T
  remaining: number
}

export class Faults {
  private operations: Armed<OperationFault>[] = []
  private jobs: JobFate[] = []
  private documents = new Map<string, string>()
  private lambda: Armed<LambdaFault>[] = []

  /** The next `times` calls of `operation` answer the service's throttling error (the SDK retries those). */
  throttle(operation: string, times = 1): void {
    this.operations.push({ match: operation, fault: { kind: 'throttle' }, remaining: times })
  }

  /** Calls of `operation` are refused as IAM would, naming the IAM action; until `clear()` unless `times` is given. */
  accessDenied(operation: string, times = Number.POSITIVE_INFINITY): void {
    this.operations.push({ match: operation, fault: { kind: 'accessDenied' }, remaining: times })
  }

  /** The next `times` calls of `operation` answer this error (e.g. 500 InternalServerException). */
  error(operation: string, error: { status: number; code: string; message?: string }, times = 1): void {
    const fault: OperationFault = { kind: 'error', message: `Injected ${error.code}`, ...error }
    this.operations.push({ match: operation, fault, remaining: times })
  }

  /** The next `times` calls of `operation` are answered only after `ms` (for client timeouts). */
  delay(operation: string, ms: number, times = 1): void {
    this.operations.push({ match: operation, fault: { kind: 'delay', ms }, remaining: times })
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

  /** Every ingestion job fails this document (S3 key) with `reason`, until `clear()`. */
  failDocument(key: string, reason = 'Injected document failure.'): void {
    this.documents.set(key, reason)
  }

  /**
   * The next `times` invocations time out: the handler does not run and, after `afterMs` of real time, the call
   * answers as Lambda does at its timeout (`Sandbox.Timedout`, "Task timed out after N seconds", N being the
   * function's configured timeout). A number is `afterMs`. To run the handler against a short real timeout,
   * configure the function instead (`stack.configureFunction(name, { timeoutMs })`).
   */
  lambdaTimeout(options: number | { afterMs?: number; times?: number; functionName?: string } = {}): void {
    const o = typeof options === 'number' ? { afterMs: options } : options
    this.lambda.push({
      match: o.functionName ?? '*',
      fault: {
        kind: 'timeout',
        afterMs: o.afterMs ?? 20,
        errorType: 'Sandbox.Timedout',
        errorMessage: '',
        handled: false
      },
      remaining: o.times ?? 1
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
      remaining: options.times ?? 1
    })
  }

  /** Disarms every fault. */
  clear(): void {
    this.operations = []
    this.jobs = []
    this.documents.clear()
    this.lambda = []
  }

  /** @internal Faults that apply to this call (a delay and at most one answer), consumed. */
  take(service: string, operation: string): OperationFault[] {
    const out: OperationFault[] = []
    let answered = false
    for (const armed of this.operations) {
      if (armed.remaining <= 0) continue
      if (armed.match !== operation && armed.match !== `${service}:${operation}`) continue
      const isDelay = armed.fault.kind === 'delay'
      if (!isDelay && answered) continue
      if (isDelay && out.some((f) => f.kind === 'delay')) continue
      armed.remaining--
      out.push(armed.fault)
      if (!isDelay) answered = true
    }
    this.operations = this.operations.filter((a) => a.remaining > 0)
    return out
  }

  /** @internal */
  takeJobFate(): JobFate | undefined {
    return this.jobs.shift()
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

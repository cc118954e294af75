import { ACCOUNT_ID } from '../common/ids.js'
import { AwsError, sleep } from '../common/protocol.js'
import type { Faults } from '../faults/faults.js'
import type { Environments, LambdaFault } from '../faults/types.js'
import { Container, type ContextFields, type RunResult } from './container.js'
import { InProcessRunner } from './in-process.js'
import { invocationRecord, type Invocation } from './invocation-record.js'
import type { FunctionConfig, FunctionState, InvocationRecord } from './types.js'

/** A FunctionName: a name, a partial ARN (`123456789012:function:name`) or a full ARN, each with a `:qualifier`. */
export const FUNCTION_NAME =
  /^(?:arn:aws[a-zA-Z-]*:lambda:([a-z]{2}(?:-gov)?-[a-z]+-\d):(\d{12}):function:|(\d{12}):function:)?([a-zA-Z0-9_-]{1,64})(?::(\$LATEST|[a-zA-Z0-9_-]+))?$/

/** An invocation answered by a fault instead of the handler. */
async function faulted(fault: LambdaFault): Promise<RunResult> {
  await sleep(fault.afterMs)
  if (fault.kind === 'timeout') return { ok: false, timedOut: true, lines: [] }
  const error = { errorType: fault.errorType, errorMessage: fault.errorMessage, trace: [] }
  return { ok: false, error, lines: [], handled: fault.handled }
}

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
  private readonly inProcess = new InProcessRunner()

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
    const m = FUNCTION_NAME.exec(functionName)
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
  async run(invocation: Invocation): Promise<InvocationRecord> {
    const { fn } = invocation
    const started = Date.now()
    const context = this.contextOf(invocation, started)
    fn.running++
    let outcome: { result: RunResult; coldStart: boolean }
    try {
      const fault = this.faults.takeLambdaFault(fn.name)
      // A timeout fault with `run` lets the handler run, only cut short; any other fault replaces it.
      const cutAfterMs = fault?.kind === 'timeout' && fault.run ? fault.afterMs : fn.config.timeoutMs
      if (fault && !(fault.kind === 'timeout' && fault.run))
        outcome = { result: await faulted(fault), coldStart: false }
      else if (fn.config.handler) {
        outcome = { result: await this.inProcess.run(fn, invocation.event, context, cutAfterMs), coldStart: false }
      } else outcome = await this.runInContainer(fn, invocation.event, context, cutAfterMs)
    } finally {
      fn.running--
    }
    const timing = { started, durationMs: Date.now() - started, coldStart: outcome.coldStart }
    const record = invocationRecord(invocation, timing, outcome.result)
    this.invocations.push(record)
    return record
  }

  private contextOf({ fn, qualifier, version, requestId }: Invocation, started: number): ContextFields {
    const day = new Date(started).toISOString().slice(0, 10).replace(/-/g, '/')
    return {
      functionName: fn.name,
      functionVersion: version,
      invokedFunctionArn: this.functionArn(fn.name, qualifier === '$LATEST' ? undefined : qualifier),
      memoryLimitInMB: String(fn.config.memoryMb),
      awsRequestId: requestId,
      logGroupName: `/aws/lambda/${fn.name}`,
      logStreamName: `${day}/[${version}]${requestId.replace(/-/g, '')}`
    }
  }

  /** In a warm environment if one is free, else in a new one (a cold start). */
  private async runInContainer(
    fn: FunctionState,
    event: unknown,
    context: ContextFields,
    cutAfterMs: number
  ): Promise<{ result: RunResult; coldStart: boolean }> {
    let container = fn.containers.find((c) => !c.busy && !c.dead)
    const coldStart = container === undefined
    if (!container) {
      container = this.newContainer(fn)
      fn.containers.push(container)
    }
    const result = await container.run(event, context, fn.config.timeoutMs, cutAfterMs)
    fn.containers = fn.containers.filter((c) => !c.dead)
    this.forgetDead()
    return { result, coldStart }
  }

  private forgetDead(): void {
    for (const [token, env] of this.environments) if (env.container.dead) this.environments.delete(token)
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
    this.inProcess.stop()
    await Promise.all([...this.functions.values()].flatMap((fn) => fn.containers.map((c) => c.stop())))
    for (const fn of this.functions.values()) fn.containers = []
    this.environments.clear()
  }
}

import { Worker } from 'node:worker_threads'

/** A Lambda error payload: what the Node.js runtime serializes when a handler fails. */
export interface LambdaErrorPayload {
  errorType: string
  errorMessage: string
  trace: string[]
}

export interface RunResult {
  ok: boolean
  /** JSON text of the handler's result (ok) . */
  payload?: string
  error?: LambdaErrorPayload
  timedOut?: boolean
  /** What the function logged during the invocation, Lambda-formatted. */
  lines: string[]
  maxMemoryMb?: number
  /** Set on a cold start: how long loading the handler module took. */
  initMs?: number
  /** The error is reported as `Handled` (legacy callback errors) rather than `Unhandled`. */
  handled?: boolean
}

export interface ContextFields {
  functionName: string
  functionVersion: string
  invokedFunctionArn: string
  memoryLimitInMB: string
  awsRequestId: string
  logGroupName: string
  logStreamName: string
}

/** What the worker (worker.mjs) posts to its host. */
type WorkerMessage =
  | { type: 'log'; text: string }
  | { type: 'ready' }
  | {
      type: 'result'
      ok: boolean
      payload?: string
      error?: LambdaErrorPayload
      /** The module failed to load: the environment is unusable. */
      fatal?: boolean
      /** Heap in use after the invocation, bytes. */
      memory?: number
      initMs?: number
    }

type ResultMessage = Extract<WorkerMessage, { type: 'result' }>

type Outcome =
  | { kind: 'message'; message: ResultMessage }
  | { kind: 'error'; error: unknown }
  | { kind: 'exit'; code: number }
  | { kind: 'timeout' }

const WORKER = new URL('./worker.mjs', import.meta.url)

function exitError(requestId: string, why: string): LambdaErrorPayload {
  return { errorType: 'Runtime.ExitError', errorMessage: `RequestId: ${requestId} Error: ${why}`, trace: [] }
}

/**
 * One execution environment of a function: a worker thread with its own `process.env`, running invocations one
 * at a time. Module state (SDK clients, caches) survives between invocations as in a warm Lambda; a timeout or a
 * crash ends the environment, and the next invocation starts a fresh one (a cold start).
 */
export class Container {
  busy = false
  dead = false
  invocations = 0
  private readonly worker: Worker
  private pending: ((outcome: Outcome) => void) | undefined
  private lines: string[] = []
  private readonly ready: Promise<void>
  private markReady: () => void = () => {}
  /** How the environment was ended from outside, if it was (`crashAfter`). */
  private killedAs: 'crash' | 'timeout' | undefined

  constructor(handlerPath: string, exportName: string, env: Record<string, string>) {
    this.ready = new Promise((resolve) => (this.markReady = resolve))
    this.worker = new Worker(WORKER, { env, workerData: { handlerPath, exportName }, stdout: true, stderr: true })
    // Output written around console (process.stdout.write) still belongs to the invocation's log.
    const raw = (chunk: Buffer): void => void this.lines.push(chunk.toString('utf8'))
    this.worker.stdout.on('data', raw)
    this.worker.stderr.on('data', raw)
    this.worker.on('message', (msg: WorkerMessage) => {
      if (msg.type === 'log') this.lines.push(msg.text)
      else if (msg.type === 'ready') this.markReady()
      else this.pending?.({ kind: 'message', message: msg })
    })
    this.worker.on('error', (error) => this.ended({ kind: 'error', error }))
    this.worker.on('exit', (code) => this.ended({ kind: 'exit', code }))
  }

  /**
   * Runs one invocation. `cutAfterMs` (default `timeoutMs`) is when it is cut off as timed out, while the handler's
   * context still counts down from `timeoutMs`.
   */
  async run(event: unknown, context: ContextFields, timeoutMs: number, cutAfterMs = timeoutMs): Promise<RunResult> {
    this.busy = true
    this.invocations++
    this.lines = []
    let timer: NodeJS.Timeout | undefined
    try {
      await this.ready
      if (this.dead)
        return { ok: false, lines: this.lines, error: exitError(context.awsRequestId, 'Runtime exited during init') }
      const deadline = Date.now() + timeoutMs
      const outcome = await new Promise<Outcome>((resolve) => {
        this.pending = resolve
        timer = setTimeout(() => resolve({ kind: 'timeout' }), cutAfterMs)
        this.worker.postMessage({ event, context, deadline })
      })
      return await this.resultOf(outcome, context.awsRequestId, this.lines)
    } finally {
      clearTimeout(timer)
      this.pending = undefined
      this.busy = false
    }
  }

  /** Ends the environment now, as a crash (the runtime killed) or as a timeout; a running invocation answers so. */
  async kill(outcome: 'crash' | 'timeout'): Promise<void> {
    if (this.dead) return
    this.killedAs = outcome
    this.dead = true
    await this.worker.terminate()
  }

  async stop(): Promise<void> {
    this.dead = true
    await this.worker.terminate()
  }

  private ended(outcome: Outcome): void {
    this.dead = true
    this.markReady()
    this.pending?.(outcome)
  }

  private async resultOf(outcome: Outcome, requestId: string, lines: string[]): Promise<RunResult> {
    switch (outcome.kind) {
      case 'timeout':
        this.dead = true
        await this.worker.terminate()
        return { ok: false, timedOut: true, lines }
      case 'error': {
        // An uncaught throw in the worker: usually an Error, but JavaScript lets it be anything.
        const err = outcome.error as Partial<Error> | undefined
        await this.worker.terminate()
        const error = {
          errorType: err?.name ?? 'Error',
          errorMessage: err?.message ?? String(err),
          trace: String(err?.stack ?? '').split('\n')
        }
        return { ok: false, lines, error }
      }
      case 'exit':
        return this.exitResult(outcome.code, requestId, lines)
      case 'message': {
        const msg = outcome.message
        if (msg.fatal) {
          this.dead = true
          await this.worker.terminate()
        }
        return {
          ok: msg.ok,
          payload: msg.payload,
          error: msg.error,
          lines,
          maxMemoryMb: msg.memory ? Math.ceil(msg.memory / 1048576) : undefined,
          initMs: msg.initMs
        }
      }
    }
  }

  /** The worker is gone: killed from outside (`crashAfter`), or the handler ended the process. */
  private exitResult(code: number, requestId: string, lines: string[]): RunResult {
    if (this.killedAs === 'timeout') return { ok: false, timedOut: true, lines }
    if (this.killedAs === 'crash') {
      const error = exitError(requestId, 'Runtime exited with error: signal: killed')
      lines.push(`${error.errorMessage}\nRuntime.ExitError\n`)
      return { ok: false, lines, error }
    }
    return { ok: false, lines, error: exitError(requestId, `Runtime exited with error: exit status ${code}`) }
  }
}

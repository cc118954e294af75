import { Worker } from 'node:worker_threads'
import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { pathToFileURL } from 'node:url'

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

// The execution environment: console output becomes Lambda log lines, the handler module is loaded once (init)
// and then invoked once per message, with a context whose deadline is real time.
const BOOTSTRAP = `
const { parentPort, workerData } = require('node:worker_threads')
const { format } = require('node:util')
const { pathToFileURL } = require('node:url')
const { basename } = require('node:path')
let current = 'undefined'
const levels = { log: 'INFO', info: 'INFO', warn: 'WARN', error: 'ERROR', debug: 'DEBUG', trace: 'TRACE' }
for (const [method, level] of Object.entries(levels)) {
  console[method] = (...args) => parentPort.postMessage({ type: 'log', text: new Date().toISOString() + '\\t' + current + '\\t' + level + '\\t' + format(...args) + '\\n' })
}
function toError(err) {
  const e = err instanceof Error ? err : new Error(String(err))
  return { errorType: e.name || 'Error', errorMessage: e.message, trace: String(e.stack || '').split('\\n') }
}
const started = Date.now()
let initMs
const ready = (async () => {
  const { handlerPath, exportName, tsxApi } = workerData
  const url = pathToFileURL(handlerPath).href
  let mod
  if (/\\.[cm]?ts$/.test(handlerPath)) {
    const api = await import(tsxApi)
    mod = await api.tsImport(url, url)
  } else {
    mod = await import(url)
  }
  const fn = mod[exportName] ?? (mod.default && mod.default[exportName])
  if (typeof fn !== 'function') {
    const e = new Error(basename(handlerPath) + '.' + exportName + ' is undefined or not exported')
    e.name = 'Runtime.HandlerNotFound'
    throw e
  }
  initMs = Date.now() - started
  return fn
})()
// Lambda's init phase is not part of the function timeout: tell the host when the module is loaded.
ready.then(() => parentPort.postMessage({ type: 'ready' }), () => parentPort.postMessage({ type: 'ready' }))
parentPort.on('message', async (msg) => {
  current = msg.context.awsRequestId
  let fn
  try {
    fn = await ready
  } catch (err) {
    const e = toError(err)
    if (e.errorType === 'Error' || e.errorType === 'SyntaxError') e.errorType = 'Runtime.ImportModuleError'
    parentPort.postMessage({ type: 'result', ok: false, error: e, fatal: true })
    return
  }
  const context = {
    ...msg.context,
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => Math.max(0, msg.deadline - Date.now()),
    done: () => {}, fail: () => {}, succeed: () => {}
  }
  try {
    const value = await new Promise((resolve, reject) => {
      const out = fn.length >= 3 ? fn(msg.event, context, (err, v) => (err ? reject(err) : resolve(v))) : fn(msg.event, context)
      if (fn.length < 3 || (out && typeof out.then === 'function')) Promise.resolve(out).then(resolve, reject)
    })
    const payload = JSON.stringify(value === undefined ? null : value)
    parentPort.postMessage({ type: 'result', ok: true, payload, initMs, memory: process.memoryUsage().heapUsed })
  } catch (err) {
    const e = toError(err)
    console.error('Invoke Error', JSON.stringify(e))
    parentPort.postMessage({ type: 'result', ok: false, error: e, initMs, memory: process.memoryUsage().heapUsed })
  } finally {
    initMs = undefined
    current = 'undefined'
  }
})
`

let tsxApiUrl: string | undefined

/** tsx's ESM API by absolute URL: a worker started from `eval` resolves bare specifiers from the cwd. */
function tsxApi(): string {
  if (tsxApiUrl !== undefined) return tsxApiUrl
  const require = createRequire(join(process.cwd(), 'package.json'))
  let pkg: string
  try {
    pkg = require.resolve('tsx/package.json')
  } catch {
    pkg = createRequire(import.meta.url).resolve('tsx/package.json')
  }
  const file = join(dirname(pkg), 'dist', 'esm', 'api', 'index.mjs')
  if (!existsSync(file)) throw new Error(`tsx's ESM API not found at ${file}`)
  tsxApiUrl = pathToFileURL(file).href
  return tsxApiUrl
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
  private pending: ((r: { kind: 'message' | 'error' | 'exit'; data: unknown }) => void) | undefined
  private lines: string[] = []
  private readonly ready: Promise<void>
  private markReady: () => void = () => {}
  /** How the environment was ended from outside, if it was (`crashAfter`). */
  private killedAs: 'crash' | 'timeout' | undefined

  constructor(handlerPath: string, exportName: string, env: Record<string, string>) {
    this.ready = new Promise((resolve) => (this.markReady = resolve))
    this.worker = new Worker(BOOTSTRAP, {
      eval: true,
      env,
      workerData: { handlerPath, exportName, tsxApi: /\.[cm]?ts$/.test(handlerPath) ? tsxApi() : '' },
      stdout: true,
      stderr: true
    })
    // Output written around console (process.stdout.write) still belongs to the invocation's log.
    const raw = (chunk: Buffer): void => void this.lines.push(chunk.toString('utf8'))
    this.worker.stdout.on('data', raw)
    this.worker.stderr.on('data', raw)
    this.worker.on('message', (msg: { type: string; text?: string }) => {
      if (msg.type === 'log') this.lines.push(msg.text ?? '')
      else if (msg.type === 'ready') this.markReady()
      else this.pending?.({ kind: 'message', data: msg })
    })
    this.worker.on('error', (err) => {
      this.dead = true
      this.markReady()
      this.pending?.({ kind: 'error', data: err })
    })
    this.worker.on('exit', (code) => {
      this.dead = true
      this.markReady()
      this.pending?.({ kind: 'exit', data: code })
    })
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
      if (this.dead) {
        const error = {
          errorType: 'Runtime.ExitError',
          errorMessage: `RequestId: ${context.awsRequestId} Error: Runtime exited during init`,
          trace: []
        }
        return { ok: false, lines: this.lines, error }
      }
      const deadline = Date.now() + timeoutMs
      const outcome = await new Promise<{ kind: 'message' | 'error' | 'exit' | 'timeout'; data: unknown }>(
        (resolve) => {
          this.pending = resolve
          timer = setTimeout(() => resolve({ kind: 'timeout', data: undefined }), cutAfterMs)
          this.worker.postMessage({ event, context, deadline })
        }
      )
      const lines = this.lines
      switch (outcome.kind) {
        case 'timeout':
          this.dead = true
          await this.worker.terminate()
          return { ok: false, timedOut: true, lines }
        case 'error': {
          const err = outcome.data as Error
          await this.worker.terminate()
          return {
            ok: false,
            lines,
            error: {
              errorType: err?.name ?? 'Error',
              errorMessage: err?.message ?? String(err),
              trace: String(err?.stack ?? '').split('\n')
            }
          }
        }
        case 'exit':
          if (this.killedAs === 'timeout') return { ok: false, timedOut: true, lines }
          if (this.killedAs === 'crash') {
            const errorMessage = `RequestId: ${context.awsRequestId} Error: Runtime exited with error: signal: killed`
            lines.push(`${errorMessage}\nRuntime.ExitError\n`)
            return { ok: false, lines, error: { errorType: 'Runtime.ExitError', errorMessage, trace: [] } }
          }
          return {
            ok: false,
            lines,
            error: {
              errorType: 'Runtime.ExitError',
              errorMessage: `RequestId: ${context.awsRequestId} Error: Runtime exited with error: exit status ${String(outcome.data)}`,
              trace: []
            }
          }
        default: {
          const msg = outcome.data as {
            ok: boolean
            payload?: string
            error?: LambdaErrorPayload
            fatal?: boolean
            memory?: number
            initMs?: number
          }
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
}

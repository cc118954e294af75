import { AsyncLocalStorage } from 'node:async_hooks'
import { format } from 'node:util'
import type { ContextFields, RunResult } from './container.js'
import { RAW, type FunctionState, type InProcessHandler, type LambdaContext } from './types.js'

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

/**
 * Runs `handler` functions in this process. They cannot be stopped: past its timeout a handler's result is ignored,
 * as Lambda would have frozen it, and `stop()` ends the waits still running so that no timer outlives the stack.
 */
export class InProcessRunner {
  private capturing = false
  private aborts = new Set<() => void>()

  async run(fn: FunctionState, event: unknown, fields: ContextFields, cutAfterMs: number): Promise<RunResult> {
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
      return value === 'timeout' ? { ok: false, timedOut: true, lines } : { ok: true, payload: payloadOf(value), lines }
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

  stop(): void {
    for (const abort of this.aborts) abort()
    if (this.capturing) {
      this.capturing = false
      consoleCapture.release()
    }
  }
}

/** The payload's bytes: JSON of the result, or what `rawPayload` wraps. */
function payloadOf(value: unknown): string {
  if (value !== null && typeof value === 'object' && RAW in value) return (value as { [RAW]: string })[RAW]
  return JSON.stringify(value === undefined ? null : value)
}

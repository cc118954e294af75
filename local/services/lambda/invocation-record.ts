import type { LambdaErrorPayload, RunResult } from './container.js'
import type { FunctionState, InvocationRecord } from './types.js'

export const MAX_SYNC_PAYLOAD = 6 * 1024 * 1024

/** One invocation as asked for: which function, at which qualifier and version, with which event. */
export interface Invocation {
  fn: FunctionState
  qualifier: string
  version: string
  event: unknown
  invocationType: 'RequestResponse' | 'Event'
  requestId: string
}

/** How long an invocation ran and whether it started an environment. */
export interface Timing {
  started: number
  durationMs: number
  coldStart: boolean
}

/** The error Lambda answers for a run: the handler's, its timeout, or a response too large to return. */
function errorOf(invocation: Invocation, result: RunResult, timeoutS: string): LambdaErrorPayload | undefined {
  if (result.timedOut) {
    return {
      errorType: 'Sandbox.Timedout',
      errorMessage: `RequestId: ${invocation.requestId} Error: Task timed out after ${timeoutS} seconds`,
      trace: []
    }
  }
  if (result.ok && (result.payload?.length ?? 0) > MAX_SYNC_PAYLOAD) {
    return {
      errorType: 'Function.ResponseSizeTooLarge',
      errorMessage: `Response payload size (${result.payload?.length} bytes) exceeded maximum allowed payload size (${MAX_SYNC_PAYLOAD} bytes).`,
      trace: []
    }
  }
  return result.error
}

/** The log as CloudWatch would hold it: START, what the function wrote, END and the REPORT line. */
function logOf(invocation: Invocation, result: RunResult, timing: Timing, timeoutS: string): string {
  const { requestId, version, fn } = invocation
  const lines = [`START RequestId: ${requestId} Version: ${version}\n`, ...result.lines]
  if (result.timedOut) lines.push(`${new Date().toISOString()} ${requestId} Task timed out after ${timeoutS} seconds\n`)
  lines.push(`END RequestId: ${requestId}\n`)
  const { durationMs } = timing
  const report = [
    `REPORT RequestId: ${requestId}`,
    `Duration: ${durationMs.toFixed(2)} ms`,
    `Billed Duration: ${Math.max(1, Math.ceil(durationMs))} ms`,
    `Memory Size: ${fn.config.memoryMb} MB`,
    `Max Memory Used: ${Math.min(fn.config.memoryMb, result.maxMemoryMb ?? 64)} MB`,
    ...(result.initMs !== undefined ? [`Init Duration: ${result.initMs.toFixed(2)} ms`] : []),
    ...(result.timedOut ? ['Status: timeout'] : [])
  ]
  lines.push(`${report.join('\t')}\n`)
  return lines.join('')
}

/** What `stack.invocations()` reports of a finished invocation, and what Invoke answers with. */
export function invocationRecord(invocation: Invocation, timing: Timing, result: RunResult): InvocationRecord {
  const timeoutS = (invocation.fn.config.timeoutMs / 1000).toFixed(2)
  const error = errorOf(invocation, result, timeoutS)
  return {
    requestId: invocation.requestId,
    functionName: invocation.fn.name,
    qualifier: invocation.qualifier,
    invocationType: invocation.invocationType,
    event: invocation.event,
    startedAt: new Date(timing.started).toISOString(),
    durationMs: timing.durationMs,
    coldStart: timing.coldStart,
    outcome: result.timedOut ? 'timeout' : error ? 'error' : 'success',
    payload: error ? JSON.stringify(error) : (result.payload ?? 'null'),
    functionError: error ? (result.handled ? 'Handled' : 'Unhandled') : undefined,
    log: logOf(invocation, result, timing, timeoutS)
  }
}

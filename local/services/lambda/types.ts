import type { Container, ContextFields } from './container.js'

/** The context an in-process handler receives: the fields of the Node.js runtime's context. */
export interface LambdaContext extends ContextFields {
  callbackWaitsForEmptyEventLoop: boolean
  getRemainingTimeInMillis(): number
}

export type InProcessHandler = (event: unknown, context: LambdaContext) => unknown

export const RAW = Symbol('rawPayload')

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

/** A registered function: its settings, warm environments, and synchronous invocations in flight. */
export interface FunctionState {
  name: string
  config: FunctionConfig & { timeoutMs: number; memoryMb: number; exportName: string }
  containers: Container[]
  running: number
}

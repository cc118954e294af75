/**
 * One mechanism for stopping work early: an AbortSignal that every AWS call and every sleep of a phase listens to.
 * It is tripped by the phase's deadline or by the run being cancelled (the runner's SIGINT/SIGTERM), and its reason
 * says which, so the phase can report a timeout or a cancellation instead of a generic error.
 */
import type { Clock } from './clock.js'

/** The run was cancelled: the runner sent a signal (a cancelled workflow, a job's timeout-minutes). */
export class Cancelled extends Error {
  override name = 'Cancelled'
  constructor(readonly signalName: string) {
    super(`the run was cancelled (${signalName})`)
  }
}

/** A phase ran out of the time its configuration gives it. */
export class DeadlineExceeded extends Error {
  override name = 'DeadlineExceeded'
  constructor(
    /** The setting that bounds the phase, in the words a user knows it by (e.g. "ingestion_timeout_minutes = 60"). */
    readonly limit: string
  ) {
    super(`the time allowed by ${limit} ran out`)
  }
}

export interface Deadline {
  /** Aborts when the time is up or the run is cancelled. Pass it to every AWS call and sleep of the phase. */
  readonly signal: AbortSignal
  readonly limit: string
  /** Milliseconds left (0 once past). */
  left(): number
}

export function startDeadline(clock: Clock, ms: number, cancel: AbortSignal, limit: string): Deadline {
  const at = clock.now() + ms
  const signal = AbortSignal.any([cancel, clock.timeout(ms, new DeadlineExceeded(limit))])
  return { signal, limit, left: () => Math.max(0, at - clock.now()) }
}

/** Why `signal` stopped the work, when it did: a cancellation or a deadline. */
export function stopCause(signal: AbortSignal | undefined): Cancelled | DeadlineExceeded | undefined {
  if (!signal?.aborted) return undefined
  const reason: unknown = signal.reason
  return reason instanceof Cancelled || reason instanceof DeadlineExceeded ? reason : undefined
}

/** A signal that never aborts, for callers that have nothing to cancel. */
export const NEVER: AbortSignal = new AbortController().signal

/**
 * Races a promise that cannot take a signal (a token request, a credential provider) against one, so it never
 * outlives the phase; the loser is left to settle on its own.
 */
export function raceSignal<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason)
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason)
    signal.addEventListener('abort', onAbort, { once: true })
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort)
        resolve(value)
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort)
        reject(error)
      }
    )
  })
}

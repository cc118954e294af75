/**
 * How the ingestion phase calls Bedrock: every call and every wait obeys the phase's deadline (and the run's
 * cancellation); transient failures are retried with backoff while time is left; anything else stops the phase
 * with a sentence a person can act on. Jobs and direct document ingestion share this discipline.
 */
import { describeAwsError, errorName, isConflict, isQuotaExceeded, isThrottling, isTransient } from '../aws/errors.js'
import { stopCause, type Deadline } from '../deadline.js'
import type { Config } from '../inputs.js'
import { retryDelay } from './backoff.js'
import type { PhaseContext } from './context.js'

/** Why the phase ended early: a failed call, its deadline, or the run being cancelled. */
export class PhaseStop extends Error {
  constructor(
    readonly kind: 'failed' | 'cancelled',
    message: string
  ) {
    super(message)
  }
}

export type CallSettings = Pick<Config, 'knowledgeBaseId' | 'dataSourceId' | 'region'>

export abstract class PhaseCalls {
  /** The newest failure a retry is working through, for the message when time runs out. */
  private lastError: { error: unknown; iamAction: string } | undefined
  /** The call waiting for its answer, for the message when time runs out meanwhile. */
  private waitingFor: string | undefined

  constructor(
    protected readonly config: CallSettings,
    protected readonly ctx: PhaseContext,
    protected readonly deadline: Deadline
  ) {}

  protected get ids() {
    return { knowledgeBaseId: this.config.knowledgeBaseId, dataSourceId: this.config.dataSourceId }
  }

  protected get target(): string {
    return `knowledge base ${this.config.knowledgeBaseId} data source ${this.config.dataSourceId}`
  }

  /** What was still unfinished when time ran out, and how to follow it; undefined when nothing was. */
  protected abstract unfinished(): string | undefined

  /** What a call whose answer never came may have done anyway, and where to see it; undefined when nothing. */
  protected abstract mayHaveActed(iamAction: string): string | undefined

  /** Turns what a call threw into a stop: the deadline or a cancel when the signal says so, else a bug. */
  stopFor(error: unknown): PhaseStop {
    if (error instanceof PhaseStop) return error
    const cause = stopCause(this.deadline.signal)
    if (cause?.name === 'Cancelled') return new PhaseStop('cancelled', cause.message)
    if (cause) {
      const unfinished = this.unfinished()
      if (unfinished) return new PhaseStop('failed', `Timed out after ${this.deadline.limit}: ${unfinished}`)
      if (this.waitingFor) {
        const acted = this.mayHaveActed(this.waitingFor)
        return new PhaseStop(
          'failed',
          `Timed out after ${this.deadline.limit} waiting for ${this.waitingFor} on ${this.target} to answer.${acted ? ` ${acted}` : ''}`
        )
      }
      const last = this.lastError
        ? `: ${describeAwsError(this.lastError.error, { iamAction: this.lastError.iamAction, target: this.target, region: this.config.region })}`
        : ''
      return new PhaseStop('failed', `Gave up after ${this.deadline.limit}${last}`)
    }
    return new PhaseStop('failed', `Unexpected ${errorName(error)} in the ingestion phase: ${String(error)}`)
  }

  /** Runs one AWS call under the deadline; a call the deadline or a cancel cut off becomes a stop. */
  protected async send<T>(iamAction: string, call: (abortSignal: AbortSignal) => Promise<T>): Promise<T> {
    if (this.deadline.signal.aborted) throw this.stopFor(this.deadline.signal.reason)
    this.waitingFor = iamAction
    try {
      return await call(this.deadline.signal)
    } catch (error) {
      if (this.deadline.signal.aborted) throw this.stopFor(error)
      throw error
    } finally {
      this.waitingFor = undefined
    }
  }

  protected async sleep(ms: number): Promise<void> {
    try {
      await this.ctx.clock.sleep(ms, this.deadline.signal)
    } catch (error) {
      throw this.stopFor(error)
    }
  }

  /** Retries transient failures with backoff while time is left; anything else stops the phase. */
  protected async retryable<T>(iamAction: string, call: (abortSignal: AbortSignal) => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.send(iamAction, call)
      } catch (error) {
        if (error instanceof PhaseStop) throw error
        this.failedOrRetry(error, iamAction)
        await this.sleep(retryDelay(attempt, () => this.ctx.clock.random()))
      }
    }
  }

  /**
   * A call that changes something on the data source (start a job, send documents). A conflict means an ingestion
   * job is running there: `onConflict` waits for it, then the call goes again. Throttling backs off (at most
   * `maxThrottleWaitMs` between tries) and transient failures retry while time is left; a used-up quota fails at
   * once, since only other work ending can free it.
   */
  protected async changing<T>(
    iamAction: string,
    call: (abortSignal: AbortSignal) => Promise<T>,
    onConflict: (attempt: number) => Promise<void>,
    maxThrottleWaitMs = Number.POSITIVE_INFINITY
  ): Promise<T> {
    const operation = iamAction.replace(/^\w+:/, '')
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.send(iamAction, call)
      } catch (error) {
        if (error instanceof PhaseStop) throw error
        if (isConflict(error)) {
          this.ctx.logger.info(`${operation}: another job is running (${errorName(error)}); waiting for it`)
          await onConflict(attempt)
          continue
        }
        if (isQuotaExceeded(error)) {
          throw new PhaseStop(
            'failed',
            describeAwsError(error, { iamAction, target: this.target, region: this.config.region })
          )
        }
        if (isThrottling(error)) {
          this.noteRetry(error, iamAction)
          const wait = Math.min(
            maxThrottleWaitMs,
            retryDelay(attempt + 1, () => this.ctx.clock.random())
          )
          this.ctx.logger.info(`${operation} was throttled; trying again in ${(wait / 1000).toFixed(1)}s`)
          await this.sleep(wait)
          continue
        }
        this.failedOrRetry(error, iamAction)
        await this.sleep(retryDelay(attempt, () => this.ctx.clock.random()))
      }
    }
  }

  /** Stops the phase on a failure that retrying cannot heal; otherwise notes it and says it retries. */
  protected failedOrRetry(
    error: unknown,
    iamAction: string,
    target = this.target,
    retrying = `${iamAction} failed (${errorName(error)}); retrying`
  ): void {
    if (!isTransient(error)) {
      throw new PhaseStop('failed', describeAwsError(error, { iamAction, target, region: this.config.region }))
    }
    this.noteRetry(error, iamAction)
    this.ctx.logger.info(retrying)
  }

  protected noteRetry(error: unknown, iamAction: string): void {
    this.lastError = { error, iamAction }
  }
}

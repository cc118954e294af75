/**
 * One invocation of the batch-sync Lambda (docs/behaviour.md, "The sync phase"): synchronous, read as a batch or a
 * sync error, or asynchronous (Event). Loaded by the sync phase while its first backlog count is on the wire, so the
 * Lambda's client is not on the path to the run's first request.
 */
import { InvokeCommand, type InvokeCommandOutput, type LambdaClient } from '@aws-sdk/client-lambda'
import { describeAwsError, errorName } from '../aws/errors.js'
import type { Cancelled, Deadline, DeadlineExceeded } from '../deadline.js'
import { stopCause } from '../deadline.js'
import { listSome } from '../text.js'
import type { PhaseContext } from './context.js'
import type { BatchResult, SyncError, SyncPhase } from './result.js'
import { LISTED_VALUES_LIMIT } from './rules.js'
import { parseSyncResult } from './sync-result.js'
import type { SyncSettings } from './sync.js'

/** What one invocation came to: a batch read, a sync error, or the run stopping while it waited. */
export type InvokeOutcome =
  | { kind: 'batch'; batch: BatchResult; statusCode: number | undefined }
  | { kind: 'error'; error: SyncError; invoked: boolean; statusCode?: number | undefined }
  | { kind: 'stopped'; cause: Cancelled | DeadlineExceeded }

/** One synchronous batch. */
export async function invokeBatch(
  config: SyncSettings,
  lambda: LambdaClient,
  n: number,
  ctx: PhaseContext,
  deadline: Deadline
): Promise<InvokeOutcome> {
  let answer: InvokeCommandOutput
  try {
    answer = await lambda.send(
      new InvokeCommand({
        FunctionName: config.functionName,
        InvocationType: 'RequestResponse',
        LogType: 'Tail',
        Payload: new TextEncoder().encode(config.syncPayload)
      }),
      { abortSignal: deadline.signal }
    )
  } catch (error) {
    const cause = stopCause(deadline.signal)
    if (cause) {
      ctx.logger.info(
        `Batch ${n}: stopped waiting for the Lambda (${cause.message}); the invocation may still finish in Lambda.`
      )
      return { kind: 'stopped', cause }
    }
    const invoked = mayHaveRun(error)
    return { kind: 'error', invoked, error: { kind: 'aws', message: invokeErrorMessage(error, config, n, invoked) } }
  }
  const payloadText = answer.Payload ? Buffer.from(answer.Payload).toString('utf8') : ''
  const logTail = answer.LogResult ? Buffer.from(answer.LogResult, 'base64').toString('utf8') : undefined
  const tail = logTail !== undefined ? { logTail } : {}

  const statusCode = answer.StatusCode
  if (answer.FunctionError) {
    const { errorType, errorMessage } = readFunctionError(payloadText)
    return {
      kind: 'error',
      invoked: true,
      statusCode,
      error: {
        kind: 'function_error',
        message: `Batch ${n}: the Lambda ${config.functionName} failed (${answer.FunctionError}) with ${errorType}: ${errorMessage}`,
        ...tail
      }
    }
  }

  const parsed = parseSyncResult(payloadText)
  if (!parsed.ok) {
    const error: SyncError = { kind: parsed.kind, message: `Batch ${n}: ${parsed.message}`, ...tail }
    return { kind: 'error', invoked: true, statusCode, error }
  }

  const batch = parsed.batch
  const more = batch.hasMore === undefined ? '' : `, has_more ${batch.hasMore}`
  const mirrored = batch.updated + batch.removed > 0 ? `, updated ${batch.updated}, removed ${batch.removed}` : ''
  ctx.logger.info(
    `Batch ${n}: synced ${batch.synced}, failed ${batch.failed}, processed ${batch.processed}${mirrored}${more}`
  )
  if (batch.failed > 0) {
    const ids = batch.failedIds.length > 0 ? ` (${listSome(batch.failedIds, LISTED_VALUES_LIMIT)})` : ''
    ctx.logger.info(`Batch ${n}: ${batch.failed} incidents failed to sync${ids}`)
  }
  return { kind: 'batch', batch, statusCode }
}

export async function invokeAsync(
  config: SyncSettings,
  lambda: LambdaClient,
  ctx: PhaseContext,
  deadline: Deadline
): Promise<Partial<SyncPhase>> {
  try {
    const answer = await lambda.send(
      new InvokeCommand({
        FunctionName: config.functionName,
        InvocationType: 'Event',
        Payload: new TextEncoder().encode(config.syncPayload)
      }),
      { abortSignal: deadline.signal }
    )
    if (answer.StatusCode !== 202) {
      return {
        invocations: 1,
        ...(answer.StatusCode !== undefined ? { lastStatusCode: answer.StatusCode } : {}),
        stopReason: 'error',
        error: {
          kind: 'error_status',
          message: `The asynchronous invocation of ${config.functionName} answered HTTP ${answer.StatusCode ?? '?'} instead of 202 Accepted`
        }
      }
    }
    ctx.logger.info(
      `Invoked ${config.functionName} asynchronously (202 Accepted); its results are not known to this run.`
    )
    return { invocations: 1, lastStatusCode: 202, stopReason: 'async' }
  } catch (error) {
    const cause = stopCause(deadline.signal)
    if (cause)
      return { invocations: 1, inFlightBatch: 1, stopReason: cause.name === 'Cancelled' ? 'cancelled' : 'deadline' }
    const invoked = mayHaveRun(error)
    return {
      invocations: invoked ? 1 : 0,
      stopReason: 'error',
      error: { kind: 'aws', message: invokeErrorMessage(error, config, 1, invoked) }
    }
  }
}

/** Connection errors that can strike after the request went out, when the function may already be running. */
const DROPPED_AFTER_SENDING = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED'])

/**
 * sync_batches counts invocations made. A refusal (a 4xx: access denied, no such function, throttled) or a call that
 * never left (no credentials, a refused connection) ran nothing. After a timeout, a connection dropped once the
 * request was out, a 5xx or an answer that could not be read, the function may have run, so it counts.
 */
function mayHaveRun(error: unknown): boolean {
  if (errorName(error) === 'TimeoutError') return true
  const shape = (error ?? {}) as { $metadata?: { httpStatusCode?: number }; code?: unknown }
  const status = shape.$metadata?.httpStatusCode
  if (status !== undefined) return status < 400 || status >= 500
  return typeof shape.code === 'string' && DROPPED_AFTER_SENDING.has(shape.code)
}

function invokeErrorMessage(error: unknown, config: SyncSettings, batch: number, invoked: boolean): string {
  // The SDK names a dropped connection a TimeoutError too; it came before the time was up.
  const dropped = DROPPED_AFTER_SENDING.has(String((error as { code?: unknown } | undefined)?.code))
  if (errorName(error) === 'TimeoutError' && !dropped) {
    return `Batch ${batch}: no answer from the Lambda ${config.functionName} within sync_timeout_seconds = ${config.syncTimeoutSeconds}; it may still be running. The invocation was not retried, so no batch runs twice.`
  }
  const failed = `Batch ${batch}: ${describeAwsError(error, { iamAction: 'lambda:InvokeFunction', target: `function ${config.functionName}`, region: config.region })}`
  return invoked
    ? `${failed}. The Lambda may have run the batch; the invocation was not retried, so no batch runs twice.`
    : failed
}

function readFunctionError(payloadText: string): { errorType: string; errorMessage: string } {
  try {
    const body = JSON.parse(payloadText) as { errorType?: unknown; errorMessage?: unknown }
    return {
      errorType: typeof body.errorType === 'string' ? body.errorType : 'Error',
      errorMessage: typeof body.errorMessage === 'string' ? body.errorMessage : payloadText.slice(0, 500)
    }
  } catch {
    return { errorType: 'Error', errorMessage: payloadText.slice(0, 500) || '(no error payload)' }
  }
}

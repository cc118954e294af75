/**
 * The sync phase (docs/behaviour.md, "The sync phase"): invoke the batch-sync Lambda and, when waiting, keep invoking
 * until the backlog is drained, the batch budget or the phase's time is spent, or a batch makes no progress.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb'
import { InvokeCommand, type InvokeCommandOutput, type LambdaClient } from '@aws-sdk/client-lambda'
import { describeAwsError, errorName } from '../aws/errors.js'
import { invokeBudgetMs, SYNC_OVERHEAD_MS, syncPhaseBudgetMs } from '../budget.js'
import { stopCause, startDeadline, type Cancelled, type Deadline, type DeadlineExceeded } from '../deadline.js'
import type { Config } from '../inputs.js'
import { listSome } from '../text.js'
import { countBacklog } from './backlog.js'
import type { PhaseContext } from './context.js'
import { emptySyncPhase, type BatchResult, type SyncError, type SyncPhase } from './result.js'
import { FULL_BATCH_SIZE, LISTED_VALUES_LIMIT } from './rules.js'
import { parseSyncResult } from './sync-result.js'

export interface SyncClients {
  lambda: LambdaClient
  dynamodb: DynamoDBClient
}

type SyncSettings = Pick<
  Config,
  | 'sync'
  | 'waitForSync'
  | 'functionName'
  | 'syncPayload'
  | 'maxSyncBatches'
  | 'syncTimeoutSeconds'
  | 'backlogTable'
  | 'backlogIndex'
  | 'region'
>

/** What one invocation came to: a batch read, a sync error, or the run stopping while it waited. */
type InvokeOutcome =
  | { kind: 'batch'; batch: BatchResult; statusCode: number | undefined }
  | { kind: 'error'; error: SyncError; invoked: boolean; statusCode?: number | undefined }
  | { kind: 'stopped'; cause: Cancelled | DeadlineExceeded }

export async function runSyncPhase(config: SyncSettings, clients: SyncClients, ctx: PhaseContext): Promise<SyncPhase> {
  const deadline = startDeadline(
    ctx.clock,
    syncPhaseBudgetMs(config),
    ctx.cancel,
    `the sync phase's time (max_sync_batches × sync_timeout_seconds, plus ${SYNC_OVERHEAD_MS / 60_000} min)`
  )
  const backlog = backlogCounter(config, clients.dynamodb, ctx, deadline)

  if (!config.sync) {
    const count = await backlog()
    return {
      ...emptySyncPhase('sync: false'),
      backlogBefore: count,
      backlogAfter: count,
      workPending: (count ?? 0) > 0
    }
  }

  const phase: SyncPhase = {
    ...emptySyncPhase(),
    ran: true,
    waited: config.waitForSync,
    documents: config.waitForSync ? { written: [], removed: [] } : undefined
  }
  phase.backlogBefore = await backlog()
  if (phase.backlogBefore !== null) ctx.logger.info(`Pending incidents before the sync: ${phase.backlogBefore}`)

  if (!config.waitForSync) return { ...phase, ...(await invokeAsync(config, clients.lambda, ctx, deadline)) }

  // The newest count and the batch it was taken after, so the final count is not read twice.
  let latestCount: number | null = null
  let countedAfter = -1
  while (true) {
    if (deadline.signal.aborted || deadline.left() < invokeBudgetMs(config)) {
      phase.stopReason = stopCause(deadline.signal)?.name === 'Cancelled' ? 'cancelled' : 'deadline'
      phase.workPending = true
      break
    }
    const n = phase.invocations + 1
    const outcome = await invokeBatch(config, clients.lambda, n, ctx, deadline)
    if (outcome.kind !== 'batch') {
      // A batch that failed or was cut off may have written documents it never listed.
      phase.documents = undefined
    }
    if (outcome.kind === 'stopped') {
      phase.invocations = n
      phase.inFlightBatch = n
      phase.stopReason = outcome.cause.name === 'Cancelled' ? 'cancelled' : 'deadline'
      phase.workPending = true
      break
    }
    if (outcome.statusCode !== undefined) phase.lastStatusCode = outcome.statusCode
    if (outcome.kind === 'error') {
      if (outcome.invoked) phase.invocations = n
      phase.error = outcome.error
      phase.stopReason = 'error'
      break
    }
    const { batch } = outcome
    phase.invocations = n
    phase.batches.push(batch)
    phase.synced += batch.synced
    phase.failed += batch.failed
    phase.processed += batch.processed
    phase.updated += batch.updated
    phase.removed += batch.removed
    phase.failedIds.push(...batch.failedIds)
    phase.documents = addDocuments(phase.documents, batch)
    if (batch.warning) ctx.warn(`Batch ${n}: the Lambda says: ${batch.warning}`)
    ctx.progress?.({
      phase: 'sync',
      batch: n,
      maxBatches: config.maxSyncBatches,
      synced: batch.synced,
      totalSynced: phase.synced,
      hasMore: batch.hasMore
    })

    let pending: boolean
    if (batch.hasMore !== undefined) {
      pending = batch.hasMore
    } else {
      latestCount = await backlog()
      countedAfter = n
      pending = latestCount !== null ? latestCount > 0 : batch.processed >= FULL_BATCH_SIZE
    }

    if (!pending) {
      phase.stopReason = 'drained'
      break
    }
    if (batch.synced === 0) {
      phase.stopReason = 'no_progress'
      phase.workPending = true
      ctx.warn(
        `Batch ${n} synced no incident while work is still pending; stopped draining so a stuck backlog cannot loop. Check the Lambda's logs for why nothing synced.`
      )
      break
    }
    if (phase.invocations >= config.maxSyncBatches) {
      phase.stopReason = 'max_batches'
      phase.workPending = true
      break
    }
  }

  if (deadline.signal.aborted) return phase
  phase.backlogAfter = countedAfter === phase.invocations ? latestCount : await backlog()
  if (phase.backlogAfter !== null) {
    ctx.logger.info(`Pending incidents after the sync: ${phase.backlogAfter}`)
    phase.workPending = phase.backlogAfter > 0
  }
  warnAboutPendingWork(phase, config, ctx)
  return phase
}

/** The change list stays known only while every batch that changed documents listed them. */
function addDocuments(known: SyncPhase['documents'], batch: BatchResult): SyncPhase['documents'] {
  if (!known) return undefined
  const written = batch.syncedDocuments
  const removed = batch.removedDocuments
  if (written === undefined && batch.synced + batch.updated > 0) return undefined
  if (removed === undefined && batch.removed > 0) return undefined
  return { written: [...known.written, ...(written ?? [])], removed: [...known.removed, ...(removed ?? [])] }
}

function warnAboutPendingWork(phase: SyncPhase, config: SyncSettings, ctx: PhaseContext): void {
  if (!phase.workPending) return
  const left = phase.backlogAfter !== null ? `${phase.backlogAfter} incidents are` : 'incidents are likely'
  if (phase.stopReason === 'max_batches') {
    ctx.warn(
      `Stopped after ${phase.invocations} batches (max_sync_batches = ${config.maxSyncBatches}); ${left} still pending. The next run continues; raise max_sync_batches to drain faster.`
    )
  } else if (phase.stopReason === 'deadline') {
    ctx.warn(
      `Stopped after ${phase.invocations} batches: another batch of up to sync_timeout_seconds = ${config.syncTimeoutSeconds} would not fit in the sync phase's time; ${left} still pending. The next run continues.`
    )
  } else if (phase.stopReason === 'drained' && phase.backlogAfter !== null) {
    ctx.warn(`${phase.backlogAfter} incidents are still pending after the sync; the next run retries them.`)
  }
}

/** One synchronous batch. */
async function invokeBatch(
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

async function invokeAsync(
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

/**
 * Counts the backlog on demand; after the first unreadable count it warns once and stops asking. Once the phase
 * is stopped (deadline or cancel) no count is attempted: the count is unknown.
 */
function backlogCounter(
  config: SyncSettings,
  dynamodb: DynamoDBClient,
  ctx: PhaseContext,
  deadline: Deadline
): () => Promise<number | null> {
  let usable = config.backlogTable !== undefined
  return async () => {
    if (!usable || config.backlogTable === undefined || deadline.signal.aborted) return null
    const result = await countBacklog(
      dynamodb,
      { table: config.backlogTable, index: config.backlogIndex },
      deadline.signal
    )
    if (result.count === null && !deadline.signal.aborted) {
      usable = false
      ctx.warn(result.warning)
    }
    return result.count
  }
}

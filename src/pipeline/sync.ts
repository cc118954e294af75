/**
 * The sync phase (SPEC §3): invoke the batch-sync Lambda and, when waiting, keep invoking until the backlog is
 * drained, the batch budget is spent, or a batch makes no progress.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb'
import { InvokeCommand, type InvokeCommandOutput, type LambdaClient } from '@aws-sdk/client-lambda'
import { describeAwsError, errorName } from '../aws/errors.js'
import type { Config } from '../inputs.js'
import { countBacklog } from './backlog.js'
import type { PhaseContext } from './context.js'
import { emptySyncPhase, type SyncError, type SyncPhase } from './result.js'
import { parseSyncResult } from './sync-result.js'

/** The reference Lambda's batch size: a batch this full, from a Lambda that says nothing else, suggests more. */
export const FULL_BATCH_SIZE = 50

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

export async function runSyncPhase(config: SyncSettings, clients: SyncClients, ctx: PhaseContext): Promise<SyncPhase> {
  const backlog = backlogCounter(config, clients.dynamodb, ctx)

  if (!config.sync) {
    const phase = emptySyncPhase('sync: false')
    phase.backlogBefore = phase.backlogAfter = await backlog()
    phase.workPending = (phase.backlogAfter ?? 0) > 0
    return phase
  }

  const phase: SyncPhase = { ...emptySyncPhase(), ran: true, waited: config.waitForSync }
  phase.backlogBefore = await backlog()
  if (phase.backlogBefore !== null) ctx.logger.info(`Pending incidents before the sync: ${phase.backlogBefore}`)

  if (!config.waitForSync) {
    await invokeAsync(config, clients.lambda, phase, ctx)
    return phase
  }

  // The count taken after the newest batch, so the final count is not read twice.
  let countAfterLastBatch: number | null | undefined
  while (true) {
    countAfterLastBatch = undefined
    const ok = await invokeBatch(config, clients.lambda, phase, ctx)
    if (!ok) {
      phase.stopReason = 'error'
      break
    }
    const batch = phase.batches[phase.batches.length - 1]!

    let pending: boolean
    if (batch.hasMore !== undefined) {
      pending = batch.hasMore
    } else {
      countAfterLastBatch = await backlog()
      pending = countAfterLastBatch !== null ? countAfterLastBatch > 0 : batch.processed >= FULL_BATCH_SIZE
    }

    if (!pending) {
      phase.stopReason = 'drained'
      break
    }
    if (batch.synced === 0) {
      phase.stopReason = 'no_progress'
      phase.workPending = true
      ctx.warn(
        `Batch ${phase.invocations} synced no incident while work is still pending; stopped draining so a stuck backlog cannot loop. Check the Lambda's logs for why nothing synced.`
      )
      break
    }
    if (phase.invocations >= config.maxSyncBatches) {
      phase.stopReason = 'max_batches'
      phase.workPending = true
      break
    }
  }

  phase.backlogAfter = countAfterLastBatch !== undefined ? countAfterLastBatch : await backlog()
  if (phase.backlogAfter !== null) {
    ctx.logger.info(`Pending incidents after the sync: ${phase.backlogAfter}`)
    phase.workPending = phase.backlogAfter > 0
  }
  if (phase.workPending && phase.stopReason === 'max_batches') {
    const left = phase.backlogAfter !== null ? `${phase.backlogAfter} incidents are` : 'incidents are likely'
    ctx.warn(
      `Stopped after ${phase.invocations} batches (max_sync_batches = ${config.maxSyncBatches}); ${left} still pending. The next run continues; raise max_sync_batches to drain faster.`
    )
  } else if (phase.workPending && phase.stopReason === 'drained' && phase.backlogAfter !== null) {
    ctx.warn(`${phase.backlogAfter} incidents are still pending after the sync; the next run retries them.`)
  }
  return phase
}

/** One synchronous batch. Returns false when it ended in a sync error (recorded on the phase). */
async function invokeBatch(
  config: SyncSettings,
  lambda: LambdaClient,
  phase: SyncPhase,
  ctx: PhaseContext
): Promise<boolean> {
  const n = phase.invocations + 1
  let answer: InvokeCommandOutput
  try {
    answer = await lambda.send(
      new InvokeCommand({
        FunctionName: config.functionName,
        InvocationType: 'RequestResponse',
        LogType: 'Tail',
        Payload: new TextEncoder().encode(config.syncPayload)
      })
    )
  } catch (error) {
    if (mayHaveRun(error)) phase.invocations = n
    fail(phase, { kind: 'aws', message: invokeErrorMessage(error, config, n) })
    return false
  }
  phase.invocations = n
  const payloadText = answer.Payload ? Buffer.from(answer.Payload).toString('utf8') : ''
  const logTail = answer.LogResult ? Buffer.from(answer.LogResult, 'base64').toString('utf8') : undefined

  if (answer.FunctionError) {
    const { errorType, errorMessage } = readFunctionError(payloadText)
    fail(phase, {
      kind: 'function_error',
      message: `Batch ${n}: the Lambda ${config.functionName} failed (${answer.FunctionError}) with ${errorType}: ${errorMessage}`,
      ...(logTail !== undefined ? { logTail } : {})
    })
    return false
  }

  const parsed = parseSyncResult(payloadText)
  if (!parsed.ok) {
    const kind = parsed.message.includes('statusCode') ? 'error_status' : 'unreadable_result'
    fail(phase, { kind, message: `Batch ${n}: ${parsed.message}`, ...(logTail !== undefined ? { logTail } : {}) })
    return false
  }

  const batch = parsed.batch
  phase.batches.push(batch)
  phase.synced += batch.synced
  phase.failed += batch.failed
  phase.processed += batch.processed
  phase.failedIds.push(...batch.failedIds)
  const more = batch.hasMore === undefined ? '' : `, has_more ${batch.hasMore}`
  ctx.logger.info(`Batch ${n}: synced ${batch.synced}, failed ${batch.failed}, processed ${batch.processed}${more}`)
  if (batch.failed > 0) {
    const ids = batch.failedIds.length > 0 ? ` (${batch.failedIds.slice(0, 20).join(', ')})` : ''
    ctx.logger.info(`Batch ${n}: ${batch.failed} incidents failed to sync${ids}`)
  }
  return true
}

async function invokeAsync(
  config: SyncSettings,
  lambda: LambdaClient,
  phase: SyncPhase,
  ctx: PhaseContext
): Promise<void> {
  phase.stopReason = 'async'
  try {
    const answer = await lambda.send(
      new InvokeCommand({
        FunctionName: config.functionName,
        InvocationType: 'Event',
        Payload: new TextEncoder().encode(config.syncPayload)
      })
    )
    phase.invocations = 1
    if (answer.StatusCode !== 202) {
      fail(phase, {
        kind: 'error_status',
        message: `The asynchronous invocation of ${config.functionName} answered HTTP ${answer.StatusCode ?? '?'} instead of 202 Accepted`
      })
      return
    }
    ctx.logger.info(
      `Invoked ${config.functionName} asynchronously (202 Accepted); its results are not known to this run.`
    )
  } catch (error) {
    if (mayHaveRun(error)) phase.invocations = 1
    fail(phase, { kind: 'aws', message: invokeErrorMessage(error, config, 1) })
  }
}

/**
 * sync_batches counts invocations made. A refused request (access denied, no such function, throttled) ran
 * nothing; one that timed out may be running still, so it counts.
 */
function mayHaveRun(error: unknown): boolean {
  return errorName(error) === 'TimeoutError'
}

function fail(phase: SyncPhase, error: SyncError): void {
  phase.error = error
  phase.stopReason = 'error'
}

function invokeErrorMessage(error: unknown, config: SyncSettings, batch: number): string {
  if (errorName(error) === 'TimeoutError') {
    return `Batch ${batch}: no answer from the Lambda ${config.functionName} within sync_timeout_seconds = ${config.syncTimeoutSeconds}; it may still be running. The invocation was not retried, so no batch runs twice.`
  }
  return `Batch ${batch}: ${describeAwsError(error, { iamAction: 'lambda:InvokeFunction', target: `function ${config.functionName}`, region: config.region })}`
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

/** Counts the backlog on demand; after the first unreadable count it warns once and stops asking. */
function backlogCounter(
  config: SyncSettings,
  dynamodb: DynamoDBClient,
  ctx: PhaseContext
): () => Promise<number | null> {
  let usable = config.backlogTable !== undefined
  return async () => {
    if (!usable || config.backlogTable === undefined) return null
    const result = await countBacklog(dynamodb, { table: config.backlogTable, index: config.backlogIndex })
    if (result.count === null) {
      usable = false
      ctx.warn(result.warning)
    }
    return result.count
  }
}

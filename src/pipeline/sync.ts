/**
 * The sync phase (docs/behaviour.md, "The sync phase"): invoke the batch-sync Lambda and, when waiting, keep invoking
 * until the backlog is drained, the batch budget or the phase's time is spent, or a batch makes no progress.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb'
import type { AwsClients } from '../aws/clients.js'
import { invokeBudgetMs, SYNC_OVERHEAD_MS, syncPhaseBudgetMs } from '../budget.js'
import { stopCause, startDeadline, type Deadline } from '../deadline.js'
import type { Config } from '../inputs.js'
import { countBacklog } from './backlog.js'
import type { PhaseContext } from './context.js'
import { emptySyncPhase, type BatchResult, type SyncPhase } from './result.js'
import { FULL_BATCH_SIZE } from './rules.js'

export type SyncClients = Pick<AwsClients, 'lambda' | 'dynamodb'>

export type SyncSettings = Pick<
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
  const counting = backlog()
  // The Lambda's client loads while the first count is on the wire, not before it.
  const invoking = import('./invoke.js').then(async (invoke) => ({ ...invoke, lambda: await clients.lambda() }))
  phase.backlogBefore = await counting
  const { invokeAsync, invokeBatch, lambda } = await invoking
  if (phase.backlogBefore !== null) ctx.logger.info(`Pending incidents before the sync: ${phase.backlogBefore}`)

  if (!config.waitForSync) return { ...phase, ...(await invokeAsync(config, lambda, ctx, deadline)) }

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
    const outcome = await invokeBatch(config, lambda, n, ctx, deadline)
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

/**
 * Counts the backlog on demand; after the first unreadable count it warns once and stops asking. Once the phase
 * is stopped (deadline or cancel) no count is attempted: the count is unknown.
 */
function backlogCounter(
  config: SyncSettings,
  dynamodb: () => Promise<DynamoDBClient>,
  ctx: PhaseContext,
  deadline: Deadline
): () => Promise<number | null> {
  let usable = config.backlogTable !== undefined
  return async () => {
    if (!usable || config.backlogTable === undefined || deadline.signal.aborted) return null
    const result = await countBacklog(
      await dynamodb(),
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

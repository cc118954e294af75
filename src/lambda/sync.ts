import type { DynamoDBClient } from '@aws-sdk/client-dynamodb'
import type { S3Client } from '@aws-sdk/client-s3'
import type { SyncConfig } from './config.js'
import { renderDocument } from './document.js'
import { markSynced } from './mark.js'
import { findPending } from './query.js'
import { writeDocument } from './storage.js'
import type { Incident, SyncResult } from './types.js'

export interface SyncDeps {
  ddb: DynamoDBClient
  s3: S3Client
  /** Wall clock in epoch milliseconds. */
  now: () => number
}

// setTimeout fires at once for delays it cannot represent; beyond this no deadline timer is needed anyway.
const MAX_TIMER_MS = 2 ** 31 - 1

/**
 * One batch: find up to `batchLimit` pending incidents, write each to S3 and mark it synced, `concurrency` at a
 * time. Per-incident failures are counted, never thrown; only failing to read the backlog throws.
 *
 * Time budget: no new incident starts once less than `safetyMarginMs` is left (they stay pending and
 * `has_more` says so), and calls still in flight are aborted at half the margin, so the function answers with
 * its counts instead of being killed by the Lambda timeout.
 */
export async function syncBatch(config: SyncConfig, deps: SyncDeps, remainingMs: () => number): Promise<SyncResult> {
  const startedAt = deps.now()
  const outOfTime = (): boolean => remainingMs() < config.safetyMarginMs
  const abort = new AbortController()
  const abortIn = remainingMs() - config.safetyMarginMs / 2
  const timer =
    abortIn < MAX_TIMER_MS
      ? setTimeout(() => abort.abort(new Error('Lambda time budget exhausted')), Math.max(0, abortIn))
      : undefined
  try {
    const pending = await findPending(deps.ddb, config, config.batchLimit, outOfTime, abort.signal)
    const result: SyncResult = {
      successfully_synced: 0,
      failed: 0,
      total_processed: 0,
      has_more: pending.hasMore,
      failed_ids: [],
      skipped: 0,
      duration_ms: 0
    }

    const syncOne = async (incident: Incident): Promise<void> => {
      result.total_processed++
      try {
        const doc = renderDocument(incident, config.keyPrefix)
        await writeDocument(deps.s3, config.bucketName, doc, abort.signal)
        const outcome = await markSynced(
          deps.ddb,
          config.tableName,
          incident.incident_id,
          doc.key,
          new Date(deps.now()),
          abort.signal
        )
        if (outcome === 'marked') result.successfully_synced++
        else result.skipped++
      } catch (err) {
        result.failed++
        result.failed_ids.push(incident.incident_id)
        const error = err as Error
        console.error(
          JSON.stringify({
            message: 'Incident sync failed',
            incident_id: incident.incident_id,
            error: error?.name,
            reason: error?.message
          })
        )
      }
    }

    let next = 0
    const lane = async (): Promise<void> => {
      while (next < pending.incidents.length && !outOfTime()) {
        const incident = pending.incidents[next++]
        if (incident !== undefined) await syncOne(incident)
      }
    }
    await Promise.all(Array.from({ length: Math.min(config.concurrency, pending.incidents.length) }, lane))

    // Incidents left unstarted for lack of time are still pending; the caller should invoke again.
    if (next < pending.incidents.length) result.has_more = true
    result.duration_ms = deps.now() - startedAt
    return result
  } finally {
    if (timer !== undefined) clearTimeout(timer)
  }
}

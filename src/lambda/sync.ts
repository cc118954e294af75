import type { DynamoDBClient } from '@aws-sdk/client-dynamodb'
import type { S3Client } from '@aws-sdk/client-s3'
import type { SyncConfig } from './config.js'
import { Deadline } from './deadline.js'
import { renderDocument } from './document.js'
import { bareEtag, fingerprint } from './fingerprint.js'
import { inLanes } from './lanes.js'
import { markSynced } from './mark.js'
import { findPending } from './query.js'
import { writeDocument } from './storage.js'
import { sweep } from './sweep.js'
import type { Incident, SyncResult } from './types.js'

export interface SyncDeps {
  ddb: DynamoDBClient
  s3: S3Client
  /** Wall clock in epoch milliseconds. */
  now: () => number
}

/**
 * One invocation: the batch, then the sweep.
 *
 * The batch finds up to `batchLimit` pending incidents, writes each to S3 and marks it synced, `concurrency` at a
 * time. Per-incident failures are counted, never thrown; only failing to read the backlog throws. The sweep (see
 * sweep.ts) then uses what is left of the time to bring documents of changed, reopened and deleted incidents in
 * step with the table.
 *
 * Time budget (see Deadline): no new incident starts once less than the margin is left, and calls still in flight
 * are aborted at half the margin. Running out of time is never an error: incidents not started or interrupted stay
 * pending, are counted nowhere, and set `has_more`; `warning` says why.
 */
export async function syncBatch(config: SyncConfig, deps: SyncDeps, remainingMs: () => number): Promise<SyncResult> {
  const startedAt = deps.now()
  const deadline = new Deadline(config.safetyMarginMs, remainingMs)
  try {
    const result: SyncResult = {
      successfully_synced: 0,
      failed: 0,
      total_processed: 0,
      has_more: true,
      failed_ids: [],
      skipped: 0,
      duration_ms: 0,
      updated: 0,
      removed: 0,
      synced_documents: [],
      removed_documents: [],
      sweep: { checked: 0, wrapped: false }
    }
    const notes: string[] = []
    if (deadline.reduced) {
      notes.push(
        `Time budget too short: only ${deadline.startMs} ms of the function's timeout remained at the start, ` +
          `too little for SAFETY_MARGIN_MS=${config.safetyMarginMs} (the margin takes at most a quarter of it), ` +
          `so the margin was cut to ${deadline.marginMs} ms. Give the function a timeout well above ` +
          `${config.safetyMarginMs} ms (5 minutes is ample) or lower SAFETY_MARGIN_MS.`
      )
    }

    await syncPending(config, deps, deadline, result, notes)

    const swept = await sweep(config, deps, deadline, !result.has_more)
    const uri = (key: string): string => `s3://${config.bucketName}/${key}`
    result.updated = swept.updated.length
    result.removed = swept.removed.length
    result.synced_documents.push(...swept.updated.map(uri))
    result.removed_documents.push(...swept.removed.map(uri))
    result.failed += swept.failedIds.length
    result.failed_ids.push(...swept.failedIds)
    result.sweep = { checked: swept.checked, wrapped: swept.wrapped }
    notes.push(...swept.notes)

    result.total_processed =
      result.successfully_synced + result.updated + result.removed + result.failed + result.skipped
    if (notes.length > 0) result.warning = notes.join(' ')
    result.duration_ms = deps.now() - startedAt
    return result
  } finally {
    deadline.dispose()
  }
}

/** The batch: pending incidents written and marked; fills in the batch's counts and `has_more`. */
async function syncPending(
  config: SyncConfig,
  deps: SyncDeps,
  deadline: Deadline,
  result: SyncResult,
  notes: string[]
): Promise<void> {
  const pending = deadline.canStart()
    ? await deadline.run((signal) =>
        findPending(deps.ddb, config, config.batchLimit, () => !deadline.canStart(), signal)
      )
    : undefined
  if (pending === undefined || pending.interrupted) {
    notes.push('Ran out of time before the backlog was read; nothing was synced.')
    return
  }
  result.has_more = pending.hasMore
  const incidents = pending.incidents
  let interrupted = 0

  const syncOne = (incident: Incident): Promise<void> =>
    deadline.run(async (signal) => {
      try {
        const doc = renderDocument(incident, config.keyPrefix)
        const written = await writeDocument(deps.s3, config.bucketName, doc, incident.incident_id, signal)
        const etag = bareEtag(written.etag)
        const metadataEtag = bareEtag(written.metadataEtag)
        const outcome = await markSynced(
          deps.ddb,
          config.tableName,
          incident,
          {
            s3Key: doc.key,
            contentSha256: fingerprint(doc).sha256,
            ...(etag !== undefined ? { etag } : {}),
            ...(metadataEtag !== undefined ? { metadataEtag } : {})
          },
          new Date(deps.now()),
          signal
        )
        if (outcome === 'marked') {
          result.successfully_synced++
          result.synced_documents.push(`s3://${config.bucketName}/${doc.key}`)
        } else result.skipped++
      } catch (err) {
        if (signal.aborted) {
          // Not a failure of the incident: it is still pending (unless the mark landed as the call was cut
          // off, in which case it is synced but uncounted) and the next invocation takes it.
          interrupted++
          return
        }
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
    })

  const started = await inLanes(incidents, config.concurrency, () => deadline.canStart(), syncOne)

  // Incidents left unstarted or interrupted for lack of time are still pending; the caller should invoke again.
  const left = incidents.length - started
  if (left > 0 || interrupted > 0) result.has_more = true
  if (interrupted > 0) notes.push(`${incidentCount(interrupted)} in flight at the deadline stayed pending.`)
  if (left > 0) notes.push(`${incidentCount(left)} not started for lack of time stayed pending.`)
}

function incidentCount(n: number): string {
  return `${n} incident${n === 1 ? '' : 's'}`
}

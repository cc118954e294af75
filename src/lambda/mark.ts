import { NOT_SYNCED_CONDITION } from '../pending.js'
import {
  ConditionalCheckFailedException,
  GetItemCommand,
  UpdateItemCommand,
  type AttributeValue,
  type DynamoDBClient
} from '@aws-sdk/client-dynamodb'
import { allOf, EXISTS, fenceIs, IS_CLOSED, IS_SYNCED, NOT_CLOSED, syncStatusOf, type Condition } from './status.js'
import type { Incident } from './types.js'

/** What was written for an incident, as recorded in `kb_sync_status`. */
export interface WrittenRecord {
  s3Key: string
  contentSha256: string
  /** As S3 answered the writes; absent when it answered none. */
  etag?: string
  metadataEtag?: string
}

export type MarkOutcome = 'marked' | 'not-pending'

/**
 * Marks one incident synced, only if it still exists, is still pending, and no document of it was deleted since it
 * was read (the fence). Two invocations racing on the same incident both write the same S3 object; exactly one of
 * them wins this condition and counts it. The fence keeps a write that a concurrent sweep's delete may have undone
 * from being marked: the incident then stays pending and is written again.
 */
export async function markSynced(
  ddb: DynamoDBClient,
  table: string,
  incident: Incident,
  record: WrittenRecord,
  syncedAt: Date,
  abortSignal?: AbortSignal
): Promise<MarkOutcome> {
  const fence = syncStatusOf(incident).fence
  const status: Record<string, AttributeValue> = {
    synced: { BOOL: true },
    synced_at: { S: syncedAt.toISOString() },
    ...recordAttributes(record)
  }
  if (fence !== undefined) status.fence = { N: String(fence) }
  const pending: Condition = { ...NOT_SYNCED_CONDITION, values: { ...NOT_SYNCED_CONDITION.values } }
  const applied = await conditionalUpdate(
    ddb,
    {
      table,
      id: incident.incident_id,
      update: 'SET #kb = :status',
      names: { '#kb': 'kb_sync_status' },
      values: { ':status': { M: status } },
      condition: allOf(EXISTS, IS_CLOSED, pending, fenceIs(fence))
    },
    abortSignal
  )
  return applied ? 'marked' : 'not-pending'
}

/**
 * Records a rewrite of a synced incident. The condition on the hash read before decides which of two invocations
 * that rewrote the same edit counts it; the fence and status make it fail when the incident was reopened meanwhile.
 */
export function recordRewrite(
  ddb: DynamoDBClient,
  table: string,
  incident: Incident,
  record: WrittenRecord,
  abortSignal?: AbortSignal
): Promise<boolean> {
  const before = syncStatusOf(incident)
  const previous: Condition =
    before.contentSha256 === undefined
      ? {
          expression: 'attribute_not_exists(#kb.#sha)',
          names: { '#kb': 'kb_sync_status', '#sha': 'content_sha256' },
          values: {}
        }
      : {
          expression: '#kb.#sha = :previous',
          names: { '#kb': 'kb_sync_status', '#sha': 'content_sha256' },
          values: { ':previous': { S: before.contentSha256 } }
        }
  const attributes = recordAttributes(record)
  const names: Record<string, string> = { '#kb': 'kb_sync_status' }
  const values: Record<string, AttributeValue> = {}
  const sets = Object.entries(attributes).map(([name, value], i) => {
    names[`#r${i}`] = name
    values[`:r${i}`] = value
    return `#kb.#r${i} = :r${i}`
  })
  return conditionalUpdate(
    ddb,
    {
      table,
      id: incident.incident_id,
      update: `SET ${sets.join(', ')}`,
      names,
      values,
      condition: allOf(IS_CLOSED, IS_SYNCED, fenceIs(before.fence), previous)
    },
    abortSignal
  )
}

/**
 * Makes a synced incident that is no longer CLOSED pending again, before its document is deleted: closed again
 * later, it is written again. Fails when it was closed again (or unmarked by another invocation) meanwhile.
 */
export function claimRemoval(
  ddb: DynamoDBClient,
  table: string,
  incidentId: string,
  abortSignal?: AbortSignal
): Promise<boolean> {
  return conditionalUpdate(
    ddb,
    {
      table,
      id: incidentId,
      update: 'SET #kb.#synced = :false',
      names: { '#kb': 'kb_sync_status', '#synced': 'synced' },
      values: { ':false': { BOOL: false } },
      condition: allOf(IS_SYNCED, NOT_CLOSED)
    },
    abortSignal
  )
}

/** A CLOSED incident marked synced whose document is gone: pending again, so the next batch writes it. */
export function markUnsynced(
  ddb: DynamoDBClient,
  table: string,
  incident: Incident,
  abortSignal?: AbortSignal
): Promise<boolean> {
  return conditionalUpdate(
    ddb,
    {
      table,
      id: incident.incident_id,
      update: 'SET #kb.#synced = :false',
      names: { '#kb': 'kb_sync_status', '#synced': 'synced' },
      values: { ':false': { BOOL: false } },
      condition: allOf(IS_CLOSED, IS_SYNCED, fenceIs(syncStatusOf(incident).fence))
    },
    abortSignal
  )
}

const FENCE_ATTEMPTS = 4

/**
 * After the sweep deleted an incident's document: raise the fence and leave the incident pending. A batch that read
 * the incident before this point (it may have been closed again meanwhile) wrote a document the delete may have
 * removed; its mark now fails, and the incident is written again. Nothing to do when the incident does not exist.
 */
export async function raiseFence(
  ddb: DynamoDBClient,
  table: string,
  incident: Incident | undefined,
  incidentId: string,
  abortSignal?: AbortSignal
): Promise<void> {
  let current = incident === undefined ? undefined : syncStatusOf(incident).fence
  for (let attempt = 0; attempt < FENCE_ATTEMPTS; attempt++) {
    const applied = await conditionalUpdate(
      ddb,
      {
        table,
        id: incidentId,
        update: 'SET #kb = :status',
        names: { '#kb': 'kb_sync_status' },
        values: { ':status': { M: { synced: { BOOL: false }, fence: { N: String((current ?? 0) + 1) } } } },
        condition: allOf(EXISTS, fenceIs(current))
      },
      abortSignal
    )
    if (applied) return
    const res = await ddb.send(
      new GetItemCommand({
        TableName: table,
        Key: { incident_id: { S: incidentId } },
        ConsistentRead: true,
        ProjectionExpression: '#kb',
        ExpressionAttributeNames: { '#kb': 'kb_sync_status' }
      }),
      { abortSignal }
    )
    if (res.Item === undefined) return
    const fence = res.Item.kb_sync_status?.M?.fence?.N
    current = fence === undefined ? undefined : Number(fence)
  }
  throw new Error(`kb_sync_status.fence of ${incidentId} kept changing; gave up after ${FENCE_ATTEMPTS} attempts`)
}

function recordAttributes(record: WrittenRecord): Record<string, AttributeValue> {
  return {
    s3_key: { S: record.s3Key },
    content_sha256: { S: record.contentSha256 },
    ...(record.etag !== undefined ? { etag: { S: record.etag } } : {}),
    ...(record.metadataEtag !== undefined ? { metadata_etag: { S: record.metadataEtag } } : {})
  }
}

interface Update {
  table: string
  id: string
  update: string
  names: Record<string, string>
  values: Record<string, AttributeValue>
  condition: Condition
}

/** True when applied, false when its condition did not hold; other errors throw. */
async function conditionalUpdate(ddb: DynamoDBClient, u: Update, abortSignal?: AbortSignal): Promise<boolean> {
  const values = { ...u.values, ...u.condition.values }
  try {
    await ddb.send(
      new UpdateItemCommand({
        TableName: u.table,
        Key: { incident_id: { S: u.id } },
        UpdateExpression: u.update,
        ConditionExpression: u.condition.expression,
        ExpressionAttributeNames: { ...u.names, ...u.condition.names },
        ...(Object.keys(values).length > 0 ? { ExpressionAttributeValues: values } : {})
      }),
      { abortSignal }
    )
    return true
  } catch (err) {
    if (err instanceof ConditionalCheckFailedException || (err as Error).name === 'ConditionalCheckFailedException') {
      return false
    }
    throw err
  }
}

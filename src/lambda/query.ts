import {
  BatchGetItemCommand,
  QueryCommand,
  type AttributeValue,
  type DynamoDBClient,
  type QueryCommandOutput
} from '@aws-sdk/client-dynamodb'
import { unmarshall } from '@aws-sdk/util-dynamodb'
import { setTimeout as sleep } from 'node:timers/promises'
import { isPending, PENDING_QUERY } from '../pending.js'
import type { SyncConfig } from './config.js'
import type { Incident } from './types.js'

export interface PendingBatch {
  incidents: Incident[]
  /** More pending incidents exist beyond `incidents` (or the search stopped before it could tell). */
  hasMore: boolean
  /** The abort signal cut the search short; `incidents` holds what was found before. */
  interrupted?: boolean
}

const MAX_PAGE = 1000
const BATCH_GET_MAX = 100

/**
 * Finds up to `want` pending incidents (CLOSED, not synced), highest priority first (the index's range key).
 *
 * DynamoDB applies `Limit` before the filter, so a page can come back empty while more pages exist: keep paging
 * until `want + 1` pending items are found (the extra one answers `hasMore`) or the index ends. Pages start at
 * `want + 1` and double, so a backlog of fresh items costs one query and a long run of synced items costs few.
 *
 * The index is read for keys only and every candidate is re-read from the table with a consistent read: the GSI
 * may project only keys (then the filter sees no `kb_sync_status` and lets every item through) and is eventually
 * consistent (an item another invocation just marked can still look pending there).
 *
 * Aborting `abortSignal` ends the search with what it found so far and `hasMore` true; other errors throw.
 */
export async function findPending(
  ddb: DynamoDBClient,
  config: SyncConfig,
  want: number,
  shouldStop: () => boolean,
  abortSignal?: AbortSignal
): Promise<PendingBatch> {
  const found: Incident[] = []
  try {
    return await search(ddb, config, want, shouldStop, found, abortSignal)
  } catch (err) {
    // Running out of time is an answer (nothing more found yet), not a failure to read the backlog.
    if (abortSignal?.aborted) return { incidents: found.slice(0, want), hasMore: true, interrupted: true }
    throw err
  }
}

async function search(
  ddb: DynamoDBClient,
  config: SyncConfig,
  want: number,
  shouldStop: () => boolean,
  found: Incident[],
  abortSignal: AbortSignal | undefined
): Promise<PendingBatch> {
  let startKey: Record<string, AttributeValue> | undefined
  let pageSize = Math.min(want + 1, MAX_PAGE)
  for (;;) {
    const page: QueryCommandOutput = await ddb.send(
      new QueryCommand({
        TableName: config.tableName,
        IndexName: config.statusIndex,
        KeyConditionExpression: PENDING_QUERY.keyCondition,
        FilterExpression: PENDING_QUERY.filter,
        ProjectionExpression: '#id',
        ExpressionAttributeNames: { ...PENDING_QUERY.names, '#id': 'incident_id' },
        ExpressionAttributeValues: PENDING_QUERY.values,
        Limit: pageSize,
        ExclusiveStartKey: startKey
      }),
      { abortSignal }
    )
    const ids = (page.Items ?? []).map((item) => item.incident_id?.S).filter((id): id is string => id !== undefined)
    const items = await getItems(ddb, config.tableName, ids, abortSignal)
    for (const id of ids) {
      const item = items.get(id)
      if (item !== undefined && isPending(item)) found.push(item)
    }
    startKey = page.LastEvaluatedKey
    if (found.length > want) return { incidents: found.slice(0, want), hasMore: true }
    if (startKey === undefined) return { incidents: found, hasMore: false }
    if (shouldStop()) return { incidents: found, hasMore: true }
    pageSize = Math.min(pageSize * 2, MAX_PAGE)
  }
}

/** Consistent reads of full items by id; ids that no longer exist are absent from the map. */
export async function getItems(
  ddb: DynamoDBClient,
  table: string,
  ids: string[],
  abortSignal?: AbortSignal
): Promise<Map<string, Incident>> {
  const out = new Map<string, Incident>()
  for (let i = 0; i < ids.length; i += BATCH_GET_MAX) {
    let keys: Record<string, AttributeValue>[] = ids
      .slice(i, i + BATCH_GET_MAX)
      .map((id) => ({ incident_id: { S: id } }))
    // UnprocessedKeys is DynamoDB's partial success under load: retry just those, with a short backoff.
    for (let attempt = 0; keys.length > 0; attempt++) {
      if (attempt >= 8) throw new Error(`BatchGetItem left ${keys.length} keys unprocessed after ${attempt} attempts`)
      if (attempt > 0) await sleep(Math.min(1000, 50 * 2 ** attempt), undefined, { signal: abortSignal })
      const res = await ddb.send(
        new BatchGetItemCommand({ RequestItems: { [table]: { Keys: keys, ConsistentRead: true } } }),
        { abortSignal }
      )
      for (const raw of res.Responses?.[table] ?? []) {
        const item = toIncident(raw)
        if (typeof item.incident_id === 'string') out.set(item.incident_id, item)
      }
      keys = res.UnprocessedKeys?.[table]?.Keys ?? []
    }
  }
  return out
}

/** An item as read from the table. */
export function toIncident(raw: Record<string, AttributeValue>): Incident {
  return unmarshall(raw, { wrapNumbers: keepPrecision }) as Incident
}

/** A number JavaScript cannot hold exactly stays a string instead of failing the whole batch. */
function keepPrecision(value: string): number | string {
  const n = Number(value)
  return Number.isFinite(n) && (!Number.isInteger(n) || Number.isSafeInteger(n)) ? n : value
}

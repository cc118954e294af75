/**
 * The baseline for section 4: a batch-sync handler as it is first written. It reads pending incidents from the
 * status index, then for each in turn writes the sidecar, writes the document and marks the incident synced,
 * waiting for each call before the next. Same index, same rendering, same writes and the same time rule as the
 * reference Lambda (stop starting incidents once less than the margin is left), so the difference measured is
 * the reference's concurrency and batched reads, not less work.
 */
import { DynamoDBClient, QueryCommand, UpdateItemCommand, type AttributeValue } from '@aws-sdk/client-dynamodb'
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3'
import { unmarshall } from '@aws-sdk/util-dynamodb'
import { renderDocument } from '../src/lambda/document.js'
import type { Incident } from '../src/lambda/types.js'
import { PENDING_QUERY } from '../src/pending.js'

let ddb: DynamoDBClient | undefined
let s3: S3Client | undefined

interface Context {
  getRemainingTimeInMillis(): number
}

export async function handler(_event: unknown, context: Context) {
  const started = Date.now()
  const env = process.env
  const table = env.TABLE_NAME ?? 'incidents'
  const bucket = env.BUCKET_NAME ?? ''
  const prefix = env.KEY_PREFIX ?? 'incidents/closed/'
  const limit = Number(env.BATCH_LIMIT ?? 50)
  const margin = Math.min(Number(env.SAFETY_MARGIN_MS ?? 10_000), context.getRemainingTimeInMillis() / 4)
  ddb ??= new DynamoDBClient({})
  s3 ??= new S3Client({})

  const pending: Incident[] = []
  let start: Record<string, AttributeValue> | undefined
  do {
    const page = await ddb.send(
      new QueryCommand({
        TableName: table,
        IndexName: env.STATUS_INDEX ?? 'status-priority-index',
        KeyConditionExpression: PENDING_QUERY.keyCondition,
        FilterExpression: PENDING_QUERY.filter,
        ExpressionAttributeNames: { ...PENDING_QUERY.names },
        ExpressionAttributeValues: { ...PENDING_QUERY.values },
        ExclusiveStartKey: start,
        Limit: limit + 1
      })
    )
    for (const item of page.Items ?? []) pending.push(unmarshall(item) as Incident)
    start = page.LastEvaluatedKey
  } while (start && pending.length <= limit)

  let synced = 0
  let failed = 0
  let left = 0
  for (const incident of pending.slice(0, limit)) {
    if (context.getRemainingTimeInMillis() < margin) {
      left++
      continue
    }
    try {
      const doc = renderDocument(incident, prefix)
      await s3.send(
        new PutObjectCommand({
          Bucket: bucket,
          Key: doc.metadataKey,
          Body: doc.metadata,
          ContentType: 'application/json'
        })
      )
      await s3.send(
        new PutObjectCommand({ Bucket: bucket, Key: doc.key, Body: doc.body, ContentType: 'application/json' })
      )
      await ddb.send(
        new UpdateItemCommand({
          TableName: table,
          Key: { incident_id: { S: incident.incident_id } },
          UpdateExpression: 'SET kb_sync_status = :s',
          ExpressionAttributeValues: {
            ':s': { M: { synced: { BOOL: true }, synced_at: { S: new Date().toISOString() }, s3_key: { S: doc.key } } }
          }
        })
      )
      synced++
    } catch {
      failed++
    }
  }
  return {
    successfully_synced: synced,
    failed,
    total_processed: synced + failed,
    has_more: pending.length > limit || left > 0,
    duration_ms: Date.now() - started
  }
}

import { NOT_SYNCED_CONDITION } from '../pending.js'
import { ConditionalCheckFailedException, UpdateItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb'

export type MarkOutcome = 'marked' | 'not-pending'

/**
 * Marks one incident synced, only if it still exists and is still pending. Two invocations racing on the same
 * incident both write the same S3 object; exactly one of them wins this condition and counts it.
 */
export async function markSynced(
  ddb: DynamoDBClient,
  table: string,
  incidentId: string,
  s3Key: string,
  syncedAt: Date,
  abortSignal?: AbortSignal
): Promise<MarkOutcome> {
  try {
    await ddb.send(
      new UpdateItemCommand({
        TableName: table,
        Key: { incident_id: { S: incidentId } },
        UpdateExpression: 'SET #kb = :status',
        ConditionExpression: `attribute_exists(#id) AND (${NOT_SYNCED_CONDITION.expression})`,
        ExpressionAttributeNames: { ...NOT_SYNCED_CONDITION.names, '#id': 'incident_id' },
        ExpressionAttributeValues: {
          ...NOT_SYNCED_CONDITION.values,
          ':status': {
            M: { synced: { BOOL: true }, synced_at: { S: syncedAt.toISOString() }, s3_key: { S: s3Key } }
          }
        }
      }),
      { abortSignal }
    )
    return 'marked'
  } catch (err) {
    if (err instanceof ConditionalCheckFailedException || (err as Error).name === 'ConditionalCheckFailedException') {
      return 'not-pending'
    }
    throw err
  }
}

/**
 * Counts the incidents still waiting to be synced (docs/behaviour.md, "The backlog"). A count that cannot be read is a warning and an
 * unknown count, never a failure: the pipeline works without it.
 */
import { paginateQuery, type DynamoDBClient } from '@aws-sdk/client-dynamodb'
import { describeAwsError } from '../aws/errors.js'
import { PENDING_QUERY } from '../pending.js'

export type BacklogCount = { count: number } | { count: null; warning: string }

export interface BacklogTarget {
  table: string
  index: string
}

export async function countBacklog(
  dynamodb: DynamoDBClient,
  target: BacklogTarget,
  signal?: AbortSignal
): Promise<BacklogCount> {
  let count = 0
  try {
    const pages = paginateQuery(
      { client: dynamodb },
      {
        TableName: target.table,
        IndexName: target.index,
        KeyConditionExpression: PENDING_QUERY.keyCondition,
        FilterExpression: PENDING_QUERY.filter,
        ExpressionAttributeNames: PENDING_QUERY.names,
        ExpressionAttributeValues: PENDING_QUERY.values,
        Select: 'COUNT'
      },
      { abortSignal: signal }
    )
    for await (const page of pages) count += page.Count ?? 0
    return { count }
  } catch (error) {
    const why = describeAwsError(error, {
      iamAction: 'dynamodb:Query',
      target: `table ${target.table} index ${target.index}`
    })
    return { count: null, warning: `Backlog count unavailable, continuing without it: ${why}` }
  }
}

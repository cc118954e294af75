import type { DynamoDBClient } from '@aws-sdk/client-dynamodb'
import type { S3Client } from '@aws-sdk/client-s3'
import type { Context } from 'aws-lambda'
import { dynamoClient, s3Client } from './clients.js'
import { loadConfig } from './config.js'
import { emitMetrics } from './metrics.js'
import { syncBatch } from './sync.js'
import type { SyncResult } from './types.js'

export type { SyncResult } from './types.js'
export { ConfigError } from './config.js'

export interface HandlerDeps {
  ddb: () => DynamoDBClient
  s3: () => S3Client
  env: Record<string, string | undefined>
  now: () => number
}

export type SyncHandler = (event: unknown, context?: Partial<Context>) => Promise<SyncResult>

/**
 * Builds the handler; tests pass their own clients, environment or clock. The event is ignored: what to sync is
 * decided by the table, so any payload (the action sends `sync_payload`) gives the same behaviour.
 */
export function createHandler(overrides: Partial<HandlerDeps> = {}): SyncHandler {
  const deps: HandlerDeps = { ddb: dynamoClient, s3: s3Client, env: process.env, now: Date.now, ...overrides }
  return async (_event, context) => {
    const started = deps.now()
    const functionName = context?.functionName ?? deps.env.AWS_LAMBDA_FUNCTION_NAME ?? 'incident-kb-batch-sync'
    const remainingMs =
      typeof context?.getRemainingTimeInMillis === 'function'
        ? context.getRemainingTimeInMillis.bind(context)
        : () => Number.POSITIVE_INFINITY
    try {
      const config = loadConfig(deps.env)
      const result = await syncBatch(config, { ddb: deps.ddb(), s3: deps.s3(), now: deps.now }, remainingMs)
      emitMetrics({
        functionName,
        synced: result.successfully_synced,
        errors: result.failed,
        durationMs: result.duration_ms,
        timestamp: deps.now()
      })
      if (result.warning !== undefined) console.warn(JSON.stringify({ message: result.warning }))
      // Counts only: the lists of documents would push everything else out of the 4 KB log tail the action shows.
      const { synced_documents: _synced, removed_documents: _removed, ...counts } = result
      console.info(JSON.stringify({ message: 'Batch sync finished', ...counts }))
      return result
    } catch (err) {
      // A failed invocation counts as one error, so the SyncErrors alarm also sees a broken configuration or table.
      emitMetrics({ functionName, synced: 0, errors: 1, durationMs: deps.now() - started, timestamp: deps.now() })
      throw err
    }
  }
}

export const handler: SyncHandler = createHandler()
